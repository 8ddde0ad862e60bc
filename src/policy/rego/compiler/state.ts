/**
 * What the compiler stages pass along: the modules, their rules flattened with
 * full paths, and the products of later stages (rule tree, ...).
 */
import type { Module, Rule, Term } from '../ast.js';
import type { BuiltinDecl } from '../builtins/declaration.js';
import type { RuleTree } from './rule-tree.js';

/** One rule (with its else chain) and where it lives. */
export interface RuleEntry {
  module: Module;
  /** The package path under data: `package a.b` is ["a", "b"]. */
  pkg: string[];
  rule: Rule;
  /** The rule's ref under data: package strings then the head ref (first head var as a string). */
  ref: Term[];
}

export interface CompileState {
  modules: Module[];
  rules: RuleEntry[];
  /** Built by the buildRuleTree stage. */
  tree?: RuleTree;
  /** Builtin declarations by name (the planner checks calls against them). */
  lookupBuiltin: (name: string) => BuiltinDecl | undefined;
  /** Source texts by file name, for error carets. */
  sources: Map<string, string>;
}

export interface Stage {
  name: string;
  run(state: CompileState): CompileState;
}
