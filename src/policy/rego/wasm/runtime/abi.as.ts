// The OPA Wasm ABI exports that do not depend on the policy.
import { heapGet, heapSet, malloc } from "./heap.as";
import { jsonParse } from "./json-parse.as";
import { dumpToCString } from "./dump.as";
import { hostCallActive, hostCallReset } from "./host-call.as";
import { numInit } from "./number.as";
import { persistInit } from "./persist.as";

export const opa_wasm_abi_version: i32 = 1;
export const opa_wasm_abi_minor_version: i32 = 2;

export function opa_malloc(size: u32): u32 {
  return malloc(size);
}

/** A no-op: the heap is released as a whole by opa_heap_ptr_set. */
export function opa_free(addr: u32): void {}

export function opa_heap_ptr_get(): u32 {
  return heapGet();
}

/** Also ends a host call a throwing host left open (the SDK resets the heap before loading data or input). */
export function opa_heap_ptr_set(addr: u32): void {
  hostCallReset();
  heapSet(addr);
}

/** JSON text at addr -> value address; 0 if the text is not valid JSON. Tagged during a host call (host-call.as.ts). */
export function opa_json_parse(addr: u32, len: u32): u32 {
  return jsonParse(addr, len, hostCallActive());
}

/** Rego value text is accepted where it is JSON (the only form hosts send). */
export function opa_value_parse(addr: u32, len: u32): u32 {
  return jsonParse(addr, len);
}

/** value -> NUL-terminated JSON text. Tagged during a host call (host-call.as.ts). */
export function opa_json_dump(v: u32): u32 {
  return dumpToCString(v, false, hostCallActive());
}

/** value -> NUL-terminated Rego text (sets as {...}). */
export function opa_value_dump(v: u32): u32 {
  return dumpToCString(v, true);
}

/** Run once at instantiation (the linked module's start function). */
export function rt_init(): void {
  numInit();
  persistInit();
}
