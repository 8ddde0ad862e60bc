import { arrayBuiltins } from './arrays.js';
import { awsBuiltins } from './aws-sigv4.js';
import { cryptoBuiltins } from './crypto.js';
import { encodingBuiltins } from './encoding.js';
import { globBuiltins } from './glob.js';
import { graphBuiltins } from './graphs.js';
import { graphqlBuiltins } from './graphql/index.js';
import { jwtBuiltins } from './jwt.js';
import { jsonSchemaBuiltins } from './json-schema.js';
import { jsonBuiltins } from './json.js';
import { netBuiltins } from './net.js';
import { numberBuiltins } from './numbers.js';
import { objectBuiltins } from './objects.js';
import { regexBuiltins } from './regex.js';
import { regoModuleBuiltins } from './rego-module.js';
import { runtimeBuiltins } from './runtime.js';
import { semverBuiltins } from './semver.js';
import { stringBuiltins } from './strings.js';
import { timeBuiltins } from './time.js';
import { unitBuiltins } from './units.js';
import { uuidBuiltins } from './uuid.js';
import { x509CsrBuiltins } from './x509-csr.js';
import { x509Builtins } from './x509.js';
import { yamlBuiltins } from './yaml.js';

export { BuiltinError } from './errors.js';
export { plainResult } from './values.js';

export type HostBuiltin = (...args: unknown[]) => unknown;

/**
 * Every host builtin toolgate implements, keyed by its declared Rego name
 * (src/policy/rego/builtins/table.ts), ready to pass to `loadPolicy` as custom
 * builtins. Arguments arrive JSON-decoded (sets as arrays); a result of
 * `undefined` means undefined; errors are thrown as BuiltinError. A result may
 * be an ArrayBuffer of JSON text (exact big integers), which the SDK passes on
 * as it is; other callers read it with `plainResult`.
 */
export const hostBuiltins: Record<string, HostBuiltin> = {
  ...stringBuiltins,
  ...regexBuiltins,
  ...globBuiltins,
  ...objectBuiltins,
  ...arrayBuiltins,
  ...graphBuiltins,
  ...jsonBuiltins,
  ...jsonSchemaBuiltins,
  ...yamlBuiltins,
  ...encodingBuiltins,
  ...unitBuiltins,
  ...numberBuiltins,
  ...timeBuiltins,
  ...netBuiltins,
  ...semverBuiltins,
  ...uuidBuiltins,
  ...cryptoBuiltins,
  ...runtimeBuiltins,
  ...jwtBuiltins,
  ...x509Builtins,
  ...x509CsrBuiltins,
  ...graphqlBuiltins,
  ...awsBuiltins,
  ...regoModuleBuiltins,
};
