import { typeError } from './errors.js';
import { ensureObject, ensureOneOf, type JsonObject, typeNameOf } from './operands.js';

/*
 * Graphs are objects from node to the collection (array or set) of its
 * neighbours; a null neighbour list means none. Only nodes present in the graph
 * are reached. Keys are strings on the host, so nodes are compared as strings.
 */

function neighbours(builtin: string, graph: JsonObject, node: string): string[] {
  const edges = graph[node];
  if (edges === null || edges === undefined) return [];
  if (!Array.isArray(edges)) throw typeError(builtin, `operand 1 must be object of arrays or sets but got object containing ${typeNameOf(edges)}`);
  return edges.filter((n): n is string => typeof n === 'string');
}

function initialNodes(builtin: string, initial: unknown): string[] {
  ensureOneOf(builtin, 2, initial, ['set', 'array']);
  return (initial as unknown[]).filter((n): n is string => typeof n === 'string');
}

function reachable(graphArg: unknown, initialArg: unknown): string[] {
  const graph = ensureObject('graph.reachable', 1, graphArg);
  const queue = initialNodes('graph.reachable', initialArg);
  const reached = new Set<string>();
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (reached.has(node) || !Object.hasOwn(graph, node)) continue;
    reached.add(node);
    for (const n of neighbours('graph.reachable', graph, node)) if (!reached.has(n)) queue.push(n);
  }
  return [...reached];
}

/**
 * Paths from the initial nodes, depth first. A path ends at a node none of
 * whose neighbours is in the graph, or where the next node was already
 * expanded (cycles and shared subgraphs are walked once). Nodes without
 * neighbours in the graph are never marked, so every path to them is listed.
 */
function reachablePaths(graphArg: unknown, initialArg: unknown): string[][] {
  const builtin = 'graph.reachable_paths';
  const graph = ensureObject(builtin, 1, graphArg);
  const paths: string[][] = [];
  const expanded = new Set<string>();
  const walk = (path: string[]) => {
    const next = neighbours(builtin, graph, path[path.length - 1]).filter((n) => Object.hasOwn(graph, n));
    if (next.length === 0) {
      paths.push(path);
      return;
    }
    expanded.add(path[path.length - 1]);
    for (const n of next) {
      if (expanded.has(n)) paths.push(path);
      else walk([...path, n]);
    }
  };
  for (const start of initialNodes(builtin, initialArg)) {
    if (Object.hasOwn(graph, start)) walk([start]);
  }
  return paths;
}

export const graphBuiltins = {
  'graph.reachable': reachable,
  'graph.reachable_paths': reachablePaths,
};
