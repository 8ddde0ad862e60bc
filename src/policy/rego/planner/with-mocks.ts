/**
 * What a `with` replaces: part of input, part of data (base data, or virtual
 * documents that then read base data), or a function or builtin (by a
 * function, a builtin, or a value).
 */
import type { RefTerm, Scalar, Term, With } from '../ast.js';
import type { BuiltinDecl } from '../builtins/declaration.js';
import { RegoError } from '../errors.js';
import { visitTerm } from '../compiler/ast-walk.js';
import { operatorName } from '../compiler/calls.js';
import { findNode, isScalar, nodeKind, pathString, scalarKey, type RuleTree, type RuleTreeNode } from '../compiler/rule-tree.js';
import type { FunctionMock, Generation } from './generation.js';

/** Where `with` values that functions must read are written in data. */
export const MOCK_ROOT = '$with';

export type WithMock =
  | { kind: 'input'; path: string[] }
  /** virtual: the path holds or contains rules, which must then read base data. */
  | { kind: 'data'; path: string[]; virtual: boolean }
  | { kind: 'function'; target: string; mock: FunctionMock }
  /** Replaced by a value that depends on local vars: computed here, passed through data. */
  | { kind: 'functionValue'; target: string };

export class WithClassifier {
  constructor(
    private readonly tree: RuleTree,
    private readonly lookupBuiltin: (name: string) => BuiltinDecl | undefined,
    private readonly root: Generation,
    private readonly sources: Map<string, string>,
  ) {}

  classify(w: With): WithMock {
    const [head, ...rest] = w.target.terms;
    const name = head.type === 'var' ? head.name : '';
    if ((name === 'input' || name === 'data') && rest.every((t) => t.type === 'string')) {
      const path = rest.map((t) => (t as { value: string }).value);
      if (name === 'input') return { kind: 'input', path };
      const node = findNode(this.tree, rest as Scalar[]);
      if (node && nodeKind(node) === 'function') return this.functionWith(pathString(node.path), w);
      return { kind: 'data', path, virtual: this.touchesVirtual(rest as Scalar[], w) };
    }
    const target = operatorName(w.target);
    if (!target || !this.lookupBuiltin(target)) throw RegoError.at('rego_compile_error', `with: ${target ?? 'target'} is not input, data, a function or a builtin`, w.loc, this.sources.get(w.loc.file));
    return this.functionWith(target, w);
  }

  /** A function or builtin replaced by a function, a builtin, or a value. */
  private functionWith(target: string, w: With): WithMock {
    const value = w.value;
    if (value.type === 'ref' || value.type === 'var') {
      const ref: RefTerm = value.type === 'ref' ? value : { type: 'ref', terms: [value], loc: value.loc };
      const [head, ...rest] = ref.terms;
      if (head.type === 'var' && head.name === 'data' && rest.every(isScalar)) {
        const node = findNode(this.tree, rest as Scalar[]);
        // The replacement runs without any function replacement (it may call what it replaces, and mocks do not chain).
        if (node && nodeKind(node) === 'function') return { kind: 'function', target, mock: { kind: 'function', node, gen: this.root } };
      }
      const name = operatorName(ref);
      if (name && !(head.type === 'var' && head.name === 'data') && this.lookupBuiltin(name)) {
        return { kind: 'function', target, mock: { kind: 'builtin', name } };
      }
    }
    if (isClosed(value)) return { kind: 'function', target, mock: { kind: 'value', term: value } };
    return { kind: 'functionValue', target };
  }

  /** True if rules sit at or below the path; a path reaching inside a rule's document is an error, as in OPA. */
  private touchesVirtual(path: Scalar[], w: With): boolean {
    let node: RuleTreeNode | undefined = this.tree.root;
    for (const k of path) {
      if (node.exact.length > 0 || node.dynamic.length > 0) {
        throw RegoError.at('rego_compile_error', 'with keyword cannot partially replace virtual document(s)', w.target.loc, this.sources.get(w.loc.file));
      }
      node = node.children.get(scalarKey(k));
      if (!node) return false;
    }
    return nodeKind(node) !== 'function';
  }
}

/** No local vars anywhere in the term (refs to input/data and calls are fine): it can be planned in any function. */
function isClosed(t: Term): boolean {
  let closed = true;
  visitTerm(t, (x) => {
    if (x.type === 'var' && x.name !== 'input' && x.name !== 'data') closed = false;
  });
  return closed;
}
