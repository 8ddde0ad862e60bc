import { plainResult } from '../../../../src/policy/engine/builtins/index.js';

/** The JSON text the Wasm side receives for a host result (an ArrayBuffer result is already JSON text). */
export function jsonText(result: unknown): string {
  return result instanceof ArrayBuffer ? new TextDecoder().decode(result) : JSON.stringify(result);
}

/** A host result as a JavaScript value (integers beyond 2^53 round to the nearest double). */
export const decoded = plainResult;
