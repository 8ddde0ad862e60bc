/**
 * The names a module lists in its `builtins` export, the ones the SDK looks
 * host implementations up by. The SDK (@open-policy-agent/opa-wasm) picks its
 * own implementation of the builtins below over any custom one, so toolgate's
 * modules list those under an alias only toolgate's loader registers; every
 * other builtin goes by its Rego name.
 */

/** The builtins the SDK implements itself (its src/builtins/*.js; checked by a test). */
export const SDK_BUILTINS: ReadonlySet<string> = new Set(['sprintf', 'json.is_valid', 'regex.split', 'yaml.is_valid', 'yaml.marshal', 'yaml.unmarshal']);

const ALIAS_PREFIX = 'toolgate:';

/** The name a module imports a host builtin by. */
export function hostImportName(builtin: string): string {
  return SDK_BUILTINS.has(builtin) ? ALIAS_PREFIX + builtin : builtin;
}

/** The Rego builtin a module's import name stands for (an alias, or the name itself). */
export function builtinOfHostImport(importName: string): string {
  return importName.startsWith(ALIAS_PREFIX) ? importName.slice(ALIAS_PREFIX.length) : importName;
}
