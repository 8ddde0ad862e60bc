/**
 * Generations of rule functions. Generation 0 is the policy as written; a
 * `with` that replaces a virtual document or a function opens a generation in
 * which every rule function reached is planned again with those replacements
 * (named g<N>.data...), since the replacement must reach rules called indirectly.
 */
import type { Scalar, Term } from '../ast.js';
import { scalarKey, type RuleTreeNode } from '../compiler/rule-tree.js';

export type FunctionMock =
  /** Call this user function (planned in generation gen) instead. */
  | { kind: 'function'; node: RuleTreeNode; gen: Generation }
  /** Call this builtin instead. */
  | { kind: 'builtin'; name: string }
  /** The call's result is this value (a term without local vars). */
  | { kind: 'value'; term: Term }
  /** The call's result is in data at this path (written there by the `with`). */
  | { kind: 'data'; path: string[] };

export interface Generation {
  id: number;
  /** Paths under data whose virtual documents are replaced by base data (the mocked value was written there). */
  dataMocks: string[][];
  /** Function and builtin replacements by name ("data.test.f", "count"). */
  functionMocks: Map<string, FunctionMock>;
  key: string;
}

export function rootGeneration(): Generation {
  return { id: 0, dataMocks: [], functionMocks: new Map(), key: '' };
}

/** True if the virtual document at a rule tree path is replaced by base data. */
export function isDataMocked(gen: Generation, path: Scalar[]): boolean {
  if (gen.dataMocks.length === 0) return false;
  const keys = path.map(scalarKey);
  return gen.dataMocks.some((m) => m.length <= keys.length && m.every((k, i) => k === keys[i]));
}
