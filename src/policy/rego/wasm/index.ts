/**
 * The Wasm side of toolgate's Rego toolchain: planner IR -> a module that
 * implements the OPA Wasm ABI (loadable unchanged by @open-policy-agent/opa-wasm),
 * linked with toolgate's own prebuilt runtime.
 */
import type { Policy } from '../ir.js';
import { emitPolicy, type EmitOptions } from './emit-policy.js';

export { RUNTIME_BUILTINS } from './native-builtins.js';
export type { EmitOptions } from './emit-policy.js';

export function emitWasm(policy: Policy, options: EmitOptions = {}): Uint8Array<ArrayBuffer> {
  return emitPolicy(policy, options);
}
