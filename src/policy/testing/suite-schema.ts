import type { ValidateFunction } from 'ajv';
import type { PolicyDiagnostic } from '../dialect/index.js';
import { validateSuite } from '../dialect/generated/schema-validators.js';
import { schemaDiagnostics } from '../dialect/schema-check.js';
import type { YamlSource } from '../dialect/yaml-source.js';

/** One positioned policy_schema_error per problem of a `*.tests.yaml` document (schema/policy-tests.schema.json). */
export function checkSuiteSchema(source: YamlSource): PolicyDiagnostic[] {
  return schemaDiagnostics(validateSuite as ValidateFunction, source, 'the test file');
}
