import type { ErrorObject, ValidateFunction } from 'ajv';
import { validatePolicy } from './generated/schema-validators.js';
import type { PolicyDiagnostic } from './policy-error.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** Checks the document against schema/policy.schema.json; one positioned diagnostic per problem. */
export function checkSchema(source: YamlSource): PolicyDiagnostic[] {
  return schemaDiagnostics(validatePolicy as ValidateFunction, source, 'the policy');
}

/**
 * Runs a compiled schema over a YAML document: one positioned policy_schema_error
 * per problem, in document order. `root` names the document in messages.
 */
export function schemaDiagnostics(check: ValidateFunction, source: YamlSource, root: string): PolicyDiagnostic[] {
  if (check(source.value)) return [];
  const errors = (check.errors ?? []).filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const out: PolicyDiagnostic[] = [];
  const seen = new Set<string>();
  for (const error of preferred(errors)) {
    const path = toYamlPath(error.instancePath);
    const { message, key } = describe(error, path, root);
    const location = key === undefined ? source.valueAt(path) : source.keyAt(path, key);
    const id = `${location.line}:${location.col}:${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ code: 'policy_schema_error', message, location });
  }
  return out.sort((a, b) => a.location!.line - b.location!.line || a.location!.col - b.location!.col);
}

/**
 * One error per problem: a value failing several alternatives (e.g. `tool`) gets
 * one type error naming every accepted type; a bad mapping key only its key error.
 */
function preferred(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.schemaPath.includes('/propertyNames/')) continue;
    const sameType = out.find((o) => o.keyword === 'type' && e.keyword === 'type' && o.instancePath === e.instancePath);
    if (sameType) sameType.schema = [...([] as string[]).concat(sameType.schema as string), ...([] as string[]).concat(e.schema as string)];
    else out.push({ ...e });
  }
  return out.filter((e) => !(e.keyword === 'minLength' && out.some((o) => o.keyword === 'type' && o.instancePath === e.instancePath)));
}

function toYamlPath(instancePath: string): YamlPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `rules[2].action`, for messages. */
export function showPath(path: YamlPath, root = 'the policy'): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out === '' ? root : out;
}

function describe(error: ErrorObject, path: YamlPath, root: string): { message: string; key?: string } {
  const where = showPath(path, root);
  const got = JSON.stringify(error.data);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { message: `unknown key ${JSON.stringify(key)} in ${where} (expected one of: ${known.join(', ')})`, key };
    }
    case 'required':
      return { message: `${where} is missing the required key ${JSON.stringify((error.params as { missingProperty: string }).missingProperty)}` };
    case 'enum':
      return { message: `${where} must be one of ${(error.schema as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}` };
    case 'propertyNames': {
      const key = (error.params as { propertyName: string }).propertyName;
      return { message: `unknown key ${JSON.stringify(key)} in ${where}`, key };
    }
    case 'type': {
      const expected = ([] as string[]).concat(error.schema as string | string[]).map((t) => TYPE_WORDS[t] ?? t);
      return { message: `${where} must be ${expected.join(' or ')}, got ${typeName(error.data)}` };
    }
    default:
      return { message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
