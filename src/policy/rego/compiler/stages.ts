/**
 * The compiler stages, in order. Each is a small pure pass over the state;
 * compilation stops at the first stage that raises a RegoError.
 */
import { buildRuleTree } from './rule-tree.js';
import { checkCalls } from './check-calls.js';
import { checkRecursion } from './check-recursion.js';
import { collectRules } from './collect-rules.js';
import { dropPrintCalls } from './drop-print-calls.js';
import { reorderBodies } from './reorder-bodies.js';
import { resolveMetadataCalls } from './resolve-metadata-calls.js';
import { resolveRefs } from './resolve-refs.js';
import { rewriteLocalVars } from './rewrite-local-vars.js';
import type { CompileState, Stage } from './state.js';

export const stages: readonly Stage[] = [
  collectRules,
  dropPrintCalls,
  // Before rewriteLocalVars: it needs the source names to tell globals from locals.
  resolveRefs,
  rewriteLocalVars,
  // Before buildRuleTree: the tree holds the rules with their metadata calls replaced.
  resolveMetadataCalls,
  buildRuleTree,
  // After buildRuleTree: user functions are looked up in the tree.
  checkCalls,
  checkRecursion,
  // Last: ordering needs to know which call arguments are outputs (arities).
  reorderBodies,
];

export function runStages(state: CompileState, list: readonly Stage[] = stages): CompileState {
  return list.reduce((s, stage) => stage.run(s), state);
}
