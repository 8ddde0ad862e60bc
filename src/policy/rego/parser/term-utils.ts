import type { Body, Expr, Term, With } from '../ast.js';

/** OPA's name for a term's kind in messages: `var`, `string`, `array comprehension`, ... */
export function valueName(term: Term): string {
  switch (term.type) {
    case 'arraycomp':
      return 'array comprehension';
    case 'setcomp':
      return 'set comprehension';
    case 'objectcomp':
      return 'object comprehension';
    default:
      return term.type;
  }
}

/** True when the term contains no variables (calls and comprehensions count as not ground). */
export function isGround(term: Term): boolean {
  switch (term.type) {
    case 'var':
    case 'call':
    case 'arraycomp':
    case 'setcomp':
    case 'objectcomp':
      return false;
    case 'ref':
      return term.terms.every(isGround);
    case 'array':
    case 'set':
      return term.items.every(isGround);
    case 'object':
      return term.entries.every(([k, v]) => isGround(k) && isGround(v));
    default:
      return true;
  }
}

/** A deep copy, so that rules sharing a head never share mutable nodes. */
export function cloneTerm<T extends Term>(term: T): T {
  const t: Term = term;
  let copy: Term;
  switch (t.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
    case 'var':
      copy = { ...t };
      break;
    case 'ref':
      copy = { ...t, terms: t.terms.map(cloneTerm) };
      break;
    case 'array':
    case 'set':
      copy = { ...t, items: t.items.map(cloneTerm) };
      break;
    case 'object':
      copy = { ...t, entries: t.entries.map(([k, v]) => [cloneTerm(k), cloneTerm(v)] as [Term, Term]) };
      break;
    case 'arraycomp':
    case 'setcomp':
      copy = { ...t, head: cloneTerm(t.head), body: cloneBody(t.body) };
      break;
    case 'objectcomp':
      copy = { ...t, key: cloneTerm(t.key), value: cloneTerm(t.value), body: cloneBody(t.body) };
      break;
    case 'call':
      copy = { ...t, operator: cloneTerm(t.operator), args: t.args.map(cloneTerm) };
      break;
  }
  return copy as T;
}

function cloneBody(body: Body): Body {
  return body.map(cloneExpr);
}

function cloneWith(w: With): With {
  return { ...w, target: cloneTerm(w.target), value: cloneTerm(w.value) };
}

function cloneExpr(e: Expr): Expr {
  const withs = e.with.map(cloneWith);
  switch (e.kind) {
    case 'term':
      return { ...e, term: cloneTerm(e.term), with: withs };
    case 'some':
      return { ...e, vars: e.vars.map(cloneTerm), with: withs };
    case 'somein': {
      const copy = { ...e, value: cloneTerm(e.value), collection: cloneTerm(e.collection), with: withs };
      if (e.key) copy.key = cloneTerm(e.key);
      return copy;
    }
    case 'every': {
      const copy = { ...e, value: cloneTerm(e.value), domain: cloneTerm(e.domain), body: cloneBody(e.body), with: withs };
      if (e.key) copy.key = cloneTerm(e.key);
      return copy;
    }
  }
}
