import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { compiledCache } from './compiled-cache.js';
import { builtinError } from './errors.js';
import { goJson, parseJson } from './json-text.js';
import { type JsonObject, ensureOneOf, isObject } from './operands.js';

/*
 * JSON Schema (draft-07) with ajv. Results and messages follow what OPA's
 * gojsonschema reports: [true, null] / [false, "jsonschema: ..."] for
 * verify_schema, [true, []] / [false, [{error, type, field, desc}]] for
 * match_schema. Compiled validators are cached by the schema's JSON text.
 */

const PRIMITIVE_TYPES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: true });

/** gojsonschema rejects unknown primitive types with this wording; ajv's own is less clear. */
function checkTypes(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(checkTypes);
  if (!isObject(schema)) return;
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  for (const t of types) {
    if (typeof t === 'string' && !PRIMITIVE_TYPES.includes(t)) {
      throw new Error(`has a primitive type that is NOT VALID -- given: /${t}/ Expected valid values are:[${PRIMITIVE_TYPES.join(' ')}]`);
    }
  }
  for (const [k, v] of Object.entries(schema)) if (k !== 'enum' && k !== 'const') checkTypes(v);
}

const compileSchema = compiledCache((text: string): ValidateFunction => {
  const schema = JSON.parse(text) as unknown;
  checkTypes(schema);
  return ajv.compile(schema as JsonObject | boolean);
});

function schemaText(builtin: string, pos: number, schema: unknown): string {
  ensureOneOf(builtin, pos, schema, ['string', 'object']);
  if (typeof schema !== 'string') return goJson(schema);
  try {
    return goJson(parseJson(schema));
  } catch (err) {
    throw builtinError(builtin, `operand ${pos}: ${(err as Error).message}`);
  }
}

function validatorFor(text: string): ValidateFunction {
  try {
    return compileSchema(text);
  } catch (err) {
    throw new Error((err as Error).message.replace(/^schema is invalid: /, ''));
  }
}

function verifySchema(schema: unknown): [boolean, string | null] {
  const text = schemaText('json.verify_schema', 1, schema);
  try {
    validatorFor(text);
    return [true, null];
  } catch (err) {
    return [false, `jsonschema: ${(err as Error).message}`];
  }
}

function givenType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

interface SchemaError {
  error: string;
  type: string;
  field: string;
  desc: string;
}

function describe(e: ErrorObject, document: unknown): SchemaError {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const value = segments.reduce<unknown>((v, s) => (v as Record<string, unknown>)?.[s], document);
  let field = segments.length === 0 ? '(root)' : segments.join('.');
  const p = e.params as Record<string, unknown>;
  let type = e.keyword;
  let desc = e.message ?? e.keyword;
  switch (e.keyword) {
    case 'type':
      type = 'invalid_type';
      desc = `Invalid type. Expected: ${String(p.type).replace(/,/g, ', ')}, given: ${givenType(value)}`;
      break;
    case 'required':
      desc = `${String(p.missingProperty)} is required`;
      break;
    case 'additionalProperties':
      type = 'additional_property_not_allowed';
      desc = `Additional property ${String(p.additionalProperty)} is not allowed`;
      break;
    case 'enum':
      desc = `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      desc = `${field} does not match: ${JSON.stringify(p.allowedValue)}`;
      break;
    case 'pattern':
      type = 'pattern';
      desc = `Does not match pattern '${String(p.pattern)}'`;
      break;
    case 'minLength':
      type = 'string_gte';
      desc = `String length must be greater than or equal to ${String(p.limit)}`;
      break;
    case 'maxLength':
      type = 'string_lte';
      desc = `String length must be less than or equal to ${String(p.limit)}`;
      break;
    case 'minimum':
      type = 'number_gte';
      desc = `Must be greater than or equal to ${String(p.limit)}`;
      break;
    case 'maximum':
      type = 'number_lte';
      desc = `Must be less than or equal to ${String(p.limit)}`;
      break;
    case 'minItems':
      type = 'array_min_items';
      desc = `Array must have at least ${String(p.limit)} items`;
      break;
    case 'maxItems':
      type = 'array_max_items';
      desc = `Array must have at most ${String(p.limit)} items`;
      break;
  }
  if (field === '') field = '(root)';
  return { error: `${field}: ${desc}`, type, field, desc };
}

function matchSchema(document: unknown, schema: unknown): [boolean, SchemaError[]] {
  const builtin = 'json.match_schema';
  ensureOneOf(builtin, 1, document, ['string', 'object']);
  let doc = document;
  if (typeof document === 'string') {
    try {
      doc = parseJson(document);
    } catch (err) {
      throw builtinError(builtin, `operand 1: ${(err as Error).message}`);
    }
  }
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schemaText(builtin, 2, schema));
  } catch (err) {
    if ((err as { code?: string }).code !== undefined) throw err;
    throw builtinError(builtin, (err as Error).message);
  }
  if (validate(doc)) return [true, []];
  return [false, (validate.errors ?? []).map((e) => describe(e, doc))];
}

export const jsonSchemaBuiltins = {
  'json.verify_schema': verifySchema,
  'json.match_schema': matchSchema,
};
