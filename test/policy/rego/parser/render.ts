/**
 * Renders parsed Rego back to compact text so tests can state the expected
 * tree readably: every call is written `name(args)` (so precedence shows),
 * refs as `a.b[x]`, sets as `{..}` or `set()`.
 */
import type { Body, Expr, Rule, Term } from '../../../../src/policy/rego/ast.js';

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function renderTerm(t: Term): string {
  switch (t.type) {
    case 'null':
      return 'null';
    case 'boolean':
    case 'number':
      return String(t.value);
    case 'string':
      return JSON.stringify(t.value);
    case 'var':
      return t.name;
    case 'ref':
      return renderRef(t.terms);
    case 'array':
      return `[${t.items.map(renderTerm).join(', ')}]`;
    case 'set':
      return t.items.length === 0 ? 'set()' : `{${t.items.map(renderTerm).join(', ')}}`;
    case 'object':
      return `{${t.entries.map(([k, v]) => `${renderTerm(k)}: ${renderTerm(v)}`).join(', ')}}`;
    case 'arraycomp':
      return `[${renderTerm(t.head)} | ${renderBody(t.body)}]`;
    case 'setcomp':
      return `{${renderTerm(t.head)} | ${renderBody(t.body)}}`;
    case 'objectcomp':
      return `{${renderTerm(t.key)}: ${renderTerm(t.value)} | ${renderBody(t.body)}}`;
    case 'call':
      return `${renderRef(t.operator.terms)}(${t.args.map(renderTerm).join(', ')})`;
  }
}

function renderRef(terms: Term[]): string {
  const [head, ...rest] = terms;
  let out = head.type === 'var' ? head.name : renderTerm(head);
  for (const t of rest) {
    out += t.type === 'string' && identifier.test(t.value) ? `.${t.value}` : `[${renderTerm(t)}]`;
  }
  return out;
}

export function renderExpr(e: Expr): string {
  let out: string;
  switch (e.kind) {
    case 'term':
      out = renderTerm(e.term);
      break;
    case 'some':
      out = `some ${e.vars.map(renderTerm).join(', ')}`;
      break;
    case 'somein':
      out = `some ${e.key ? `${renderTerm(e.key)}, ` : ''}${renderTerm(e.value)} in ${renderTerm(e.collection)}`;
      break;
    case 'every':
      out = `every ${e.key ? `${renderTerm(e.key)}, ` : ''}${renderTerm(e.value)} in ${renderTerm(e.domain)} { ${renderBody(e.body)} }`;
      break;
  }
  if (e.negated) out = `not ${out}`;
  for (const w of e.with) out += ` with ${renderTerm(w.target)} as ${renderTerm(w.value)}`;
  return out;
}

export function renderBody(body: Body): string {
  return body.map(renderExpr).join('; ');
}

/** `default? <kind> ref(args)[contains key] := value if { body } else ...` */
export function renderRule(r: Rule): string {
  const h = r.head;
  let out = r.default ? 'default ' : '';
  out += `${h.kind} ${renderRef(h.ref)}`;
  if (h.args) out += `(${h.args.map(renderTerm).join(', ')})`;
  if (h.key) out += ` contains ${renderTerm(h.key)}`;
  if (h.value) out += ` ${h.assign ? ':=' : '='} ${renderTerm(h.value)}`;
  if (r.body.length > 0) out += ` if { ${renderBody(r.body)} }`;
  if (r.else) out += ` else${renderElse(r.else)}`;
  return out;
}

function renderElse(r: Rule): string {
  let out = r.head.value ? ` ${r.head.assign ? ':=' : '='} ${renderTerm(r.head.value)}` : '';
  if (r.body.length > 0) out += ` if { ${renderBody(r.body)} }`;
  if (r.else) out += ` else${renderElse(r.else)}`;
  return out;
}
