/**
 * Naming and arity of call operators, shared by the stages and the planner:
 * `data.test.f(x)` is a user function found in the rule tree, `count(x)` and
 * `time.now_ns()` are builtins found in the declaration table.
 */
import type { RefTerm, Scalar } from '../ast.js';
import type { BuiltinDecl } from '../builtins/declaration.js';
import { findNode, isScalar, nodeKind, type RuleTree, type RuleTreeNode } from './rule-tree.js';

/** `data.test.f` → "data.test.f"; `time.now_ns` → "time.now_ns"; undefined if not a plain name path. */
export function operatorName(op: RefTerm): string | undefined {
  const parts: string[] = [];
  for (const [i, t] of op.terms.entries()) {
    if (i === 0 && t.type === 'var') parts.push(t.name);
    else if (i > 0 && t.type === 'string') parts.push(t.value);
    else return undefined;
  }
  return parts.join('.');
}

export type CallTarget =
  | { kind: 'function'; node: RuleTreeNode; arity: number }
  | { kind: 'builtin'; decl: BuiltinDecl; arity: number }
  | { kind: 'unknown'; name: string };

/** Targets already resolved, by tree and builtin table, by operator name (every stage and the planner ask again). */
const resolved = new WeakMap<RuleTree, WeakMap<(name: string) => BuiltinDecl | undefined, Map<string, CallTarget>>>();

export function resolveCall(op: RefTerm, tree: RuleTree, lookupBuiltin: (name: string) => BuiltinDecl | undefined): CallTarget {
  const name = operatorName(op);
  if (name === undefined) return resolveUncached(op, tree, lookupBuiltin);
  let byTable = resolved.get(tree);
  if (!byTable) resolved.set(tree, (byTable = new WeakMap()));
  let byName = byTable.get(lookupBuiltin);
  if (!byName) byTable.set(lookupBuiltin, (byName = new Map()));
  let target = byName.get(name);
  if (!target) byName.set(name, (target = resolveUncached(op, tree, lookupBuiltin)));
  return target;
}

function resolveUncached(op: RefTerm, tree: RuleTree, lookupBuiltin: (name: string) => BuiltinDecl | undefined): CallTarget {
  const [head, ...rest] = op.terms;
  if (head.type === 'var' && head.name === 'data' && rest.every(isScalar)) {
    const node = findNode(tree, rest as Scalar[]);
    if (node && nodeKind(node) === 'function') return { kind: 'function', node, arity: node.exact[0].rule.head.args?.length ?? 0 };
  }
  const name = operatorName(op) ?? '?';
  const decl = lookupBuiltin(name);
  if (decl && !(head.type === 'var' && head.name === 'data')) {
    return { kind: 'builtin', decl, arity: decl.variadic ? Number.POSITIVE_INFINITY : decl.args.length };
  }
  return { kind: 'unknown', name };
}
