import { HOST_BUILTIN_NAMES, loadHostBuiltins, type HostBuiltin } from './host-builtin-categories.js';

export { BuiltinError } from './errors.js';
export { plainResult } from './values.js';
export { HOST_BUILTIN_NAMES, loadHostBuiltins, type HostBuiltin } from './host-builtin-categories.js';

/**
 * Every host builtin toolgate implements, keyed by its declared Rego name
 * (src/policy/rego/builtins/table.ts), ready to pass to `loadPolicy` as custom
 * builtins. Arguments arrive JSON-decoded (sets as arrays); a result of
 * `undefined` means undefined; errors are thrown as BuiltinError. A result may
 * be an ArrayBuffer of JSON text (exact big integers), which the SDK passes on
 * as it is; other callers read it with `plainResult`.
 *
 * Importing this module loads every category; a loaded bundle takes only the
 * ones its policy calls (`loadHostBuiltins`, used by ../load.ts).
 */
export const hostBuiltins: Record<string, HostBuiltin> = await loadHostBuiltins(HOST_BUILTIN_NAMES);
