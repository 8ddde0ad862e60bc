import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

const SCHEMA = `
  type Employee {
    id: String!
    salary: Int!
  }
  type Query {
    employeeByID(id: String): Employee
    search(filter: Filter, tags: [String!] = ["a"]): [Employee]
  }
  input Filter {
    name: String
    minSalary: Int = 0
  }
`;

describe('graphql.parse_query', () => {
  it('returns the query AST in gqlparser shape, empty parts pruned', () => {
    expect(b['graphql.parse_query']('{hero {name}}')).toEqual({
      Operations: [{ Name: '', Operation: 'query', SelectionSet: [{ Alias: 'hero', Name: 'hero', SelectionSet: [{ Alias: 'name', Name: 'name' }] }] }],
    });
  });

  it('keeps aliases, arguments, variables, directives, fragments and value kinds', () => {
    const ast = b['graphql.parse_query'](`
      query Q($id: String! = "x", $n: [Int]) @live {
        boss: employeeByID(id: $id) { ...F ... on Employee @include(if: true) { id } }
        search(filter: {name: null, minSalary: 1.5e3}, tags: [ON, """block"""]) { id }
      }
      fragment F on Employee { salary }
    `);
    expect(ast).toEqual({
      Operations: [
        {
          Name: 'Q',
          Operation: 'query',
          Directives: [{ Name: 'live', Location: '' }],
          VariableDefinitions: [
            { Variable: 'id', Type: { NamedType: 'String', NonNull: true }, DefaultValue: { Kind: 3, Raw: 'x' }, Used: false },
            { Variable: 'n', Type: { NamedType: '', Elem: { NamedType: 'Int', NonNull: false }, NonNull: false }, Used: false },
          ],
          SelectionSet: [
            {
              Alias: 'boss',
              Name: 'employeeByID',
              Arguments: [{ Name: 'id', Value: { Kind: 0, Raw: 'id' } }],
              SelectionSet: [
                { Name: 'F' },
                {
                  TypeCondition: 'Employee',
                  Directives: [{ Name: 'include', Location: '', Arguments: [{ Name: 'if', Value: { Kind: 5, Raw: 'true' } }] }],
                  SelectionSet: [{ Alias: 'id', Name: 'id' }],
                },
              ],
            },
            {
              Alias: 'search',
              Name: 'search',
              Arguments: [
                {
                  Name: 'filter',
                  Value: {
                    Kind: 9,
                    Raw: '',
                    Children: [
                      { Name: 'name', Value: { Kind: 6, Raw: 'null' } },
                      { Name: 'minSalary', Value: { Kind: 2, Raw: '1.5e3' } },
                    ],
                  },
                },
                {
                  Name: 'tags',
                  Value: {
                    Kind: 8,
                    Raw: '',
                    Children: [
                      { Name: '', Value: { Kind: 7, Raw: 'ON' } },
                      { Name: '', Value: { Kind: 4, Raw: 'block' } },
                    ],
                  },
                },
              ],
              SelectionSet: [{ Alias: 'id', Name: 'id' }],
            },
          ],
        },
      ],
      Fragments: [{ Name: 'F', TypeCondition: 'Employee', SelectionSet: [{ Alias: 'salary', Name: 'salary' }] }],
    });
  });

  it('accepts an empty document', () => {
    expect(b['graphql.parse_query']('  # nothing\n')).toEqual({});
  });

  it('words syntax errors like gqlparser, with code-point columns', () => {
    const err = (q: string) => () => b['graphql.parse_query'](q);
    expect(err('query Foo')).toThrow('graphql.parse_query: Expected {, found <EOF> in GraphQL string at location 1:10');
    expect(err('{ a(x: ) }')).toThrow('Unexpected ) in GraphQL string at location 1:8');
    expect(err('{ a() }')).toThrow('expected at least one definition, found ) in GraphQL string at location 1:5');
    expect(err('{ }')).toThrow('expected at least one definition, found } in GraphQL string at location 1:3');
    expect(err('fragment F in T { a }')).toThrow('Expected "on", found Name "in" in GraphQL string at location 1:12');
    expect(err('{ a ~ }')).toThrow('Unexpected <Invalid> in GraphQL string at location 1:5');
    expect(err('{ a(x: "😀") ~ }')).toThrow('Unexpected <Invalid> in GraphQL string at location 1:13');
  });

  it('refuses schema definitions in a query document', () => {
    expect(() => b['graphql.parse_query']('{ a } type T { a: Int }')).toThrow('Unexpected Name "type" in GraphQL string at location 1:7');
    expect(() => b['graphql.parse_query']('"doc" query { a }')).toThrow('Unexpected String "doc" in GraphQL string at location 1:2');
  });

  it('rejects non-string operands', () => {
    expect(() => b['graphql.parse_query'](1)).toThrow('graphql.parse_query: operand 1 must be string but got number');
  });
});

describe('graphql.parse_schema', () => {
  it('returns definitions, extensions, directives and schema entries in gqlparser shape', () => {
    const ast = b['graphql.parse_schema'](`
      """
      Block description
      """
      type Hello implements & A & B @deprecated { world(flag: Boolean = true): [String!]! }
      extend type Hello { more: Int }
      union U = | A | B
      enum E { X "described" Y }
      input I { a: Int = 1 }
      scalar S
      directive @d(x: Int) repeatable on FIELD | OBJECT
      schema { query: Hello }
      extend schema @d
    `);
    expect(ast).toEqual({
      Definitions: [
        {
          BuiltIn: false,
          Description: 'Block description',
          Kind: 'OBJECT',
          Name: 'Hello',
          Interfaces: ['A', 'B'],
          Directives: [{ Name: 'deprecated', Location: '' }],
          Fields: [
            {
              Description: '',
              Name: 'world',
              Arguments: [{ Description: '', Name: 'flag', DefaultValue: { Kind: 5, Raw: 'true' }, Type: { NamedType: 'Boolean', NonNull: false } }],
              Type: { NamedType: '', Elem: { NamedType: 'String', NonNull: true }, NonNull: true },
            },
          ],
        },
        { BuiltIn: false, Description: '', Kind: 'UNION', Name: 'U', Types: ['A', 'B'] },
        {
          BuiltIn: false,
          Description: '',
          Kind: 'ENUM',
          Name: 'E',
          EnumValues: [
            { Description: '', Name: 'X' },
            { Description: 'described', Name: 'Y' },
          ],
        },
        {
          BuiltIn: false,
          Description: '',
          Kind: 'INPUT_OBJECT',
          Name: 'I',
          Fields: [{ Description: '', Name: 'a', DefaultValue: { Kind: 1, Raw: '1' }, Type: { NamedType: 'Int', NonNull: false } }],
        },
        { BuiltIn: false, Description: '', Kind: 'SCALAR', Name: 'S' },
      ],
      Extensions: [
        { BuiltIn: false, Description: '', Kind: 'OBJECT', Name: 'Hello', Fields: [{ Description: '', Name: 'more', Type: { NamedType: 'Int', NonNull: false } }] },
      ],
      Directives: [
        {
          Description: '',
          Name: 'd',
          IsRepeatable: true,
          Locations: ['FIELD', 'OBJECT'],
          Arguments: [{ Description: '', Name: 'x', Type: { NamedType: 'Int', NonNull: false } }],
        },
      ],
      Schema: [{ Description: '', OperationTypes: [{ Operation: 'query', Type: 'Hello' }] }],
      SchemaExtension: [{ Description: '', Directives: [{ Name: 'd', Location: '' }] }],
    });
  });

  it('words syntax errors like gqlparser', () => {
    const err = (s: string) => () => b['graphql.parse_schema'](s);
    expect(err('type Hello {}')).toThrow('graphql.parse_schema: expected at least one definition, found } in GraphQL string at location 1:13');
    expect(err('type Hello {\n  # only a comment\n}')).toThrow('expected at least one definition, found } in GraphQL string at location 3:1');
    expect(err('extend type Hello')).toThrow('Unexpected <EOF> in GraphQL string at location 1:18');
    expect(err('union Hello = Wo || Rld')).toThrow('Expected Name, found | in GraphQL string at location 1:19');
    expect(err('input Hello {\n  world(foo: Int): String\n}')).toThrow('Expected :, found ( in GraphQL string at location 2:8');
    expect(err('directive @foo on FIELD | WRONG')).toThrow('Unexpected Name "WRONG" in GraphQL string at location 1:27');
    // gqlparser places string tokens after their opening quotes.
    expect(err('"Description"\nextend type Hello { a: Int }')).toThrow('Unexpected String "Description" in GraphQL string at location 1:2');
    expect(err('"""Block"""\nextend type Hello { a: Int }')).toThrow('Unexpected BlockString "Block" in GraphQL string at location 1:4');
    expect(err('"""\r')).toThrow('Unexpected <Invalid> in GraphQL string at location 2:1');
  });

  it('refuses operations in a schema document', () => {
    expect(() => b['graphql.parse_schema']('type T { a: Int } { a }')).toThrow('Unexpected { in GraphQL string at location 1:19');
    expect(() => b['graphql.parse_schema']('"d" query { a }')).toThrow('Unexpected Name "query" in GraphQL string at location 1:5');
  });

  it('rejects non-string operands', () => {
    expect(() => b['graphql.parse_schema']({})).toThrow('graphql.parse_schema: operand 1 must be string but got object');
  });
});

describe('graphql.schema_is_valid', () => {
  it('accepts valid schemas, with or without a query root', () => {
    expect(b['graphql.schema_is_valid'](SCHEMA)).toBe(true);
    expect(b['graphql.schema_is_valid']('type Hello { world: String }')).toBe(true);
    expect(b['graphql.schema_is_valid']('')).toBe(true);
  });

  it('lets an extension define a type that does not exist, once per kind', () => {
    expect(b['graphql.schema_is_valid']('extend type A { a: Int } extend type A { b: Int } union U = A')).toBe(true);
    expect(b['graphql.schema_is_valid']('extend scalar Foo @deprecated extend type Foo @deprecated')).toBe(false);
  });

  it('does not check directives on schema extensions', () => {
    expect(b['graphql.schema_is_valid']('extend schema @directive')).toBe(true);
    expect(b['graphql.schema_is_valid']('extend schema { mutation: Mutation }')).toBe(false);
  });

  it('rejects unknown types, missing fields, transitive interfaces left out and syntax errors', () => {
    expect(b['graphql.schema_is_valid']('schema { query: Query }')).toBe(false);
    expect(b['graphql.schema_is_valid']('union Hello = World')).toBe(false);
    expect(b['graphql.schema_is_valid']('extend type Hello implements Greeting')).toBe(false);
    expect(b['graphql.schema_is_valid']('interface IA { id: ID! } interface IIA implements IA { id: ID! } type A implements IIA { id: ID! }')).toBe(false);
    expect(b['graphql.schema_is_valid']('type Hello {}')).toBe(false);
    expect(b['graphql.schema_is_valid']('type __Reserved { a: Int }')).toBe(false);
  });

  it('reads AST objects and answers false for other operands', () => {
    expect(b['graphql.schema_is_valid'](b['graphql.parse_schema'](SCHEMA))).toBe(true);
    expect(b['graphql.schema_is_valid'](b['graphql.parse_schema']('union Hello = World'))).toBe(false);
    expect(b['graphql.schema_is_valid']({ Definitions: [{ Kind: 'WIDGET', Name: 'x' }] })).toBe(false);
    expect(b['graphql.schema_is_valid'](1)).toBe(false);
  });
});

describe('graphql.is_valid, graphql.parse and graphql.parse_and_verify', () => {
  const query = '{ employeeByID(id: "alice") { salary } }';

  it('validates queries against schemas given as text or AST objects', () => {
    const queryAst = b['graphql.parse_query'](query);
    const schemaAst = b['graphql.parse_schema'](SCHEMA);
    for (const [q, s] of [
      [query, SCHEMA],
      [queryAst, SCHEMA],
      [query, schemaAst],
      [queryAst, schemaAst],
    ]) {
      expect(b['graphql.is_valid'](q, s)).toBe(true);
      expect(b['graphql.parse'](q, s)).toEqual([queryAst, schemaAst]);
      expect(b['graphql.parse_and_verify'](q, s)).toEqual([true, queryAst, schemaAst]);
    }
  });

  it('reports the first validation error in the query', () => {
    expect(() => b['graphql.parse']('{ employeeByID { nope } }', SCHEMA)).toThrow(
      'graphql.parse: Cannot query field "nope" on type "Employee" in GraphQL query string at location 1:18',
    );
    expect(() => b['graphql.parse']('query ($v: Int) { employeeByID(id: $v) { id } }', SCHEMA)).toThrow(
      'Variable "$v" of type "Int" used in position expecting type "String"',
    );
    expect(() => b['graphql.parse']('mutation { a }', SCHEMA)).toThrow('Schema does not support operation type "mutation" in GraphQL query string at location 1:1');
    expect(b['graphql.is_valid']('{ employeeByID { nope } }', SCHEMA)).toBe(false);
    expect(b['graphql.parse_and_verify']('{ employeeByID { nope } }', SCHEMA)).toEqual([false, {}, {}]);
  });

  it('reports syntax errors in either document and invalid schemas', () => {
    expect(() => b['graphql.parse']('{', SCHEMA)).toThrow('graphql.parse: Expected Name, found <EOF> in GraphQL string at location 1:2');
    expect(() => b['graphql.parse'](query, 'type {')).toThrow('graphql.parse: Expected Name, found { in GraphQL string at location 1:6');
    expect(() => b['graphql.parse'](query, 'type Query { a: Nope }')).toThrow('graphql.parse: Unknown type "Nope" in GraphQL schema string at location 1:17');
    expect(b['graphql.is_valid']('{', SCHEMA)).toBe(false);
    expect(b['graphql.is_valid'](query, 'type Query { a: Nope }')).toBe(false);
  });

  it('keeps verdicts apart per schema when the same query repeats', () => {
    const q = '{ a }';
    for (let i = 0; i < 3; i++) {
      expect(b['graphql.is_valid'](q, 'type Query { a: Int }')).toBe(true);
      expect(b['graphql.is_valid'](q, 'type Query { b: Int }')).toBe(false);
      expect(() => b['graphql.parse'](q, 'type Query { b: Int }')).toThrow('Cannot query field "a" on type "Query"');
    }
  });

  it('validates an empty query against a schema without a query root', () => {
    expect(b['graphql.parse']('', 'type T { a: String @deprecated }')).toEqual([{}, b['graphql.parse_schema']('type T { a: String @deprecated }')]);
  });

  it('rejects AST objects of the wrong shape with the path of the bad field', () => {
    expect(() => b['graphql.parse']({ Operations: [{ Operation: 'query', SelectionSet: [{ Alias: 1 }] }] }, SCHEMA)).toThrow(
      'graphql.parse: invalid query AST: query.Operations[0].SelectionSet[0].Alias must be string but got number',
    );
    expect(() => b['graphql.parse']({ Operations: 'x' }, SCHEMA)).toThrow('query.Operations must be array but got string');
    expect(b['graphql.is_valid']({ Operations: [{ Operation: 'sideways' }] }, SCHEMA)).toBe(false);
  });

  it('checks operand types: errors for parse, false for the predicates', () => {
    expect(() => b['graphql.parse'](1, SCHEMA)).toThrow('graphql.parse: operand 1 must be one of {string, object} but got number');
    expect(() => b['graphql.parse'](query, [])).toThrow('graphql.parse: operand 2 must be one of {string, object} but got array');
    expect(b['graphql.is_valid'](1, SCHEMA)).toBe(false);
    expect(b['graphql.parse_and_verify'](query, null)).toEqual([false, {}, {}]);
  });
});

describe('graphql builtins on hostile documents', () => {
  const schema = 'type Query { a: Query, b: Int, f(x: [Int]): Int }';
  const nested = (depth: number) => `{${'a{'.repeat(depth - 1)}b${'}'.repeat(depth - 1)}}`;

  it('refuses documents nested deeper than 256 levels instead of exhausting the stack', () => {
    expect(b['graphql.is_valid'](nested(256), schema)).toBe(true);
    expect(() => b['graphql.parse_query'](nested(257))).toThrow('document nests deeper than 256 levels in GraphQL string at location 1:513');
    expect(b['graphql.is_valid'](nested(100_000), schema)).toBe(false);
    expect(b['graphql.is_valid'](`{ f(x: ${'['.repeat(50_000)}) }`, schema)).toBe(false);
    expect(b['graphql.schema_is_valid'](`type Query { a(x: ${'['.repeat(50_000)}Int): Int }`)).toBe(false);
  });

  it('refuses AST objects nested without bound', () => {
    let selection: Record<string, unknown> = { Alias: 'b', Name: 'b' };
    for (let i = 0; i < 2000; i++) selection = { Alias: 'a', Name: 'a', SelectionSet: [selection] };
    const ast = { Operations: [{ Operation: 'query', SelectionSet: [selection] }] };
    expect(b['graphql.is_valid'](ast, schema)).toBe(false);
    expect(() => b['graphql.parse'](ast, schema)).toThrow('graphql.parse: invalid query AST: AST nests deeper than 1024 objects');
  });

  it('answers false for fragment chains too long to validate', () => {
    const chain = (n: number) =>
      `{ ...F0 }\n${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1}` : 'b'} }`).join('\n')}`;
    expect(b['graphql.is_valid'](chain(100), schema)).toBe(true);
    expect(b['graphql.is_valid'](chain(10_000), schema)).toBe(false);
    expect(() => b['graphql.parse'](chain(10_000), schema)).toThrow('graphql.parse: GraphQL query nests too deeply to validate');
  });

  it('gives up on field merging beyond graphql-js complexity budget', () => {
    expect(b['graphql.is_valid'](`{ ${'b '.repeat(50)}}`, schema)).toBe(true);
    expect(b['graphql.is_valid'](`{ ${'b '.repeat(2000)}}`, schema)).toBe(false);
  });

  it('keeps string values exact and rejects names outside GraphQL ASCII', () => {
    const ast = b['graphql.parse_query']('{ f(x: "caf\\u00e9 \\ud83d\\ude00 \\"q\\"") }') as { Operations: { SelectionSet: { Arguments: { Value: { Raw: string } }[] }[] }[] };
    expect(ast.Operations[0].SelectionSet[0].Arguments[0].Value.Raw).toBe('café 😀 "q"');
    expect(() => b['graphql.parse_query']('{ cafè }')).toThrow('Unexpected <Invalid> in GraphQL string at location 1:6');
    expect(() => b['graphql.parse_query']('{ a\u200b }')).toThrow('Unexpected <Invalid>');
    expect(b['graphql.parse_query']('\ufeff{ a }')).toEqual(b['graphql.parse_query']('{ a }'));
  });

  it('validates a realistic introspection-style query', () => {
    const query = `query Introspect { __schema { queryType { name } types { name kind fields(includeDeprecated: true) { name type { name ofType { name } } } } } }`;
    expect(b['graphql.is_valid'](query, SCHEMA)).toBe(true);
  });
});
