import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql/index.js';
import { compiledCache } from '../compiled-cache.js';
import { builtinError } from '../errors.js';
import { type JsonObject, ensureOneOf, ensureString, isObject } from '../operands.js';
import { AstShapeError, queryDocumentFromOpa, schemaDocumentFromOpa } from './from-opa-ast.js';
import { type DocumentKind, GraphQLSyntaxError, parseDocument } from './parse.js';
import { buildValidSchema, firstQueryError } from './schema.js';
import { queryDocumentToOpa, schemaDocumentToOpa } from './to-opa-ast.js';

/*
 * OPA's graphql.* builtins. Queries and schemas are GraphQL text or the AST
 * objects these builtins return; ASTs have gqlparser's shape, errors OPA's
 * wording ("<detail> in GraphQL string at location 1:13" for syntax errors,
 * "... in GraphQL query string at location 4:5" for a query the schema
 * rejects).
 */

/** Failure of one step, already worded for the builtin's error message. */
class GraphQLFailure extends Error {}

/** graphql-js validates recursively (fragment chains too): a hostile document can exhaust the stack. */
function withinStack<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof RangeError && /call stack/.test(error.message)) throw new GraphQLFailure(`${what} nests too deeply to validate`);
    throw error;
  }
}

// Documents can be large and are usually few (one schema, a handful of queries): keep fewer than compiled patterns.
const CACHED_DOCUMENTS = 100;

const parseCached = {
  query: compiledCache((text: string) => parseDocument(text, 'query'), CACHED_DOCUMENTS),
  schema: compiledCache((text: string) => parseDocument(text, 'schema'), CACHED_DOCUMENTS),
};

const schemaFromText = compiledCache((text: string) => buildValidSchema(parseCached.schema(text)), CACHED_DOCUMENTS);
const schemaFromAst = compiledCache((json: string) => buildValidSchema(schemaDocumentFromOpa(JSON.parse(json) as JsonObject)), CACHED_DOCUMENTS);

function parseText(text: string, kind: DocumentKind): DocumentNode {
  try {
    return parseCached[kind](text);
  } catch (error) {
    if (error instanceof GraphQLSyntaxError) throw new GraphQLFailure(`${error.detail} in GraphQL string at location ${error.line}:${error.column}`);
    throw error;
  }
}

function documentOf(value: string | JsonObject, kind: DocumentKind): DocumentNode {
  if (typeof value === 'string') return parseText(value, kind);
  try {
    return kind === 'query' ? queryDocumentFromOpa(value) : schemaDocumentFromOpa(value);
  } catch (error) {
    if (error instanceof AstShapeError) throw new GraphQLFailure(`invalid ${kind} AST: ${error.message}`);
    throw error;
  }
}

function locatedMessage(error: GraphQLError, where: string): string {
  const message = error.message.replace(/\.$/, '');
  const at = error.locations?.[0];
  return at ? `${message} in ${where} at location ${at.line}:${at.column}` : `${message} in ${where}`;
}

/** The validated schema of a document given as text or AST (parsed already, so only validation can fail here). */
function schemaOf(value: string | JsonObject): GraphQLSchema {
  try {
    return withinStack('GraphQL schema', () => (typeof value === 'string' ? schemaFromText(value) : schemaFromAst(JSON.stringify(value))));
  } catch (error) {
    if (isGraphQLError(error)) throw new GraphQLFailure(locatedMessage(error, 'GraphQL schema string'));
    throw error;
  }
}

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/**
 * Validation verdicts per (schema, query document). Both come from the caches
 * above, so a repeated query against the same schema is validated once; the
 * weak maps let a verdict go when either document leaves its cache.
 */
const verdicts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, GraphQLError | null>>();

function queryErrorOf(schema: GraphQLSchema, query: DocumentNode): GraphQLError | null {
  let bySchema = verdicts.get(schema);
  if (bySchema === undefined) verdicts.set(schema, (bySchema = new WeakMap()));
  let verdict = bySchema.get(query);
  if (verdict === undefined) {
    verdict = withinStack('GraphQL query', () => firstQueryError(schema, query)) ?? null;
    bySchema.set(query, verdict);
  }
  return verdict;
}

interface Verified {
  query: DocumentNode;
  schema: DocumentNode;
}

/** Parses both documents and validates the query against the schema. */
function verify(query: string | JsonObject, schema: string | JsonObject): Verified {
  const queryDoc = documentOf(query, 'query');
  const schemaDoc = documentOf(schema, 'schema');
  const queryError = queryErrorOf(schemaOf(schema), queryDoc);
  if (queryError) throw new GraphQLFailure(locatedMessage(queryError, 'GraphQL query string'));
  return { query: queryDoc, schema: schemaDoc };
}

function isDocument(value: unknown): value is string | JsonObject {
  return typeof value === 'string' || isObject(value);
}

function failing<T>(builtin: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof GraphQLFailure) throw builtinError(builtin, error.message);
    throw error;
  }
}

function succeeds(step: () => unknown): boolean {
  try {
    step();
    return true;
  } catch (error) {
    if (error instanceof GraphQLFailure) return false;
    throw error;
  }
}

function parseQuery(query: unknown): JsonObject {
  const text = ensureString('graphql.parse_query', 1, query);
  return failing('graphql.parse_query', () => queryDocumentToOpa(parseText(text, 'query')));
}

function parseSchema(schema: unknown): JsonObject {
  const text = ensureString('graphql.parse_schema', 1, schema);
  return failing('graphql.parse_schema', () => schemaDocumentToOpa(parseText(text, 'schema')));
}

function parse(query: unknown, schema: unknown): [JsonObject, JsonObject] {
  ensureOneOf('graphql.parse', 1, query, ['string', 'object']);
  ensureOneOf('graphql.parse', 2, schema, ['string', 'object']);
  const verified = failing('graphql.parse', () => verify(query as string | JsonObject, schema as string | JsonObject));
  return [queryDocumentToOpa(verified.query), schemaDocumentToOpa(verified.schema)];
}

function parseAndVerify(query: unknown, schema: unknown): [boolean, JsonObject, JsonObject] {
  if (!isDocument(query) || !isDocument(schema)) return [false, {}, {}];
  try {
    const verified = verify(query, schema);
    return [true, queryDocumentToOpa(verified.query), schemaDocumentToOpa(verified.schema)];
  } catch (error) {
    if (error instanceof GraphQLFailure) return [false, {}, {}];
    throw error;
  }
}

function isValid(query: unknown, schema: unknown): boolean {
  return isDocument(query) && isDocument(schema) && succeeds(() => verify(query, schema));
}

function schemaIsValid(schema: unknown): boolean {
  return (
    isDocument(schema) &&
    succeeds(() => {
      documentOf(schema, 'schema');
      schemaOf(schema);
    })
  );
}

export const graphqlBuiltins = {
  'graphql.parse_query': parseQuery,
  'graphql.parse_schema': parseSchema,
  'graphql.parse': parse,
  'graphql.parse_and_verify': parseAndVerify,
  'graphql.is_valid': isValid,
  'graphql.schema_is_valid': schemaIsValid,
};
