import {
  type ArgumentNode,
  type ConstDirectiveNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  type NamedTypeNode,
  type OperationTypeDefinitionNode,
  type SelectionNode,
  type TypeNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql/index.js';
import type { JsonObject } from '../operands.js';

/*
 * graphql-js ASTs as the objects OPA returns: gqlparser's Go structs with their
 * field names (Operations, SelectionSet, Alias, Kind, ...), value kinds as
 * gqlparser's numbers, and every null, empty list and empty object pruned away.
 */

/** gqlparser's ValueKind numbers. */
export const VALUE_KIND = {
  Variable: 0,
  IntValue: 1,
  FloatValue: 2,
  StringValue: 3,
  BlockValue: 4,
  BooleanValue: 5,
  NullValue: 6,
  EnumValue: 7,
  ListValue: 8,
  ObjectValue: 9,
} as const;

/** gqlparser's DefinitionKind of each graphql-js type definition or extension. */
export const DEFINITION_KIND: Partial<Record<Kind, string>> = {
  [Kind.SCALAR_TYPE_DEFINITION]: 'SCALAR',
  [Kind.OBJECT_TYPE_DEFINITION]: 'OBJECT',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'INTERFACE',
  [Kind.UNION_TYPE_DEFINITION]: 'UNION',
  [Kind.ENUM_TYPE_DEFINITION]: 'ENUM',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'INPUT_OBJECT',
  [Kind.SCALAR_TYPE_EXTENSION]: 'SCALAR',
  [Kind.OBJECT_TYPE_EXTENSION]: 'OBJECT',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'INTERFACE',
  [Kind.UNION_TYPE_EXTENSION]: 'UNION',
  [Kind.ENUM_TYPE_EXTENSION]: 'ENUM',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'INPUT_OBJECT',
};

export function queryDocumentToOpa(doc: DocumentNode): JsonObject {
  const operations: JsonObject[] = [];
  const fragments: JsonObject[] = [];
  for (const def of doc.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) {
      operations.push({
        Operation: def.operation,
        Name: def.name?.value ?? '',
        VariableDefinitions: def.variableDefinitions?.map(variableDefinition),
        Directives: directives(def.directives),
        SelectionSet: def.selectionSet.selections.map(selection),
      });
    } else if (def.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.push({
        Name: def.name.value,
        VariableDefinition: def.variableDefinitions?.map(variableDefinition),
        TypeCondition: def.typeCondition.name.value,
        Directives: directives(def.directives),
        SelectionSet: def.selectionSet.selections.map(selection),
      });
    }
  }
  return prune({ Operations: operations, Fragments: fragments });
}

export function schemaDocumentToOpa(doc: DocumentNode): JsonObject {
  const out: Record<'Schema' | 'SchemaExtension' | 'Directives' | 'Definitions' | 'Extensions', JsonObject[]> = {
    Schema: [],
    SchemaExtension: [],
    Directives: [],
    Definitions: [],
    Extensions: [],
  };
  for (const def of doc.definitions) {
    switch (def.kind) {
      case Kind.SCHEMA_DEFINITION:
      case Kind.SCHEMA_EXTENSION:
        (def.kind === Kind.SCHEMA_DEFINITION ? out.Schema : out.SchemaExtension).push({
          Description: def.kind === Kind.SCHEMA_DEFINITION ? (def.description?.value ?? '') : '',
          Directives: directives(def.directives),
          OperationTypes: def.operationTypes?.map(operationType),
        });
        break;
      case Kind.DIRECTIVE_DEFINITION:
        out.Directives.push({
          Description: def.description?.value ?? '',
          Name: def.name.value,
          Arguments: def.arguments?.map(inputValue),
          Locations: def.locations.map((l) => l.value),
          IsRepeatable: def.repeatable,
        });
        break;
      default: {
        const kind = DEFINITION_KIND[def.kind];
        if (kind === undefined) break;
        const extension = def.kind.endsWith('Extension');
        const d = def as typeof def & {
          description?: { value: string };
          interfaces?: readonly NamedTypeNode[];
          fields?: readonly (FieldDefinitionNode | InputValueDefinitionNode)[];
          types?: readonly NamedTypeNode[];
          values?: readonly { description?: { value: string }; name: { value: string }; directives?: readonly ConstDirectiveNode[] }[];
        };
        (extension ? out.Extensions : out.Definitions).push({
          Kind: kind,
          Description: d.description?.value ?? '',
          Name: d.name?.value ?? '',
          Directives: directives(d.directives),
          Interfaces: d.interfaces?.map((i) => i.name.value),
          Fields: d.fields?.map((f) => (f.kind === Kind.FIELD_DEFINITION ? fieldDefinition(f) : inputValue(f))),
          Types: d.types?.map((t) => t.name.value),
          EnumValues: d.values?.map((v) => ({ Description: v.description?.value ?? '', Name: v.name.value, Directives: directives(v.directives) })),
          BuiltIn: false,
        });
      }
    }
  }
  return prune(out);
}

function operationType(op: OperationTypeDefinitionNode): JsonObject {
  return { Operation: op.operation, Type: op.type.name.value };
}

function fieldDefinition(f: FieldDefinitionNode): JsonObject {
  return {
    Description: f.description?.value ?? '',
    Name: f.name.value,
    Arguments: f.arguments?.map(inputValue),
    Type: type(f.type),
    Directives: directives(f.directives),
  };
}

function inputValue(v: InputValueDefinitionNode): JsonObject {
  return {
    Description: v.description?.value ?? '',
    Name: v.name.value,
    DefaultValue: v.defaultValue && value(v.defaultValue),
    Type: type(v.type),
    Directives: directives(v.directives),
  };
}

function variableDefinition(v: VariableDefinitionNode): JsonObject {
  return {
    Variable: v.variable.name.value,
    Type: type(v.type),
    DefaultValue: v.defaultValue && value(v.defaultValue),
    Directives: directives(v.directives),
    Used: false,
  };
}

function selection(s: SelectionNode): JsonObject {
  switch (s.kind) {
    case Kind.FIELD:
      return {
        Alias: s.alias?.value ?? s.name.value,
        Name: s.name.value,
        Arguments: s.arguments?.map(argument),
        Directives: directives(s.directives),
        SelectionSet: s.selectionSet?.selections.map(selection),
      };
    case Kind.FRAGMENT_SPREAD:
      return { Name: s.name.value, Directives: directives(s.directives) };
    case Kind.INLINE_FRAGMENT:
      return {
        TypeCondition: s.typeCondition?.name.value ?? '',
        Directives: directives(s.directives),
        SelectionSet: s.selectionSet.selections.map(selection),
      };
  }
}

function argument(a: ArgumentNode): JsonObject {
  return { Name: a.name.value, Value: value(a.value) };
}

function directives(list: readonly DirectiveNode[] | undefined): JsonObject[] | undefined {
  return list?.map((d) => ({ Name: d.name.value, Arguments: d.arguments?.map(argument), Location: '' }));
}

function type(t: TypeNode): JsonObject {
  switch (t.kind) {
    case Kind.NAMED_TYPE:
      return { NamedType: t.name.value, NonNull: false };
    case Kind.LIST_TYPE:
      return { NamedType: '', Elem: type(t.type), NonNull: false };
    case Kind.NON_NULL_TYPE:
      return { ...type(t.type), NonNull: true };
  }
}

function value(v: ValueNode): JsonObject {
  switch (v.kind) {
    case Kind.VARIABLE:
      return { Raw: v.name.value, Kind: VALUE_KIND.Variable };
    case Kind.INT:
      return { Raw: v.value, Kind: VALUE_KIND.IntValue };
    case Kind.FLOAT:
      return { Raw: v.value, Kind: VALUE_KIND.FloatValue };
    case Kind.STRING:
      return { Raw: v.value, Kind: v.block ? VALUE_KIND.BlockValue : VALUE_KIND.StringValue };
    case Kind.BOOLEAN:
      return { Raw: String(v.value), Kind: VALUE_KIND.BooleanValue };
    case Kind.NULL:
      return { Raw: 'null', Kind: VALUE_KIND.NullValue };
    case Kind.ENUM:
      return { Raw: v.value, Kind: VALUE_KIND.EnumValue };
    case Kind.LIST:
      return { Raw: '', Kind: VALUE_KIND.ListValue, Children: v.values.map((c) => ({ Name: '', Value: value(c) })) };
    case Kind.OBJECT:
      return { Raw: '', Kind: VALUE_KIND.ObjectValue, Children: v.fields.map((f) => ({ Name: f.name.value, Value: value(f.value) })) };
  }
}

/** Drops nulls, undefined, and lists and objects that are empty once pruned, as OPA does with gqlparser's ASTs. */
function prune<T>(node: T): T {
  if (Array.isArray(node)) {
    return node.map(prune).filter((v) => !isEmpty(v)) as T;
  }
  if (typeof node === 'object' && node !== null) {
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(node)) {
      const pruned = prune(v);
      if (!isEmpty(pruned)) out[key] = pruned;
    }
    return out as T;
  }
  return node;
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}
