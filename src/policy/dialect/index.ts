/** The YAML rule dialect: load + validate a policy file, compile it to Rego. See docs/dialect.md. */
export { loadPolicyFile } from './load.js';
export { compilePolicy, type CompiledPolicy } from './compile.js';
export { PolicyError, formatPolicyDiagnostic, type PolicyDiagnostic, type PolicyLocation } from './policy-error.js';
export type { Policy, PolicyRule, PolicySource, PolicyTest } from './policy-types.js';
export { PROFILES, profilePath } from './paths.js';
