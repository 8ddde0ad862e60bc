// Imports of the OPA Wasm ABI. Every one is declared (and used) here so the
// prebuilt runtime's import section never changes when a policy is linked in.

@external("env", "opa_abort")
export declare function opa_abort(addr: u32): void;

@external("env", "opa_println")
export declare function opa_println(addr: u32): void;

@external("env", "opa_builtin0")
export declare function opa_builtin0(id: i32, ctx: u32): u32;

@external("env", "opa_builtin1")
export declare function opa_builtin1(id: i32, ctx: u32, a: u32): u32;

@external("env", "opa_builtin2")
export declare function opa_builtin2(id: i32, ctx: u32, a: u32, b: u32): u32;

@external("env", "opa_builtin3")
export declare function opa_builtin3(id: i32, ctx: u32, a: u32, b: u32, c: u32): u32;

@external("env", "opa_builtin4")
export declare function opa_builtin4(id: i32, ctx: u32, a: u32, b: u32, c: u32, d: u32): u32;
