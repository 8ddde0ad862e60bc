/**
 * Generic traversals over the Rego AST used by the compiler stages: rebuild a
 * term bottom-up, visit every term of an expression, collect variables.
 */
import type { Body, Expr, Rule, Term, VarTerm, With } from '../ast.js';

/**
 * Rebuilds a term: `pre` may replace a node outright (no descent into it);
 * otherwise children are rebuilt. Comprehension bodies are rebuilt through `body`.
 */
export interface TermRewriter {
  pre?(term: Term): Term | undefined;
  body?(body: Body, term: Term): Body;
}

export function rewriteTerm(term: Term, rw: TermRewriter): Term {
  const replaced = rw.pre?.(term);
  if (replaced) return replaced;
  const sub = (t: Term): Term => rewriteTerm(t, rw);
  const body = (b: Body): Body => (rw.body ? rw.body(b, term) : b);
  switch (term.type) {
    case 'ref':
      return { ...term, terms: term.terms.map(sub) };
    case 'array':
      return { ...term, items: term.items.map(sub) };
    case 'set':
      return { ...term, items: term.items.map(sub) };
    case 'object':
      return { ...term, entries: term.entries.map(([k, v]) => [sub(k), sub(v)] as [Term, Term]) };
    case 'call':
      return { ...term, operator: sub(term.operator) as typeof term.operator, args: term.args.map(sub) };
    case 'arraycomp':
    case 'setcomp':
      return { ...term, head: sub(term.head), body: body(term.body) };
    case 'objectcomp':
      return { ...term, key: sub(term.key), value: sub(term.value), body: body(term.body) };
    default:
      return term;
  }
}

/** Visits every term (pre-order). Returning false stops descent into that term. Closures are entered unless skipClosures. */
export function visitTerm(term: Term, visit: (t: Term) => boolean | void, skipClosures = false): void {
  if (visit(term) === false) return;
  const sub = (t: Term): void => visitTerm(t, visit, skipClosures);
  switch (term.type) {
    case 'ref':
      term.terms.forEach(sub);
      break;
    case 'array':
    case 'set':
      term.items.forEach(sub);
      break;
    case 'object':
      for (const [k, v] of term.entries) {
        sub(k);
        sub(v);
      }
      break;
    case 'call':
      // The operator is a name, not a value: its head var is never a local.
      term.args.forEach(sub);
      break;
    case 'arraycomp':
    case 'setcomp':
      if (skipClosures) break;
      sub(term.head);
      visitBody(term.body, visit);
      break;
    case 'objectcomp':
      if (skipClosures) break;
      sub(term.key);
      sub(term.value);
      visitBody(term.body, visit);
      break;
    default:
      break;
  }
}

/** The top-level terms of an expression: not the bodies of `every`, not `with` targets (names, not values). */
export function exprTerms(expr: Expr): Term[] {
  const withs = expr.with.map((w: With) => w.value);
  switch (expr.kind) {
    case 'term':
      return [expr.term, ...withs];
    case 'some':
      return [...expr.vars, ...withs];
    case 'somein':
      return [...(expr.key ? [expr.key] : []), expr.value, expr.collection, ...withs];
    case 'every':
      // The key and value are declared in the body's own scope.
      return [expr.domain, ...withs];
  }
}

export function visitBody(body: Body, visit: (t: Term) => boolean | void): void {
  for (const expr of body) {
    for (const t of exprTerms(expr)) visitTerm(t, visit);
    if (expr.kind === 'every') visitBody(expr.body, visit);
  }
}

/** Every term of a rule (head and body, else chain included). */
export function visitRule(rule: Rule, visit: (t: Term) => boolean | void): void {
  const h = rule.head;
  for (const t of [...h.ref, ...(h.args ?? []), ...(h.key ? [h.key] : []), ...(h.value ? [h.value] : [])]) visitTerm(t, visit);
  visitBody(rule.body, visit);
  if (rule.else) visitRule(rule.else, visit);
}

/** Vars in a term (call operators excluded), outside closures unless skipClosures is false. */
export function varsOf(term: Term, skipClosures = true): VarTerm[] {
  const out: VarTerm[] = [];
  visitTerm(
    term,
    (t) => {
      if (t.type === 'var') out.push(t);
    },
    skipClosures,
  );
  return out;
}

export function isGround(term: Term): boolean {
  let ground = true;
  visitTerm(term, (t) => {
    if (t.type === 'var' || t.type === 'call' || t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objectcomp') {
      ground = false;
      return false;
    }
    if (t.type === 'ref') {
      ground = false;
      return false;
    }
    return true;
  });
  return ground;
}

export function isWildcard(name: string): boolean {
  return name === '_' || name.startsWith('_$');
}

/** The source name of a var renamed by rewriteLocalVars (`x$3` → `x`). */
export function sourceName(name: string): string {
  const i = name.indexOf('$');
  return i < 0 ? name : name.slice(0, i);
}
