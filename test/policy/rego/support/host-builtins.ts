/** The project's host builtins (src/policy/engine/builtins) bridged to interpreter values through JSON, as the Wasm SDK passes them. */
import { hostBuiltins } from '../../../../src/policy/engine/builtins/index.js';
import type { BuiltinImpl } from './core-builtins.js';
import { fromJSON, toJSON, type Value } from './values.js';

export const hostForInterpreter: Record<string, BuiltinImpl> = Object.fromEntries(
  Object.entries(hostBuiltins).map(([name, f]) => [
    name,
    (...args: Value[]) => {
      const r = f(...args.map(toJSON));
      return r === undefined ? undefined : fromJSON(r);
    },
  ]),
);
