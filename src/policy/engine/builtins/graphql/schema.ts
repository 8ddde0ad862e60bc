import {
  type DefinitionNode,
  type DocumentNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  type ValidationRule,
  buildASTSchema,
  specifiedRules,
  specifiedScalarTypes,
  introspectionTypes,
  validate,
  validateSchema,
} from 'graphql/index.js';
import { validateSDL } from 'graphql/validation/validate.js';

/*
 * Schemas and query validation with graphql-js, under the rules gqlparser (and
 * so OPA) applies where they differ from graphql-js:
 * - extending a type that is not defined defines it (Apollo federation style);
 * - directives on `extend schema` are not checked;
 * - a schema need not have a query root type.
 * Queries are validated with graphql-js's specified rules plus gqlparser's
 * "known root type" rule.
 */

const BUILT_IN_TYPES = new Set([...specifiedScalarTypes, ...introspectionTypes].map((t) => t.name));

const DEFINITION_OF_EXTENSION: Partial<Record<Kind, Kind>> = {
  [Kind.SCALAR_TYPE_EXTENSION]: Kind.SCALAR_TYPE_DEFINITION,
  [Kind.OBJECT_TYPE_EXTENSION]: Kind.OBJECT_TYPE_DEFINITION,
  [Kind.INTERFACE_TYPE_EXTENSION]: Kind.INTERFACE_TYPE_DEFINITION,
  [Kind.UNION_TYPE_EXTENSION]: Kind.UNION_TYPE_DEFINITION,
  [Kind.ENUM_TYPE_EXTENSION]: Kind.ENUM_TYPE_DEFINITION,
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: Kind.INPUT_OBJECT_TYPE_DEFINITION,
};

const NO_QUERY_ROOT = 'Query root type must be provided.';

/** Builds and validates a schema; throws the first GraphQLError found. */
export function buildValidSchema(doc: DocumentNode): GraphQLSchema {
  const adapted = withGqlparserExtensionRules(doc);
  const sdlErrors = validateSDL(adapted);
  if (sdlErrors.length > 0) throw sdlErrors[0];
  const schema = buildASTSchema(adapted, { assumeValidSDL: true });
  const schemaErrors = validateSchema(schema).filter((e) => e.message !== NO_QUERY_ROOT);
  if (schemaErrors.length > 0) throw schemaErrors[0];
  // Validated above under gqlparser's rules; graphql-js must not re-check for a query root.
  return new GraphQLSchema({ ...schema.toConfig(), assumeValid: true });
}

function withGqlparserExtensionRules(doc: DocumentNode): DocumentNode {
  const defined = new Set(BUILT_IN_TYPES);
  for (const def of doc.definitions) {
    if ('name' in def && def.name && !(def.kind in DEFINITION_OF_EXTENSION)) defined.add(def.name.value);
  }
  const definitions: DefinitionNode[] = [];
  for (const def of doc.definitions) {
    const definitionKind = DEFINITION_OF_EXTENSION[def.kind];
    if (definitionKind !== undefined && 'name' in def && def.name && !defined.has(def.name.value)) {
      defined.add(def.name.value);
      definitions.push({ ...def, kind: definitionKind } as DefinitionNode);
    } else if (def.kind === Kind.SCHEMA_EXTENSION) {
      if (def.operationTypes?.length) definitions.push({ ...def, directives: [] });
    } else {
      definitions.push(def);
    }
  }
  return { ...doc, definitions };
}

/** gqlparser's KnownRootType: an operation needs its root type in the schema. */
const knownRootTypeRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`Schema does not support operation type "${node.operation}"`, { nodes: node }));
    }
  },
});

/** The first validation error of a query against a schema, if any. */
export function firstQueryError(schema: GraphQLSchema, query: DocumentNode): GraphQLError | undefined {
  return validate(schema, query, [...specifiedRules, knownRootTypeRule], { maxErrors: 1 })[0];
}
