/**
 * Stage: `print(...)` is for debugging in OPA's REPL and tests; compiled
 * policies drop it (it always succeeds, so removing it keeps the semantics).
 */
import type { Body, Rule, Term } from '../ast.js';
import { rewriteTerm, visitRule } from './ast-walk.js';
import { isOp } from './resolve-refs.js';
import type { Stage } from './state.js';

function dropInBody(body: Body): Body {
  return body
    .filter((e) => !(e.kind === 'term' && !e.negated && e.term.type === 'call' && isOp(e.term.operator, 'print')))
    .map((e) => {
      if (e.kind === 'every') return { ...e, body: dropInBody(e.body) };
      if (e.kind === 'term') return { ...e, term: dropInTerm(e.term) };
      return e;
    });
}

function dropInTerm(t: Term): Term {
  return rewriteTerm(t, { body: (b) => dropInBody(b) });
}

function dropInRule(rule: Rule): Rule {
  return { ...rule, body: dropInBody(rule.body), else: rule.else && dropInRule(rule.else) };
}

function hasPrint(rule: Rule): boolean {
  let found = false;
  visitRule(rule, (t) => {
    if (t.type === 'call' && isOp(t.operator, 'print')) found = true;
  });
  return found;
}

export const dropPrintCalls: Stage = {
  name: 'dropPrintCalls',
  run(state) {
    // Only a module whose text names print can call it.
    const mayPrint = new Set(state.modules.filter((m) => m.source.includes('print')));
    return { ...state, rules: state.rules.map((e) => (mayPrint.has(e.module) && hasPrint(e.rule) ? { ...e, rule: dropInRule(e.rule) } : e)) };
  },
};
