/**
 * Stage: resolve names to full refs. A var naming a rule of the package
 * becomes `data.<pkg>.<name>`, an import alias becomes its path (`input.x`,
 * `data.lib`). Names declared locally (function arguments, `:=`, `some`,
 * `every`) shadow rules and imports and stay vars.
 */
import type { Body, Expr, Module, RefTerm, Rule, Term } from '../ast.js';
import { rewriteTerm, varsOf, visitBody, visitRule, type TermRewriter } from './ast-walk.js';
import type { Stage } from './state.js';

type Globals = Map<string, Term[]>;

export const resolveRefs: Stage = {
  name: 'resolveRefs',
  run(state) {
    const rulesByPkg = new Map<string, Set<string>>();
    for (const e of state.rules) {
      const key = e.pkg.join('.');
      if (!rulesByPkg.has(key)) rulesByPkg.set(key, new Set());
      const first = e.rule.head.ref[0];
      if (first.type === 'var') rulesByPkg.get(key)!.add(first.name);
    }
    const globalsByModule = new Map<Module, Globals>();
    for (const mod of state.modules) {
      const pkgTerms = mod.package.terms;
      const globals: Globals = new Map();
      const pkg = pkgTerms.slice(1).map((t) => (t as { value: string }).value).join('.');
      for (const name of rulesByPkg.get(pkg) ?? []) {
        globals.set(name, [...pkgTerms, { type: 'string', value: name, loc: pkgTerms[0].loc }]);
      }
      for (const imp of mod.imports) {
        const [root] = imp.path.terms;
        if (root.type !== 'var' || (root.name !== 'data' && root.name !== 'input')) continue;
        if (imp.path.terms.length === 1 && !imp.alias) continue;
        const last = imp.path.terms[imp.path.terms.length - 1];
        const name = imp.alias ?? (last.type === 'string' ? last.value : '');
        if (name) globals.set(name, imp.path.terms);
      }
      globalsByModule.set(mod, globals);
    }
    const rules = state.rules.map((e) => {
      const globals = globalsByModule.get(e.module)!;
      return mentionsAny(e.rule, globals) ? { ...e, rule: new Resolver(globals, declaredNames(e.rule)).rule(e.rule) } : e;
    });
    return { ...state, rules };
  },
};

/** True if a var of the rule (call operators and `with` targets included) has a global's name. */
function mentionsAny(rule: Rule, globals: Globals): boolean {
  let found = false;
  const isGlobal = (t: Term): boolean => t.type === 'var' && globals.has(t.name);
  // `with` targets are names that visitRule does not visit.
  const withTargets = (body: Body): void => {
    for (const e of body) {
      for (const w of e.with) if (isGlobal(w.target.terms[0])) found = true;
      if (e.kind === 'every') withTargets(e.body);
    }
  };
  for (let r: Rule | undefined = rule; r; r = r.else) withTargets(r.body);
  visitRule(rule, (t) => {
    if (found) return false;
    if (isGlobal(t) || (t.type === 'call' && isGlobal(t.operator.terms[0]))) found = true;
    else if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objectcomp') withTargets(t.body);
    return !found;
  });
  return found;
}

/** Names a rule declares locally (anywhere in it). */
function declaredNames(rule: Rule): Set<string> {
  const out = new Set<string>();
  for (let r: Rule | undefined = rule; r; r = r.else) {
    for (const a of r.head.args ?? []) addVars(a, out);
    for (const t of r.head.ref.slice(1)) if (t.type === 'var') out.add(t.name);
    declaredInBody(r.body, out);
  }
  return out;
}

function declaredInBody(body: Body, out: Set<string>): void {
  for (const expr of body) {
    if (expr.kind === 'some') for (const v of expr.vars) out.add(v.name);
    else if (expr.kind === 'somein') {
      addVars(expr.key, out);
      addVars(expr.value, out);
    } else if (expr.kind === 'every') {
      addVars(expr.key, out);
      addVars(expr.value, out);
      declaredInBody(expr.body, out);
    } else if (expr.term.type === 'call' && isOp(expr.term.operator, 'assign')) addVars(expr.term.args[0], out);
  }
  visitBody(body, (t) => {
    if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objectcomp') declaredInBody(t.body, out);
  });
}

function addVars(t: Term | undefined, out: Set<string>): void {
  if (t) for (const v of varsOf(t)) out.add(v.name);
}

export function isOp(op: RefTerm, name: string): boolean {
  return op.terms.length === 1 && op.terms[0].type === 'var' && op.terms[0].name === name;
}

/** Rewrites names to the globals' refs, except names declared locally. */
class Resolver implements TermRewriter {
  constructor(
    private readonly globals: Globals,
    private readonly ignore: Set<string>,
  ) {}

  rule(rule: Rule): Rule {
    const head = rule.head;
    return {
      ...rule,
      head: {
        ...head,
        ref: [head.ref[0], ...head.ref.slice(1).map((t) => this.term(t))],
        args: head.args?.map((t) => this.term(t)),
        key: head.key && this.term(head.key),
        value: head.value && this.term(head.value),
      },
      body: this.body(rule.body),
      else: rule.else && this.rule(rule.else),
    };
  }

  body(body: Body): Body {
    return body.map((expr): Expr => {
      const withs = expr.with.length === 0 ? expr.with : expr.with.map((w) => ({ ...w, target: this.term(w.target) as RefTerm, value: this.term(w.value) }));
      switch (expr.kind) {
        case 'term':
          return { ...expr, term: this.term(expr.term), with: withs };
        case 'some':
          return { ...expr, with: withs };
        case 'somein':
          return { ...expr, key: expr.key && this.term(expr.key), value: this.term(expr.value), collection: this.term(expr.collection), with: withs };
        case 'every':
          return { ...expr, domain: this.term(expr.domain), body: this.body(expr.body), with: withs };
      }
    });
  }

  term(t: Term): Term {
    return rewriteTerm(t, this);
  }

  pre(x: Term): Term | undefined {
    if (x.type === 'var') {
      const g = this.global(x.name);
      return g ? { type: 'ref', terms: g.map((gt) => ({ ...gt, loc: x.loc })), loc: x.loc } : x;
    }
    if (x.type === 'ref') {
      const [head, ...rest] = x.terms;
      const resolvedRest = rest.map((r) => this.term(r));
      const g = head.type === 'var' ? this.global(head.name) : undefined;
      if (g) return { ...x, terms: [...g.map((gt) => ({ ...gt, loc: head.loc })), ...resolvedRest] };
      const resolvedHead = head.type === 'var' ? head : this.term(head);
      if (resolvedHead === head && resolvedRest.every((r, i) => r === rest[i])) return x;
      return { ...x, terms: [resolvedHead, ...resolvedRest] };
    }
    return undefined;
  }

  private global(name: string): Term[] | undefined {
    return this.ignore.has(name) ? undefined : this.globals.get(name);
  }
}
