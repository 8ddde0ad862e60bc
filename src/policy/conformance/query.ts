import { parseBody } from '../rego/parse.js';

/** How a conformance query is evaluated: straight through an entrypoint, or wrapped in a module. */
export type QueryPlan =
  | { kind: 'entrypoint'; entrypoint: string; variable: string }
  | { kind: 'wrapped'; entrypoint: string; module: string; variables: string[] };

const SIMPLE_QUERY = /^\s*data((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;
export const QUERY_PACKAGE = '__conformance_query__';

/** In a query, `input` and `data` name documents: they are compared against, never bound. */
const DOCUMENTS: ReadonlySet<string> = new Set(['input', 'data']);

/**
 * `data.a.b = x` evaluates entrypoint "a/b" (`data = x`: entrypoint "") and binds x to its result. Any other
 * query (`data.a.b = input` among them) becomes the body of a rule collecting one object of bindings per solution.
 */
export function planQuery(query: string): QueryPlan {
  const simple = SIMPLE_QUERY.exec(query);
  if (simple && !DOCUMENTS.has(simple[2])) return { kind: 'entrypoint', entrypoint: simple[1].slice(1).replace(/\./g, '/'), variable: simple[2] };
  const variables = [...queryVariables(query)].sort();
  const head = `{${variables.map((v) => `${JSON.stringify(v)}: ${v}`).join(', ')}}`;
  const module = `package ${QUERY_PACKAGE}\n\nresults contains ${head} if {\n${query}\n}\n`;
  return { kind: 'wrapped', entrypoint: `${QUERY_PACKAGE}/results`, module, variables };
}

function queryVariables(query: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'var' && typeof record.name === 'string') {
      const name = record.name;
      if (!DOCUMENTS.has(name) && !name.startsWith('_')) names.add(name);
      return;
    }
    if (record.type === 'call') return visit(record.args);
    for (const [key, value] of Object.entries(record)) if (key !== 'loc') visit(value);
  };
  visit(parseBody(query, 'query.rego'));
  return names;
}
