import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import type { PolicyDiagnostic } from '../dialect/index.js';
import { schemaPath } from '../dialect/paths.js';
import { schemaDiagnostics } from '../dialect/schema-check.js';
import type { YamlSource } from '../dialect/yaml-source.js';

const Ajv = AjvModule.default;
let validator: ValidateFunction | undefined;

/** schema/policy-tests.schema.json; its tests refer to the policy schema's test definition. */
function validate(): ValidateFunction {
  if (!validator) {
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true });
    ajv.addSchema(read(schemaPath()));
    validator = ajv.compile(read(join(dirname(schemaPath()), 'policy-tests.schema.json')));
  }
  return validator;
}

/** One positioned policy_schema_error per problem of a `*.tests.yaml` document. */
export function checkSuiteSchema(source: YamlSource): PolicyDiagnostic[] {
  return schemaDiagnostics(validate(), source, 'the test file');
}
