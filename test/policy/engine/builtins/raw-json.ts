import { plainResult } from '../../../../src/policy/engine/builtins/index.js';
import { encodeResult } from '../../../../src/policy/engine/host-values.js';

/** The JSON text the Wasm side receives for a host result (tagged, as toolgate's modules read it). */
export function jsonText(result: unknown): string {
  return new TextDecoder().decode(encodeResult(result, true));
}

/** A host result as a JavaScript value (integers beyond 2^53 round to the nearest double). */
export const decoded = plainResult;
