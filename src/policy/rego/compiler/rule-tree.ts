/**
 * Stage: the tree of virtual documents. Each node is a path under data (keys
 * are ground scalars); a rule whose whole ref is ground sits at that path
 * ("exact": a complete value, a set, or a function); a rule whose ref holds a
 * var (`p[k] := v`, `p[q].r := v`, `p[q] contains x`) sits at the node of its
 * ground prefix ("dynamic") and fills the rest at run time.
 */
import type { Module, Scalar, Term } from '../ast.js';
import { ruleRef } from './collect-rules.js';
import { RegoError } from '../errors.js';
import type { CompileState, RuleEntry, Stage } from './state.js';

export interface RuleTreeNode {
  /** The key under the parent (undefined at the root, which is `data`). */
  key?: Scalar;
  /** Ground keys from data to this node. */
  path: Scalar[];
  children: Map<string, RuleTreeNode>;
  exact: RuleEntry[];
  dynamic: RuleEntry[];
  /** A package's path: its document exists (as an object) even with no rules. */
  isPackage?: boolean;
}

export interface RuleTree {
  root: RuleTreeNode;
}

export function scalarKey(t: Scalar): string {
  switch (t.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(t.value);
    case 'number':
      return `#${Number(t.value)}`;
    case 'string':
      return JSON.stringify(t.value);
  }
}

export function isScalar(t: Term): t is Scalar {
  return t.type === 'string' || t.type === 'number' || t.type === 'boolean' || t.type === 'null';
}

export function nodeKind(node: RuleTreeNode): 'function' | 'value' | 'interior' {
  const first = node.exact[0];
  if (!first) return 'interior';
  return first.rule.head.kind === 'function' ? 'function' : 'value';
}

/** The node at a ground path, if the tree has one. */
export function findNode(tree: RuleTree, path: Scalar[]): RuleTreeNode | undefined {
  let node: RuleTreeNode | undefined = tree.root;
  for (const k of path) {
    node = node.children.get(scalarKey(k));
    if (!node) return undefined;
  }
  return node;
}

/** Every node below (and including) node, depth first. */
export function subtree(node: RuleTreeNode): RuleTreeNode[] {
  const out = [node];
  for (const c of node.children.values()) out.push(...subtree(c));
  return out;
}

export function pathString(path: Scalar[]): string {
  return ['data', ...path.map((k) => (k.type === 'string' ? k.value : scalarKey(k)))].join('.');
}

export const buildRuleTree: Stage = {
  name: 'buildRuleTree',
  run(state: CompileState) {
    const rules = state.rules.map((e) => ({ ...e, ref: ruleRef(e.module, e.pkg, e.rule) }));
    return { ...state, rules, tree: buildTree(state.modules, rules) };
  },
};

/** The tree of the given rule entries (also rebuilt by later stages that rewrite rules). */
export function buildTree(modules: Module[], rules: RuleEntry[]): RuleTree {
    const root: RuleTreeNode = { path: [], children: new Map(), exact: [], dynamic: [] };
    const nodeAt = (ground: Scalar[]): RuleTreeNode => {
      let node = root;
      for (const k of ground) {
        const key = scalarKey(k);
        let child = node.children.get(key);
        if (!child) {
          child = { key: k, path: [...node.path, k], children: new Map(), exact: [], dynamic: [] };
          node.children.set(key, child);
        }
        node = child;
      }
      return node;
    };
    for (const mod of modules) nodeAt(mod.package.terms.slice(1) as Scalar[]).isPackage = true;
    for (const entry of rules) {
      const firstVar = entry.ref.findIndex((t) => !isScalar(t));
      const node = nodeAt((firstVar < 0 ? entry.ref : entry.ref.slice(0, firstVar)) as Scalar[]);
      if (firstVar < 0) node.exact.push(entry);
      else if (entry.rule.head.kind === 'function') {
        throw RegoError.at('rego_compile_error', 'function name must be a ground ref', entry.rule.head.loc, entry.module.source);
      } else node.dynamic.push(entry);
    }
    checkNode(root);
    return { root };
}

function checkNode(node: RuleTreeNode): void {
  const [first, ...rest] = node.exact;
  if (first) {
    for (const other of rest) {
      if (other.rule.head.kind !== first.rule.head.kind) {
        throw conflict(other, `conflicting rules ${pathString(node.path)} found`);
      }
      if (first.rule.head.kind === 'function' && other.rule.head.args?.length !== first.rule.head.args?.length) {
        throw conflict(other, `conflicting rules ${pathString(node.path)} found`);
      }
    }
    const below = node.dynamic[0] ?? (node.children.size > 0 ? [...node.children.values()].flatMap(subtree).flatMap((n) => [...n.exact, ...n.dynamic])[0] : undefined);
    if (below) throw conflict(below, `rule ${pathString(node.path)} conflicts with a rule of a longer path`);
  }
  for (const c of node.children.values()) checkNode(c);
}

function conflict(entry: RuleEntry, message: string): RegoError {
  return RegoError.at('rego_type_error', message, entry.rule.loc, entry.module.source);
}
