/**
 * Stage: order every body so that each expression's inputs are bound before it
 * runs (OPA's safety check): an expression may run once the vars it reads are
 * bound; it then binds its outputs (unification, iteration keys, output
 * arguments, `some ... in` patterns). Expressions keep their written order
 * where possible. A var nothing can bind is rego_unsafe_var_error; the head's
 * vars must be bound by the body.
 */
import type { Body, Expr, RefTerm, Rule, Term, VarTerm } from '../ast.js';
import { RegoError, type RegoDiagnostic } from '../errors.js';
import { exprTerms, isWildcard, rewriteTerm, sourceName, varsOf, visitBody, visitTerm, type TermRewriter } from './ast-walk.js';
import { operatorName, resolveCall } from './calls.js';
import { buildTree } from './rule-tree.js';
import { isOp } from './resolve-refs.js';
import type { CompileState, Stage } from './state.js';

type Vars = ReadonlySet<string>;

class Safety {
  readonly errors: RegoDiagnostic[] = [];
  constructor(private readonly state: CompileState) {}

  rule(rule: Rule): Rule {
    const h = rule.head;
    const bound = new Set<string>(['input', 'data']);
    for (const a of h.args ?? []) for (const v of varsOf(a)) bound.add(v.name);
    const headTerms = [...h.ref.slice(1), ...(h.key ? [h.key] : []), ...(h.value ? [h.value] : [])];
    const scope = new Set([...bound, ...shallowVars(rule.body), ...headTerms.flatMap((t) => varsOf(t).map((v) => v.name))]);
    const body = this.body(rule.body, bound, scope);
    // Refs in the head iterate like refs in the body.
    for (const t of headTerms) refKeyVars(t, bound, bound);
    for (const t of headTerms) {
      for (const v of varsOf(t)) if (!bound.has(v.name)) this.unsafe(v);
    }
    return { ...rule, head: { ...h, ref: h.ref, key: h.key && this.closures(h.key, bound, scope), value: h.value && this.closures(h.value, bound, scope) }, body, else: rule.else && this.rule(rule.else) };
  }

  private unsafe(v: VarTerm): void {
    if (this.errors.some((e) => e.location === v.loc)) return;
    this.errors.push({ code: 'rego_unsafe_var_error', message: `var ${sourceName(v.name)} is unsafe`, location: v.loc });
  }

  /** Orders body; `bound` is updated in place with what the body binds. */
  body(body: Body, bound: Set<string>, scope: Vars): Body {
    const remaining = [...body];
    const out: Body = [];
    while (remaining.length > 0) {
      const i = remaining.findIndex((e) => this.needs(e, bound, scope).every((v) => bound.has(v.name)));
      if (i < 0) {
        const first = remaining[0];
        for (const v of this.needs(first, bound, scope)) if (!bound.has(v.name)) this.unsafe(v);
        return out.concat(remaining);
      }
      const [expr] = remaining.splice(i, 1);
      const binds = this.binds(expr, bound);
      out.push(this.nested(expr, bound, scope));
      for (const v of binds) bound.add(v);
    }
    return out;
  }

  /** Orders the bodies nested in an expression (closures, `every`). */
  private nested(expr: Expr, bound: Vars, scope: Vars): Expr {
    const withs = expr.with.length === 0 ? expr.with : expr.with.map((w) => ({ ...w, value: this.closures(w.value, bound, scope) }));
    switch (expr.kind) {
      case 'term': {
        const term = this.closures(expr.term, bound, scope);
        return term === expr.term && withs === expr.with ? expr : { ...expr, term, with: withs };
      }
      case 'some':
        return expr;
      case 'somein':
        return { ...expr, collection: this.closures(expr.collection, bound, scope), with: withs };
      case 'every': {
        const inner = new Set(bound);
        for (const v of [expr.key, expr.value]) if (v) inner.add(v.name);
        const innerScope = new Set([...scope, ...inner, ...shallowVars(expr.body)]);
        return { ...expr, domain: this.closures(expr.domain, bound, scope), body: this.body(expr.body, inner, innerScope), with: withs };
      }
    }
  }

  /** Orders the bodies of the comprehensions in a term (the term itself when it has none). */
  private closures(t: Term, bound: Vars, scope: Vars): Term {
    return rewriteTerm(t, new ClosuresIn(this, bound, scope));
  }

  closure(x: Closure, bound: Vars, scope: Vars): Term {
    const inner = new Set(bound);
    const heads = x.type === 'objectcomp' ? [x.key, x.value] : [x.head];
    const innerScope = new Set([...scope, ...shallowVars(x.body), ...heads.flatMap((h) => varsOf(h).map((v) => v.name))]);
    const body = this.body(x.body, inner, innerScope);
    for (const h of heads) for (const v of varsOf(h)) if (!inner.has(v.name)) this.unsafe(v);
    if (x.type === 'objectcomp') return { ...x, key: this.closures(x.key, inner, innerScope), value: this.closures(x.value, inner, innerScope), body };
    return { ...x, head: this.closures(x.head, inner, innerScope), body };
  }

  /** The vars an expression reads (must be bound before it), given what is bound. */
  needs(expr: Expr, bound: Vars, scope: Vars): VarTerm[] {
    const binds = expr.negated ? new Set<string>() : this.binds(expr, bound);
    const all: VarTerm[] = [];
    if (expr.kind === 'some') return [];
    const withValues = expr.with.map((w) => w.value).filter((t) => !this.namesFunction(t, bound));
    const terms = expr.kind === 'every' ? [expr.domain, ...withValues] : [...exprTerms({ ...expr, with: [] }), ...withValues];
    for (const t of terms) all.push(...freeVars(t, scope));
    if (expr.kind === 'every') all.push(...captured(expr.body, scope));
    return all.filter((v) => !binds.has(v.name) && !(expr.negated && isWildcard(v.name)));
  }

  /** A `with` value naming a builtin (`with count as object.union_n`) reads no vars. */
  private namesFunction(t: Term, bound: Vars): boolean {
    const ref: RefTerm | undefined = t.type === 'ref' ? t : t.type === 'var' ? { type: 'ref', terms: [t], loc: t.loc } : undefined;
    const head = ref?.terms[0];
    if (!ref || head?.type !== 'var' || bound.has(head.name)) return false;
    const name = operatorName(ref);
    return name !== undefined && this.state.lookupBuiltin(name) !== undefined;
  }

  /** The vars an expression binds when run with `bound` bound. */
  binds(expr: Expr, bound: Vars): Set<string> {
    const out = new Set<string>();
    if (expr.negated || expr.kind === 'some' || expr.kind === 'every') return out;
    const terms = expr.kind === 'term' ? [expr.term] : [expr.collection];
    for (const t of terms) refKeyVars(t, bound, out);
    if (expr.kind === 'somein') {
      for (const t of [expr.key, expr.value]) if (t) patternVars(t, new Set([...bound, ...out]), out);
      return out;
    }
    const t = expr.term;
    if (t.type !== 'call') return out;
    if (isOp(t.operator, 'eq') || isOp(t.operator, 'assign')) {
      unifyBinds(t.args[0], t.args[1], bound, out);
      return out;
    }
    const target = this.state.tree ? resolveCall(t.operator, this.state.tree, this.state.lookupBuiltin) : undefined;
    if (target && target.kind !== 'unknown' && t.args.length === target.arity + 1) {
      const last = t.args[t.args.length - 1];
      const known = new Set([...bound, ...out]);
      if (t.args.slice(0, -1).every((a) => isKnown(a, known))) patternVars(last, known, out);
    }
    return out;
  }
}

type Closure = Extract<Term, { type: 'arraycomp' | 'setcomp' | 'objectcomp' }>;

/** Orders the comprehensions found in terms where `bound` is bound. */
class ClosuresIn implements TermRewriter {
  constructor(
    private readonly safety: Safety,
    private readonly bound: Vars,
    private readonly scope: Vars,
  ) {}

  pre(x: Term): Term | undefined {
    return x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp' ? this.safety.closure(x, this.bound, this.scope) : undefined;
  }
}

/** Var names occurring directly in a body (not inside its closures). */
function shallowVars(body: Body): string[] {
  const out: string[] = [];
  for (const e of body) {
    if (e.kind === 'some') out.push(...e.vars.map((v) => v.name));
    for (const t of exprTerms(e)) for (const v of varsOf(t)) out.push(v.name);
  }
  return out;
}

/** Vars of a term outside closures, plus the outer vars its closures capture. */
function freeVars(t: Term, scope: Vars): VarTerm[] {
  const out: VarTerm[] = [];
  visitTerm(t, (x) => {
    if (x.type === 'var') out.push(x);
    if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp') {
      const heads = x.type === 'objectcomp' ? [x.key, x.value] : [x.head];
      for (const h of heads) for (const v of varsOf(h, false)) if (scope.has(v.name)) out.push(v);
      out.push(...captured(x.body, scope));
      return false;
    }
    return true;
  });
  return out;
}

function captured(body: Body, scope: Vars): VarTerm[] {
  const out: VarTerm[] = [];
  visitBody(body, (x) => {
    if (x.type === 'var' && scope.has(x.name)) out.push(x);
  });
  return out;
}

/** Unbound vars in key positions of refs (bound by iterating), outside closures. */
function refKeyVars(t: Term, bound: Vars, out: Set<string>): void {
  const known = new Set(bound);
  visitTerm(
    t,
    (x) => {
      if (x.type === 'ref') {
        for (const k of x.terms.slice(1)) {
          if (k.type === 'var' && !known.has(k.name)) out.add(k.name);
          else if (k.type === 'array' || k.type === 'object') patternVars(k, new Set(), out);
        }
      }
    },
    true,
  );
}

function isKnown(t: Term, bound: Vars): boolean {
  return varsOf(t).every((v) => bound.has(v.name));
}

/** All unbound vars of a pattern (vars, array items, object values) whose other parts are known. */
function patternVars(t: Term, bound: Vars, out: Set<string>): void {
  if (t.type === 'var') {
    if (!bound.has(t.name)) out.add(t.name);
  } else if (t.type === 'array') {
    for (const x of t.items) patternVars(x, bound, out);
  } else if (t.type === 'object') {
    for (const [k, v] of t.entries) if (isKnown(k, new Set([...bound, ...out]))) patternVars(v, bound, out);
  }
}

export function unifyBinds(a: Term, b: Term, bound: Vars, out: Set<string>): void {
  for (let changed = true; changed; ) {
    const before = out.size;
    unifyStep(a, b, new Set([...bound, ...out]), out);
    changed = out.size > before;
  }
}

function unifyStep(a: Term, b: Term, bound: Vars, out: Set<string>): void {
  if (a.type === 'array' && b.type === 'array') {
    if (a.items.length === b.items.length) a.items.forEach((x, i) => unifyStep(x, b.items[i], bound, out));
    return;
  }
  if (a.type === 'object' && b.type === 'object') {
    for (const [ka, va] of a.entries) {
      const match = b.entries.find(([kb]) => JSON.stringify(stripLoc(kb)) === JSON.stringify(stripLoc(ka)));
      if (match) unifyStep(va, match[1], bound, out);
    }
    return;
  }
  if (isKnown(b, bound)) patternVars(a, bound, out);
  if (isKnown(a, bound)) patternVars(b, bound, out);
}

function stripLoc(t: Term): unknown {
  return JSON.parse(JSON.stringify(t, (k, v) => (k === 'loc' ? undefined : v)));
}

export const reorderBodies: Stage = {
  name: 'reorderBodies',
  run(state) {
    const safety = new Safety(state);
    const rules = state.rules.map((e) => ({ ...e, rule: safety.rule(e.rule) }));
    if (safety.errors.length > 0) throw new RegoError(safety.errors, state.sources);
    return { ...state, rules, tree: buildTree(state.modules, rules) };
  },
};
