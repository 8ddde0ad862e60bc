import {
  type ArgumentNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  type NameNode,
  type NamedTypeNode,
  OperationTypeNode,
  type SelectionNode,
  type SelectionSetNode,
  type StringValueNode,
  type TypeNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql/index.js';
import { type JsonObject, isObject, typeNameOf } from '../operands.js';
import { VALUE_KIND } from './to-opa-ast.js';

/*
 * The AST objects OPA's graphql builtins return (gqlparser's field names), read
 * back into graphql-js documents so they can be validated. Absent fields take
 * Go's zero values; a field of the wrong type is an error naming its path.
 */

export class AstShapeError extends Error {}

/** Deepest AST object accepted (about four objects per nesting level of the document). */
const MAX_AST_DEPTH = 1024;

class Reader {
  constructor(
    private readonly node: JsonObject,
    private readonly path: string,
    private readonly depth = 0,
  ) {
    if (depth > MAX_AST_DEPTH) throw new AstShapeError(`AST nests deeper than ${MAX_AST_DEPTH} objects`);
  }

  string(key: string): string {
    const v = this.node[key];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw this.wrong(key, 'string', v);
    return v;
  }

  boolean(key: string): boolean {
    const v = this.node[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') throw this.wrong(key, 'boolean', v);
    return v;
  }

  number(key: string): number {
    const v = this.node[key];
    if (v === undefined || v === null) return 0;
    if (typeof v !== 'number') throw this.wrong(key, 'number', v);
    return v;
  }

  object(key: string): Reader | undefined {
    const v = this.node[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw this.wrong(key, 'object', v);
    return new Reader(v, `${this.path}.${key}`, this.depth + 1);
  }

  objects(key: string): Reader[] {
    const v = this.node[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw this.wrong(key, 'array', v);
    return v.map((item, i) => {
      if (!isObject(item)) throw new AstShapeError(`${this.path}.${key}[${i}] must be an object but got ${typeNameOf(item)}`);
      return new Reader(item, `${this.path}.${key}[${i}]`, this.depth + 1);
    });
  }

  strings(key: string): string[] {
    const v = this.node[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw this.wrong(key, 'array of strings', v);
    return v as string[];
  }

  has(key: string): boolean {
    return this.node[key] !== undefined;
  }

  private wrong(key: string, expected: string, v: unknown): AstShapeError {
    return new AstShapeError(`${this.path}.${key} must be ${expected} but got ${typeNameOf(v)}`);
  }
}

const name = (value: string): NameNode => ({ kind: Kind.NAME, value });
const namedType = (value: string): NamedTypeNode => ({ kind: Kind.NAMED_TYPE, name: name(value) });

function description(r: Reader): StringValueNode | undefined {
  const text = r.string('Description');
  return text === '' ? undefined : { kind: Kind.STRING, value: text, block: true };
}

export function queryDocumentFromOpa(ast: JsonObject): DocumentNode {
  const doc = new Reader(ast, 'query');
  const definitions: DefinitionNode[] = [];
  for (const op of doc.objects('Operations')) {
    const operationName = op.string('Name');
    definitions.push({
      kind: Kind.OPERATION_DEFINITION,
      operation: operationType(op.string('Operation') || 'query'),
      name: operationName === '' ? undefined : name(operationName),
      variableDefinitions: op.objects('VariableDefinitions').map(variableDefinition),
      directives: directives(op),
      selectionSet: selectionSet(op),
    });
  }
  for (const fragment of doc.objects('Fragments')) {
    definitions.push({
      kind: Kind.FRAGMENT_DEFINITION,
      name: name(fragment.string('Name')),
      typeCondition: namedType(fragment.string('TypeCondition')),
      directives: directives(fragment),
      selectionSet: selectionSet(fragment),
    });
  }
  return { kind: Kind.DOCUMENT, definitions };
}

function operationType(op: string): OperationTypeNode {
  switch (op) {
    case 'query':
      return OperationTypeNode.QUERY;
    case 'mutation':
      return OperationTypeNode.MUTATION;
    case 'subscription':
      return OperationTypeNode.SUBSCRIPTION;
    default:
      throw new AstShapeError(`unknown operation type ${JSON.stringify(op)}`);
  }
}

function variableDefinition(v: Reader): VariableDefinitionNode {
  const defaultValue = v.object('DefaultValue');
  return {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(v.string('Variable')) },
    type: type(v.object('Type')),
    defaultValue: defaultValue && (value(defaultValue) as VariableDefinitionNode['defaultValue']),
    directives: directives(v) as ConstDirectiveNode[],
  };
}

function selectionSet(r: Reader): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: r.objects('SelectionSet').map(selection) };
}

function selection(s: Reader): SelectionNode {
  if (s.has('Alias')) {
    const alias = s.string('Alias');
    const fieldName = s.string('Name');
    return {
      kind: Kind.FIELD,
      alias: alias === '' || alias === fieldName ? undefined : name(alias),
      name: name(fieldName),
      arguments: arguments_(s),
      directives: directives(s),
      selectionSet: s.has('SelectionSet') ? selectionSet(s) : undefined,
    };
  }
  if (s.has('TypeCondition') || !s.has('Name')) {
    const condition = s.string('TypeCondition');
    return {
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: condition === '' ? undefined : namedType(condition),
      directives: directives(s),
      selectionSet: selectionSet(s),
    };
  }
  return { kind: Kind.FRAGMENT_SPREAD, name: name(s.string('Name')), directives: directives(s) };
}

function arguments_(r: Reader): ArgumentNode[] {
  return r.objects('Arguments').map((a) => ({ kind: Kind.ARGUMENT, name: name(a.string('Name')), value: value(a.object('Value')) }));
}

function directives(r: Reader): DirectiveNode[] {
  return r.objects('Directives').map((d) => ({ kind: Kind.DIRECTIVE, name: name(d.string('Name')), arguments: arguments_(d) }));
}

function type(t: Reader | undefined): TypeNode {
  if (t === undefined) throw new AstShapeError('a type is missing');
  const elem = t.object('Elem');
  const inner: TypeNode = elem ? { kind: Kind.LIST_TYPE, type: type(elem) } : namedType(t.string('NamedType'));
  return t.boolean('NonNull') ? { kind: Kind.NON_NULL_TYPE, type: inner as NamedTypeNode } : inner;
}

function value(v: Reader | undefined): ValueNode {
  if (v === undefined) return { kind: Kind.NULL };
  const raw = v.string('Raw');
  switch (v.number('Kind')) {
    case VALUE_KIND.Variable:
      return { kind: Kind.VARIABLE, name: name(raw) };
    case VALUE_KIND.IntValue:
      return { kind: Kind.INT, value: raw };
    case VALUE_KIND.FloatValue:
      return { kind: Kind.FLOAT, value: raw };
    case VALUE_KIND.StringValue:
      return { kind: Kind.STRING, value: raw };
    case VALUE_KIND.BlockValue:
      return { kind: Kind.STRING, value: raw, block: true };
    case VALUE_KIND.BooleanValue:
      return { kind: Kind.BOOLEAN, value: raw === 'true' };
    case VALUE_KIND.NullValue:
      return { kind: Kind.NULL };
    case VALUE_KIND.EnumValue:
      return { kind: Kind.ENUM, value: raw };
    case VALUE_KIND.ListValue:
      return { kind: Kind.LIST, values: v.objects('Children').map((c) => value(c.object('Value'))) };
    case VALUE_KIND.ObjectValue:
      return {
        kind: Kind.OBJECT,
        fields: v.objects('Children').map((c) => ({ kind: Kind.OBJECT_FIELD, name: name(c.string('Name')), value: value(c.object('Value')) })),
      };
    default:
      throw new AstShapeError(`unknown value kind ${v.number('Kind')}`);
  }
}

const TYPE_DEFINITION_KIND: Record<string, [definition: Kind, extension: Kind]> = {
  SCALAR: [Kind.SCALAR_TYPE_DEFINITION, Kind.SCALAR_TYPE_EXTENSION],
  OBJECT: [Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION],
  INTERFACE: [Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION],
  UNION: [Kind.UNION_TYPE_DEFINITION, Kind.UNION_TYPE_EXTENSION],
  ENUM: [Kind.ENUM_TYPE_DEFINITION, Kind.ENUM_TYPE_EXTENSION],
  INPUT_OBJECT: [Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_EXTENSION],
};

export function schemaDocumentFromOpa(ast: JsonObject): DocumentNode {
  const doc = new Reader(ast, 'schema');
  const definitions: DefinitionNode[] = [];
  for (const [key, extension] of [
    ['Schema', false],
    ['SchemaExtension', true],
  ] as const) {
    for (const s of doc.objects(key)) {
      const operationTypes = s.objects('OperationTypes').map((op) => ({
        kind: Kind.OPERATION_TYPE_DEFINITION as const,
        operation: operationType(op.string('Operation')),
        type: namedType(op.string('Type')),
      }));
      const dirs = directives(s) as ConstDirectiveNode[];
      definitions.push(
        extension
          ? { kind: Kind.SCHEMA_EXTENSION, directives: dirs, operationTypes }
          : { kind: Kind.SCHEMA_DEFINITION, description: description(s), directives: dirs, operationTypes },
      );
    }
  }
  for (const d of doc.objects('Directives')) {
    definitions.push({
      kind: Kind.DIRECTIVE_DEFINITION,
      description: description(d),
      name: name(d.string('Name')),
      arguments: d.objects('Arguments').map(inputValue),
      repeatable: d.boolean('IsRepeatable'),
      locations: d.strings('Locations').map(name),
    });
  }
  for (const [key, extension] of [
    ['Definitions', false],
    ['Extensions', true],
  ] as const) {
    for (const d of doc.objects(key)) definitions.push(typeDefinition(d, extension));
  }
  return { kind: Kind.DOCUMENT, definitions };
}

function typeDefinition(d: Reader, extension: boolean): DefinitionNode {
  const kinds = TYPE_DEFINITION_KIND[d.string('Kind')];
  if (kinds === undefined) throw new AstShapeError(`unknown definition kind ${JSON.stringify(d.string('Kind'))}`);
  const kind = kinds[extension ? 1 : 0];
  const input = d.string('Kind') === 'INPUT_OBJECT';
  return {
    kind,
    description: extension ? undefined : description(d),
    name: name(d.string('Name')),
    directives: directives(d) as ConstDirectiveNode[],
    interfaces: d.strings('Interfaces').map(namedType),
    fields: d.objects('Fields').map((f) => (input ? inputValue(f) : fieldDefinition(f))),
    types: d.strings('Types').map(namedType),
    values: d.objects('EnumValues').map((v) => ({
      kind: Kind.ENUM_VALUE_DEFINITION,
      description: description(v),
      name: name(v.string('Name')),
      directives: directives(v) as ConstDirectiveNode[],
    })),
  } as DefinitionNode;
}

function fieldDefinition(f: Reader): FieldDefinitionNode {
  return {
    kind: Kind.FIELD_DEFINITION,
    description: description(f),
    name: name(f.string('Name')),
    arguments: f.objects('Arguments').map(inputValue),
    type: type(f.object('Type')),
    directives: directives(f) as ConstDirectiveNode[],
  };
}

function inputValue(v: Reader): InputValueDefinitionNode {
  const defaultValue = v.object('DefaultValue');
  return {
    kind: Kind.INPUT_VALUE_DEFINITION,
    description: description(v),
    name: name(v.string('Name')),
    type: type(v.object('Type')),
    defaultValue: defaultValue && (value(defaultValue) as InputValueDefinitionNode['defaultValue']),
    directives: directives(v) as ConstDirectiveNode[],
  };
}
