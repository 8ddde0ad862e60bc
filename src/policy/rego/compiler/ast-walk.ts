/**
 * Generic traversals over the Rego AST used by the compiler stages: rebuild a
 * term bottom-up, visit every term of an expression, collect variables.
 *
 * Stages run these over every term of every rule, so they are written for
 * speed: loops rather than per-node closures, unchanged subtrees shared rather
 * than copied, and plain data (scalars and collections of them, e.g. a
 * generated table of facts) recognised once and not descended into again.
 */
import type { Body, Expr, Rule, Term, VarTerm, With } from '../ast.js';

/**
 * Rebuilds a term: `pre` may replace a node outright (no descent into it);
 * otherwise children are rebuilt. Comprehension bodies are rebuilt through `body`.
 * A node whose children all come back unchanged is returned as it is, and
 * plain data is never entered (`pre` sees only its root).
 */
export interface TermRewriter {
  pre?(term: Term): Term | undefined;
  body?(body: Body, term: Term): Body;
}

export function rewriteTerm(term: Term, rw: TermRewriter): Term {
  const replaced = rw.pre?.(term);
  if (replaced) return replaced;
  switch (term.type) {
    case 'ref': {
      const terms = rewriteAll(term.terms, rw);
      return terms === term.terms ? term : { ...term, terms };
    }
    case 'array':
    case 'set': {
      if (isPlainData(term)) return term;
      const items = rewriteAll(term.items, rw);
      return items === term.items ? term : { ...term, items };
    }
    case 'object': {
      if (isPlainData(term)) return term;
      let entries: Array<[Term, Term]> | undefined;
      for (let i = 0; i < term.entries.length; i++) {
        const [k, v] = term.entries[i];
        const [k2, v2] = [rewriteTerm(k, rw), rewriteTerm(v, rw)];
        if (!entries && (k2 !== k || v2 !== v)) entries = term.entries.slice(0, i);
        entries?.push([k2, v2]);
      }
      return entries ? { ...term, entries } : term;
    }
    case 'call': {
      const operator = rewriteTerm(term.operator, rw) as typeof term.operator;
      const args = rewriteAll(term.args, rw);
      return operator === term.operator && args === term.args ? term : { ...term, operator, args };
    }
    case 'arraycomp':
    case 'setcomp': {
      const head = rewriteTerm(term.head, rw);
      const body = rw.body ? rw.body(term.body, term) : term.body;
      return head === term.head && body === term.body ? term : { ...term, head, body };
    }
    case 'objectcomp': {
      const key = rewriteTerm(term.key, rw);
      const value = rewriteTerm(term.value, rw);
      const body = rw.body ? rw.body(term.body, term) : term.body;
      return key === term.key && value === term.value && body === term.body ? term : { ...term, key, value, body };
    }
    default:
      return term;
  }
}

/** The terms rewritten; the same array when none changed. */
function rewriteAll(terms: Term[], rw: TermRewriter): Term[] {
  let out: Term[] | undefined;
  for (let i = 0; i < terms.length; i++) {
    const t = rewriteTerm(terms[i], rw);
    if (!out && t !== terms[i]) out = terms.slice(0, i);
    out?.push(t);
  }
  return out ?? terms;
}

/** Collections known to hold only scalars and such collections (no vars, refs, calls or comprehensions). */
const plainData = new WeakSet<Term>();

/** True for scalars and arrays, sets and objects of plain data: nothing in it is a name, a ref or a call. */
export function isPlainData(term: Term): boolean {
  switch (term.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return true;
    case 'array':
    case 'set':
      if (plainData.has(term)) return true;
      for (const t of term.items) if (!isPlainData(t)) return false;
      break;
    case 'object':
      if (plainData.has(term)) return true;
      for (const [k, v] of term.entries) if (!isPlainData(k) || !isPlainData(v)) return false;
      break;
    default:
      return false;
  }
  plainData.add(term);
  return true;
}

/**
 * Visits every term (pre-order) that can hold a name, a ref or a call: plain
 * data (see isPlainData) is visited at its root only. Returning false stops
 * descent into that term. Closures are entered unless skipClosures.
 */
export function visitTerm(term: Term, visit: (t: Term) => boolean | void, skipClosures = false): void {
  if (visit(term) === false) return;
  switch (term.type) {
    case 'ref':
      for (const t of term.terms) visitTerm(t, visit, skipClosures);
      break;
    case 'array':
    case 'set':
      if (isPlainData(term)) break;
      for (const t of term.items) visitTerm(t, visit, skipClosures);
      break;
    case 'object':
      if (isPlainData(term)) break;
      for (const [k, v] of term.entries) {
        visitTerm(k, visit, skipClosures);
        visitTerm(v, visit, skipClosures);
      }
      break;
    case 'call':
      // The operator is a name, not a value: its head var is never a local.
      for (const t of term.args) visitTerm(t, visit, skipClosures);
      break;
    case 'arraycomp':
    case 'setcomp':
      if (skipClosures) break;
      visitTerm(term.head, visit, skipClosures);
      visitBody(term.body, visit);
      break;
    case 'objectcomp':
      if (skipClosures) break;
      visitTerm(term.key, visit, skipClosures);
      visitTerm(term.value, visit, skipClosures);
      visitBody(term.body, visit);
      break;
    default:
      break;
  }
}

/** The top-level terms of an expression: not the bodies of `every`, not `with` targets (names, not values). */
export function exprTerms(expr: Expr): Term[] {
  const withs = expr.with.length === 0 ? [] : expr.with.map((w: With) => w.value);
  switch (expr.kind) {
    case 'term':
      return withs.length === 0 ? [expr.term] : [expr.term, ...withs];
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
  for (let r: Rule | undefined = rule; r; r = r.else) {
    const h = r.head;
    for (const t of h.ref) visitTerm(t, visit);
    if (h.args) for (const t of h.args) visitTerm(t, visit);
    if (h.key) visitTerm(h.key, visit);
    if (h.value) visitTerm(h.value, visit);
    visitBody(r.body, visit);
  }
}

/** Vars in a term (call operators excluded), outside closures unless skipClosures is false. */
export function varsOf(term: Term, skipClosures = true): VarTerm[] {
  if (term.type === 'var') return [term];
  const out: VarTerm[] = [];
  if (isPlainData(term)) return out;
  visitTerm(
    term,
    (t) => {
      if (t.type === 'var') out.push(t);
    },
    skipClosures,
  );
  return out;
}

export function isWildcard(name: string): boolean {
  return name === '_' || name.startsWith('_$');
}

/** The source name of a var renamed by rewriteLocalVars (`x$3` → `x`). */
export function sourceName(name: string): string {
  const i = name.indexOf('$');
  return i < 0 ? name : name.slice(0, i);
}
