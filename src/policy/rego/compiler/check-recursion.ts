/**
 * Stage: rules and functions must not depend on themselves, directly or
 * through other rules (rego_recursion_error naming the cycle). The graph's
 * nodes are the rule tree's nodes: a rule depends on the nodes its refs and
 * calls reach, and an inner node (a package, a ref prefix) on its children,
 * so a ref to a whole package costs one edge, not one per rule below it.
 */
import type { Term } from '../ast.js';
import { RegoError } from '../errors.js';
import { visitRule } from './ast-walk.js';
import { resolveCall } from './calls.js';
import { isScalar, nodeKind, pathString, scalarKey, type RuleTree, type RuleTreeNode } from './rule-tree.js';
import type { RuleEntry, Stage } from './state.js';

/** The node a data ref reads: where its rules start, or where the ref stops being a constant path. */
export function refTarget(tree: RuleTree, terms: Term[]): RuleTreeNode | undefined {
  let node = tree.root;
  for (const t of terms) {
    if (node.exact.length > 0 || node.dynamic.length > 0 || !isScalar(t)) return node;
    const child = node.children.get(scalarKey(t));
    if (!child) return undefined;
    node = child;
  }
  return node;
}

export const checkRecursion: Stage = {
  name: 'checkRecursion',
  run(state) {
    const tree = state.tree!;
    const deps = new Map<RuleTreeNode, Set<RuleTreeNode>>();
    const entryOf = new Map<RuleTreeNode, RuleEntry>();
    const depsOf = (node: RuleTreeNode): Set<RuleTreeNode> => {
      let out = deps.get(node);
      if (out) return out;
      out = new Set(nodeKind(node) === 'interior' ? node.children.values() : []);
      deps.set(node, out);
      for (const entry of [...node.exact, ...node.dynamic]) {
        if (!entryOf.has(node)) entryOf.set(node, entry);
        visitRule(entry.rule, (t) => {
          if (t.type === 'ref' && t.terms[0].type === 'var' && t.terms[0].name === 'data') {
            const target = refTarget(tree, t.terms.slice(1));
            if (target) out!.add(target);
          } else if (t.type === 'call') {
            const target = resolveCall(t.operator, tree, state.lookupBuiltin);
            if (target.kind === 'function') out!.add(target.node);
          }
        });
      }
      return out;
    };
    const visited = new Map<RuleTreeNode, 'visiting' | 'done'>();
    const stack: RuleTreeNode[] = [];
    const visit = (n: RuleTreeNode): void => {
      if (visited.get(n) === 'done') return;
      if (visited.get(n) === 'visiting') throw recursionError(n, [...stack.slice(stack.indexOf(n)), n], entryOf);
      visited.set(n, 'visiting');
      stack.push(n);
      for (const d of depsOf(n)) visit(d);
      stack.pop();
      visited.set(n, 'done');
    };
    visit(tree.root);
    return state;
  },
};

function recursionError(n: RuleTreeNode, cycle: RuleTreeNode[], entryOf: Map<RuleTreeNode, RuleEntry>): RegoError {
  // Report the cycle from a rule, naming only nodes that hold rules (not the packages in between).
  const rules = cycle.filter((x) => entryOf.has(x));
  const start = rules[0] ?? n;
  const from = cycle.indexOf(start);
  const loop = [...cycle.slice(from, -1), ...cycle.slice(0, from), start].filter((x) => entryOf.has(x));
  const entry = entryOf.get(start)!;
  const path = pathString(start.path);
  return RegoError.at('rego_recursion_error', `rule ${path} is recursive: ${loop.map((x) => pathString(x.path)).join(' -> ')}`, entry.rule.loc, entry.module.source);
}
