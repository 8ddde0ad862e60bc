/**
 * Stage: rules and functions must not depend on themselves, directly or
 * through other rules (rego_recursion_error naming the cycle).
 */
import type { Term } from '../ast.js';
import { RegoError } from '../errors.js';
import { visitRule } from './ast-walk.js';
import { resolveCall } from './calls.js';
import { isScalar, nodeKind, pathString, scalarKey, subtree, type RuleTree, type RuleTreeNode } from './rule-tree.js';
import type { RuleEntry, Stage } from './state.js';

/** The rule-bearing nodes a data ref may read. */
export function refTargets(tree: RuleTree, terms: Term[]): RuleTreeNode[] {
  let node = tree.root;
  for (const t of terms) {
    if (node.exact.length > 0) return [node];
    if (!isScalar(t)) return bearing(node);
    const child = node.children.get(scalarKey(t));
    if (!child) return node.dynamic.length > 0 ? [node] : [];
    node = child;
  }
  return node.exact.length > 0 ? [node] : bearing(node);
}

function bearing(node: RuleTreeNode): RuleTreeNode[] {
  return subtree(node).filter((n) => (n.exact.length > 0 && nodeKind(n) === 'value') || n.dynamic.length > 0);
}

export const checkRecursion: Stage = {
  name: 'checkRecursion',
  run(state) {
    const tree = state.tree!;
    const deps = new Map<RuleTreeNode, Set<RuleTreeNode>>();
    const entryOf = new Map<RuleTreeNode, RuleEntry>();
    for (const node of subtree(tree.root)) {
      const out = new Set<RuleTreeNode>();
      for (const entry of [...node.exact, ...node.dynamic]) {
        entryOf.set(node, entryOf.get(node) ?? entry);
        visitRule(entry.rule, (t) => {
          if (t.type === 'ref' && t.terms[0].type === 'var' && t.terms[0].name === 'data') {
            for (const n of refTargets(tree, t.terms.slice(1))) out.add(n);
          } else if (t.type === 'call') {
            const target = resolveCall(t.operator, tree, state.lookupBuiltin);
            if (target.kind === 'function') out.add(target.node);
          }
        });
      }
      deps.set(node, out);
    }
    const state_ = new Map<RuleTreeNode, 'visiting' | 'done'>();
    const stack: RuleTreeNode[] = [];
    const visit = (n: RuleTreeNode): void => {
      if (state_.get(n) === 'done') return;
      if (state_.get(n) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(n)), n].map((x) => pathString(x.path));
        const entry = entryOf.get(n)!;
        throw RegoError.at('rego_recursion_error', `rule ${pathString(n.path)} is recursive: ${cycle.join(' -> ')}`, entry.rule.loc, entry.module.source);
      }
      state_.set(n, 'visiting');
      stack.push(n);
      for (const d of deps.get(n) ?? []) visit(d);
      stack.pop();
      state_.set(n, 'done');
    };
    for (const n of deps.keys()) visit(n);
    return state;
  },
};
