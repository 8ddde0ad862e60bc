/**
 * Stage: resolve names to full refs. A var naming a rule of the package
 * becomes `data.<pkg>.<name>`, an import alias becomes its path (`input.x`,
 * `data.lib`). Names declared locally (function arguments, `:=`, `some`,
 * `every`) shadow rules and imports and stay vars.
 */
import type { Body, Expr, Module, RefTerm, Rule, Term, With } from '../ast.js';
import { rewriteTerm, varsOf, visitBody, visitRule } from './ast-walk.js';
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
      return mentionsAny(e.rule, globals) ? { ...e, rule: resolveRule(e.rule, globals, declaredNames(e.rule)) } : e;
    });
    return { ...state, rules };
  },
};

/** True if a var of the rule (call operators included) has a global's name. */
function mentionsAny(rule: Rule, globals: Globals): boolean {
  let found = false;
  visitRule(rule, (t) => {
    if (found) return false;
    if (t.type === 'var' && globals.has(t.name)) found = true;
    if (t.type === 'call' && t.operator.terms[0].type === 'var' && globals.has(t.operator.terms[0].name)) found = true;
    return !found;
  });
  for (const e of everyWith(rule)) if (e.target.terms[0].type === 'var' && globals.has(e.target.terms[0].name)) found = true;
  return found;
}

/** Every `with` of a rule (their targets are names that visitRule does not visit). */
function everyWith(rule: Rule): With[] {
  const out: With[] = [];
  const scan = (body: Body): void => {
    for (const e of body) {
      out.push(...e.with);
      if (e.kind === 'every') scan(e.body);
    }
    visitBody(body, (t) => {
      if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objectcomp') for (const e of t.body) out.push(...e.with);
    });
  };
  for (let r: Rule | undefined = rule; r; r = r.else) scan(r.body);
  return out;
}

/** Names a rule declares locally (anywhere in it). */
function declaredNames(rule: Rule): Set<string> {
  const out = new Set<string>();
  const addVars = (t: Term | undefined): void => {
    if (t) for (const v of varsOf(t)) out.add(v.name);
  };
  const scanRule = (r: Rule): void => {
    for (const a of r.head.args ?? []) addVars(a);
    for (const t of r.head.ref.slice(1)) if (t.type === 'var') out.add(t.name);
    scanBody(r.body);
    if (r.else) scanRule(r.else);
  };
  const scanBody = (body: Body): void => {
    for (const expr of body) scanExpr(expr);
    visitBody(body, (t) => {
      if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objectcomp') scanBody(t.body);
    });
  };
  const scanExpr = (expr: Expr): void => {
    if (expr.kind === 'some') expr.vars.forEach((v) => out.add(v.name));
    else if (expr.kind === 'somein') {
      addVars(expr.key);
      addVars(expr.value);
    } else if (expr.kind === 'every') {
      addVars(expr.key);
      addVars(expr.value);
      scanBody(expr.body);
    } else if (expr.term.type === 'call' && isOp(expr.term.operator, 'assign')) addVars(expr.term.args[0]);
  };
  scanRule(rule);
  return out;
}

export function isOp(op: RefTerm, name: string): boolean {
  return op.terms.length === 1 && op.terms[0].type === 'var' && op.terms[0].name === name;
}

function resolveRule(rule: Rule, globals: Globals, ignore: Set<string>): Rule {
  const term = (t: Term): Term => resolveTerm(t, globals, ignore);
  const head = rule.head;
  return {
    ...rule,
    head: {
      ...head,
      ref: [head.ref[0], ...head.ref.slice(1).map(term)],
      args: head.args?.map(term),
      key: head.key && term(head.key),
      value: head.value && term(head.value),
    },
    body: resolveBody(rule.body, globals, ignore),
    else: rule.else && resolveRule(rule.else, globals, ignore),
  };
}

function resolveBody(body: Body, globals: Globals, ignore: Set<string>): Body {
  const term = (t: Term): Term => resolveTerm(t, globals, ignore);
  return body.map((expr): Expr => {
    const withs = expr.with.map((w) => ({ ...w, target: term(w.target) as RefTerm, value: term(w.value) }));
    switch (expr.kind) {
      case 'term':
        return { ...expr, term: term(expr.term), with: withs };
      case 'some':
        return { ...expr, with: withs };
      case 'somein':
        return { ...expr, key: expr.key && term(expr.key), value: term(expr.value), collection: term(expr.collection), with: withs };
      case 'every':
        return { ...expr, domain: term(expr.domain), body: resolveBody(expr.body, globals, ignore), with: withs };
    }
  });
}

function resolveTerm(t: Term, globals: Globals, ignore: Set<string>): Term {
  return rewriteTerm(t, {
    pre(x) {
      if (x.type === 'var') {
        const g = !ignore.has(x.name) && globals.get(x.name);
        return g ? { type: 'ref', terms: g.map((gt) => ({ ...gt, loc: x.loc })), loc: x.loc } : x;
      }
      if (x.type === 'ref') {
        const [head, ...rest] = x.terms;
        const resolvedRest = rest.map((r) => resolveTerm(r, globals, ignore));
        if (head.type === 'var') {
          const g = !ignore.has(head.name) && globals.get(head.name);
          if (g) return { ...x, terms: [...g.map((gt) => ({ ...gt, loc: head.loc })), ...resolvedRest] };
          return { ...x, terms: [head, ...resolvedRest] };
        }
        return { ...x, terms: [resolveTerm(head, globals, ignore), ...resolvedRest] };
      }
      return undefined;
    },
    body: (b) => resolveBody(b, globals, ignore),
  });
}
