/**
 * bench/host-builtins: cost of the heavier host builtins per call, measured in
 * one run: GraphQL validation with the document and schema caches warm versus
 * a fresh (uncached) query each time, AWS SigV4 signing, and rego.parse_module.
 *
 *   node --import tsx bench/host-builtins/run.ts
 */
import { hostBuiltins as b } from '../../src/policy/engine/builtins/index.js';

const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];

/** Median µs per call over batches of `batch` calls. */
function measure(batch: number, call: (i: number) => unknown): number {
  for (let i = 0; i < batch; i++) call(i);
  const samples: number[] = [];
  for (let round = 0; round < 15; round++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) call(round * batch + i);
    samples.push(((performance.now() - t) * 1000) / batch);
  }
  return median(samples);
}

const schema = `
  type Query { employee(id: ID!): Employee, search(filter: Filter, first: Int = 10): [Employee!]! }
  type Employee { id: ID!, name: String!, salary: Int!, manager: Employee, reports: [Employee!]! }
  input Filter { name: String, minSalary: Int }
  extend type Query { me: Employee }
`;
const query = (i: number) => `query Q${i}($id: ID!) { employee(id: $id) { id name manager { name reports { id name } } } search(filter: {minSalary: ${i}}) { id } }`;

const warm = measure(2000, () => b['graphql.is_valid'](query(0), schema));
const cold = measure(200, (i) => b['graphql.is_valid'](query(i + 1_000_000), schema));
console.log('== graphql.is_valid (schema cached; µs per call) ==');
console.log(`same query (document and verdict cached): ${warm.toFixed(1)} µs; a new query each call: ${cold.toFixed(1)} µs; ratio ${(cold / warm).toFixed(1)}x`);

const parsedSchema = b['graphql.parse_schema'](schema);
const parsedQuery = b['graphql.parse_query'](query(0));
const asts = measure(500, () => b['graphql.is_valid'](parsedQuery, parsedSchema));
console.log(`AST objects for both: ${asts.toFixed(1)} µs (${(asts / warm).toFixed(1)}x the cached text)`);

const config = { aws_access_key: 'AKID', aws_secret_access_key: 'SECRET', aws_service: 's3', aws_region: 'us-east-1' };
const request = { method: 'put', url: 'https://bucket.s3.amazonaws.com/key', headers: { 'content-type': 'application/json' }, body: { a: [1, 2, 3] } };
const sign = measure(2000, (i) => b['providers.aws.sign_req'](request, config, 1451311705000000000 + i * 1e9));
console.log('\n== providers.aws.sign_req ==');
console.log(`${sign.toFixed(1)} µs per signature`);

const module = `package example\n\nimport rego.v1\n\ndefault allow := false\n\nallow if {\n  input.method == "GET"\n  some role in input.user.roles\n  role in {"admin", "reader"}\n}\n`;
const parseModule = measure(500, () => b['rego.parse_module']('example.rego', module));
console.log('\n== rego.parse_module (10-line module) ==');
console.log(`${parseModule.toFixed(1)} µs per call`);
