import { globBuiltins } from './glob.js';
import { regexBuiltins } from './regex.js';
import { stringBuiltins } from './strings.js';

export { BuiltinError } from './errors.js';

export type HostBuiltin = (...args: unknown[]) => unknown;

/**
 * Every host builtin toolgate implements, keyed by its declared Rego name
 * (src/policy/rego/builtins/table.ts), ready to pass to `loadPolicy` as custom
 * builtins. Arguments arrive JSON-decoded (sets as arrays); a result of
 * `undefined` means undefined; errors are thrown as BuiltinError.
 */
export const hostBuiltins: Record<string, HostBuiltin> = {
  ...(stringBuiltins as Record<string, HostBuiltin>),
  ...(regexBuiltins as Record<string, HostBuiltin>),
  ...(globBuiltins as Record<string, HostBuiltin>),
};
