// The prebuilt runtime's exports. ABI names (opa_*) stay in the linked module;
// rt_* and bi_* are for the emitted policy code and are removed by the linker.
export {
  opa_wasm_abi_version, opa_wasm_abi_minor_version, opa_malloc, opa_free, opa_heap_ptr_get, opa_heap_ptr_set,
  opa_json_parse, opa_value_parse, opa_json_dump, opa_value_dump, rt_init,
} from "./abi.as";
export { rt_heap_ptr } from "./heap.as";
export { toolgate_host_values } from "./host-call.as";
export { rt_strict, rt_call_site, toolgate_call_site } from "./errors.as";
export { rt_persist_size } from "./persist.as";
export * from "./eval.as";
export * from "./ops.as";
export * from "./builtins/compare.as";
export * from "./builtins/arith.as";
export * from "./builtins/bits.as";
export * from "./builtins/aggregates.as";
export * from "./builtins/sets.as";
export * from "./builtins/types.as";
export * from "./builtins/strings.as";
export * from "./builtins/arrays.as";
export * from "./builtins/objects.as";
export * from "./builtins/patterns.as";
export * from "./builtins/sprintf.as";
export * from "./builtins/json.as";
import { NULL, TRUE, FALSE } from "./values.as";
import { opa_println } from "./env.as";

/** Addresses of the static null/true/false values, read by the linker. */
export const rt_null: u32 = NULL;
export const rt_true: u32 = TRUE;
export const rt_false: u32 = FALSE;

/** Debug output through the host (keeps the opa_println import in place). */
export function rt_println(addr: u32): void {
  opa_println(addr);
}
