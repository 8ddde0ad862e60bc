/**
 * Stage: give every local variable one name per binding. Vars declared in a
 * nested body (a comprehension or `every`) by `:=`, `some` or the `every`
 * key/value, and vars that only occur there, are renamed `x$n`; vars of the
 * enclosing body are captured by name. Each `_` becomes a distinct `_$n`.
 * Redeclaring a var with `:=` in the same body is rego_compile_error.
 */
import type { Body, Expr, RefTerm, Rule, Term, VarTerm } from '../ast.js';
import { RegoError } from '../errors.js';
import { exprTerms, rewriteTerm, varsOf, type TermRewriter } from './ast-walk.js';
import { isOp } from './resolve-refs.js';
import { operatorName } from './calls.js';
import type { BuiltinDecl } from '../builtins/declaration.js';
import type { Stage } from './state.js';

class Scope {
  readonly names = new Map<string, string>();
  readonly declared = new Set<string>();
  /** Names this body declares with `:=` further on: closures before the declaration do not capture them. */
  readonly pending = new Set<string>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): string | undefined {
    if (this.pending.has(name)) return this.parent?.lookup(name);
    return this.names.get(name) ?? this.parent?.lookup(name);
  }
}

function assignedIn(body: Body): string[] {
  return body.flatMap((e) => (e.kind === 'term' && e.term.type === 'call' && isOp(e.term.operator, 'assign') ? varsOf(e.term.args[0]).map((v) => v.name) : []));
}

class Renamer {
  private counter = 0;
  constructor(
    private readonly source: string,
    private readonly lookupBuiltin: (name: string) => BuiltinDecl | undefined,
  ) {}

  /** `with count as object.union_n`: the value names a builtin (unless a local of that name exists). */
  private namesBuiltin(t: Term, scope: Scope): boolean {
    const ref: RefTerm | undefined = t.type === 'ref' ? t : t.type === 'var' ? { type: 'ref', terms: [t], loc: t.loc } : undefined;
    const head = ref?.terms[0];
    if (!ref || head?.type !== 'var' || scope.lookup(head.name) !== undefined) return false;
    const name = operatorName(ref);
    return name !== undefined && this.lookupBuiltin(name) !== undefined;
  }

  fresh(name: string): string {
    return `${name}$${this.counter++}`;
  }

  rule(rule: Rule): Rule {
    const root = new Scope();
    const h = rule.head;
    const shallow: Term[] = [...(h.args ?? []), ...h.ref.slice(1), ...(h.key ? [h.key] : []), ...(h.value ? [h.value] : [])];
    for (const expr of rule.body) shallow.push(...exprTerms(expr));
    for (const t of shallow) for (const v of varsOf(t)) if (v.name !== '_') root.names.set(v.name, v.name);
    for (const name of assignedIn(rule.body)) root.pending.add(name);
    const term = (t: Term): Term => this.term(t, root);
    const args = h.args?.map(term);
    const body = this.body(rule.body, root);
    return {
      ...rule,
      head: { ...h, args, ref: [h.ref[0], ...h.ref.slice(1).map(term)], key: h.key && term(h.key), value: h.value && term(h.value) },
      body,
      else: rule.else && this.rule({ ...rule.else, head: { ...rule.else.head, args: h.args } }),
    };
  }

  /** A nested body: decide which names are local before renaming. */
  nested(body: Body, outer: Scope, heads: Term[], declaredUpFront: VarTerm[] = []): { scope: Scope; body: Body; heads: Term[] } {
    const scope = new Scope(outer);
    for (const v of declaredUpFront) {
      if (v.name === '_') continue;
      scope.names.set(v.name, this.fresh(v.name));
      scope.declared.add(v.name);
    }
    const declaredHere = new Set<string>();
    for (const expr of body) for (const v of declaredBy(expr)) declaredHere.add(v.name);
    const shallow: Term[] = [...heads];
    for (const expr of body) shallow.push(...exprTerms(expr));
    for (const t of shallow) {
      for (const v of varsOf(t)) {
        if (v.name === '_' || v.name === 'input' || v.name === 'data' || scope.names.has(v.name)) continue;
        if (declaredHere.has(v.name) || outer.lookup(v.name) === undefined) scope.names.set(v.name, this.fresh(v.name));
      }
    }
    for (const name of assignedIn(body)) scope.pending.add(name);
    const renamed = this.body(body, scope);
    return { scope, body: renamed, heads: heads.map((t) => this.term(t, scope)) };
  }

  body(body: Body, scope: Scope): Body {
    return body.map((expr) => this.expr(expr, scope));
  }

  private declare(v: VarTerm, scope: Scope, how: 'assign' | 'some'): void {
    if (v.name === '_') return;
    if (scope.declared.has(v.name)) {
      throw RegoError.at('rego_compile_error', `var ${v.name} ${how === 'assign' ? 'assigned' : 'declared'} above`, v.loc, this.source);
    }
    scope.declared.add(v.name);
    scope.pending.delete(v.name);
    if (!scope.names.has(v.name)) scope.names.set(v.name, scope.parent ? this.fresh(v.name) : v.name);
  }

  private expr(expr: Expr, scope: Scope): Expr {
    const withs = expr.with.map((w) => ({ ...w, value: this.namesBuiltin(w.value, scope) ? w.value : this.term(w.value, scope) }));
    switch (expr.kind) {
      case 'some':
        for (const v of expr.vars) this.declare(v, scope, 'some');
        return { ...expr, vars: expr.vars.map((v) => this.term(v, scope) as VarTerm), with: withs };
      case 'somein': {
        const collection = this.term(expr.collection, scope);
        for (const t of [expr.key, expr.value]) if (t) for (const v of varsOf(t)) this.declare(v, scope, 'some');
        return { ...expr, key: expr.key && this.term(expr.key, scope), value: this.term(expr.value, scope), collection, with: withs };
      }
      case 'every': {
        const domain = this.term(expr.domain, scope);
        const kv = [...(expr.key ? [expr.key] : []), expr.value];
        const n = this.nested(expr.body, scope, kv, kv);
        const [key, value] = expr.key ? n.heads : [undefined, n.heads[0]];
        return { ...expr, domain, key: key as VarTerm | undefined, value: value as VarTerm, body: n.body, with: withs };
      }
      case 'term': {
        const t = expr.term;
        if (t.type === 'call' && isOp(t.operator, 'assign')) {
          this.checkAssignable(t.args[0]);
          const rhs = this.term(t.args[1], scope);
          for (const v of varsOf(t.args[0])) this.declare(v, scope, 'assign');
          return { ...expr, term: { ...t, args: [this.term(t.args[0], scope), rhs] }, with: withs };
        }
        return { ...expr, term: this.term(t, scope), with: withs };
      }
    }
  }

  /** `:=` declares vars: its left side is a var or an array/object pattern of vars (object keys constant). */
  private checkAssignable(t: Term): void {
    const bad = (what: string, at: Term): never => {
      throw RegoError.at('rego_compile_error', `cannot assign to ${what}`, at.loc, this.source);
    };
    if (t.type === 'var') {
      if (t.name === 'input' || t.name === 'data') bad(t.name, t);
      return;
    }
    if (t.type === 'array') return t.items.forEach((x) => this.checkAssignable(x));
    if (t.type === 'object') return t.entries.forEach(([, v]) => this.checkAssignable(v));
    if (t.type === 'string' || t.type === 'number' || t.type === 'boolean' || t.type === 'null') return;
    if (t.type === 'ref' && t.terms.length === 1 && t.terms[0].type === 'var') bad(t.terms[0].name, t);
    bad(t.type === 'ref' ? 'a ref' : t.type === 'call' ? 'a call' : `a ${t.type}`, t);
  }

  term(t: Term, scope: Scope): Term {
    return rewriteTerm(t, new RenameIn(this, scope));
  }

  /** A var renamed, a call's arguments (not its operator, a name), a comprehension in its own scope. */
  rename(x: Term, scope: Scope): Term | undefined {
    if (x.type === 'var') {
      if (x.name === '_') return { ...x, name: this.fresh('_') };
      const name = scope.lookup(x.name);
      return name && name !== x.name ? { ...x, name } : x;
    }
    if (x.type === 'call') {
      const args = x.args.map((a) => this.term(a, scope));
      return args.every((a, i) => a === x.args[i]) ? x : { ...x, args };
    }
    if (x.type === 'arraycomp' || x.type === 'setcomp') {
      const n = this.nested(x.body, scope, [x.head]);
      return { ...x, head: n.heads[0], body: n.body };
    }
    if (x.type === 'objectcomp') {
      const n = this.nested(x.body, scope, [x.key, x.value]);
      return { ...x, key: n.heads[0], value: n.heads[1], body: n.body };
    }
    return undefined;
  }
}

/** Renames the terms of one scope. */
class RenameIn implements TermRewriter {
  constructor(
    private readonly renamer: Renamer,
    private readonly scope: Scope,
  ) {}

  pre(x: Term): Term | undefined {
    return this.renamer.rename(x, this.scope);
  }
}

function declaredBy(expr: Expr): VarTerm[] {
  if (expr.kind === 'some') return expr.vars;
  if (expr.kind === 'somein') return [...(expr.key ? varsOf(expr.key) : []), ...varsOf(expr.value)];
  if (expr.kind === 'term' && expr.term.type === 'call' && isOp(expr.term.operator, 'assign')) return varsOf(expr.term.args[0]);
  return [];
}

export const rewriteLocalVars: Stage = {
  name: 'rewriteLocalVars',
  run(state) {
    const rules = state.rules.map((e) => ({ ...e, rule: new Renamer(e.module.source, state.lookupBuiltin).rule(e.rule) }));
    return { ...state, rules };
  },
};
