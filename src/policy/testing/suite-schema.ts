import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { PolicyDiagnostic } from '../dialect/index.js';
import { schemaPath } from '../dialect/paths.js';
import { showPath } from '../dialect/schema-check.js';
import type { YamlPath, YamlSource } from '../dialect/yaml-source.js';

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
  const check = validate();
  if (check(source.value)) return [];
  const seen = new Set<string>();
  const out: PolicyDiagnostic[] = [];
  for (const error of check.errors ?? []) {
    const path = toYamlPath(error.instancePath);
    const { message, key } = describe(error, path);
    const location = key === undefined ? source.valueAt(path) : source.keyAt(path, key);
    const id = `${location.line}:${location.col}:${message}`;
    if (!seen.has(id)) out.push({ code: 'policy_schema_error', message, location });
    seen.add(id);
  }
  return out.sort((a, b) => a.location!.line - b.location!.line || a.location!.col - b.location!.col);
}

function toYamlPath(instancePath: string): YamlPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(error: ErrorObject, path: YamlPath): { message: string; key?: string } {
  const where = path.length === 0 ? 'the test file' : showPath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { message: `unknown key ${JSON.stringify(key)} in ${where} (expected one of: ${known.join(', ')})`, key };
    }
    case 'required':
      return { message: `${where} is missing the required key ${JSON.stringify((error.params as { missingProperty: string }).missingProperty)}` };
    case 'type':
      return { message: `${where} must be ${TYPE_WORDS[String(error.schema)] ?? String(error.schema)}, got ${typeName(error.data)}` };
    default:
      return { message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

const TYPE_WORDS: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'a string', boolean: 'true or false', number: 'a number' };

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
