// Host builtin calls. While one is in flight, the host dumps the arguments
// (opa_json_dump) and loads the result (opa_json_parse) through the ABI
// exports; those then speak the tagged form toolgate's host codec reads
// (src/policy/engine/host-values.ts): a set as {"\u0000set": [...]}, an integer
// a double cannot hold as {"\u0000int": "digits"}, an object key that starts
// with U+0000 with one more U+0000 in front. Bundles built by OPA itself have
// no such mode; the `toolgate_host_values` export tells the loader which is which.
import { opa_builtin0, opa_builtin1, opa_builtin2, opa_builtin3, opa_builtin4 } from "./env.as";

/** The version of the tagged form (read by the loader; the linker keeps toolgate_* exports). */
export const toolgate_host_values: i32 = 1;

let inHostCall = false;

export function hostCallActive(): bool {
  return inHostCall;
}

/** A host that throws leaves the flag set; every evaluation and heap reset starts clean. */
export function hostCallReset(): void {
  inHostCall = false;
}

export function hostCall0(id: i32): u32 {
  inHostCall = true;
  const r = opa_builtin0(id, 0);
  inHostCall = false;
  return r;
}

export function hostCall1(id: i32, a: u32): u32 {
  inHostCall = true;
  const r = opa_builtin1(id, 0, a);
  inHostCall = false;
  return r;
}

export function hostCall2(id: i32, a: u32, b: u32): u32 {
  inHostCall = true;
  const r = opa_builtin2(id, 0, a, b);
  inHostCall = false;
  return r;
}

export function hostCall3(id: i32, a: u32, b: u32, c: u32): u32 {
  inHostCall = true;
  const r = opa_builtin3(id, 0, a, b, c);
  inHostCall = false;
  return r;
}

export function hostCall4(id: i32, a: u32, b: u32, c: u32, d: u32): u32 {
  inHostCall = true;
  const r = opa_builtin4(id, 0, a, b, c, d);
  inHostCall = false;
  return r;
}
