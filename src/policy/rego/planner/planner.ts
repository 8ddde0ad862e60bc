/**
 * The planner: the only code that reads the AST and writes the IR. A body is
 * planned as nested blocks with a continuation: expression i is planned, and
 * inside its successful path (after its scans, inside its blocks) the rest of
 * the body. Rule sets become functions (g<gen>.data.<path>), packages and
 * other inner nodes of the rule tree become functions that build the merged
 * object of base data and rules.
 */
import type { Body, CallTerm, Expr, Location, RefTerm, Scalar, Term } from '../ast.js';
import type { BuiltinDecl } from '../builtins/declaration.js';
import { RegoError } from '../errors.js';
import type { Func, Local, Operand, Plan, Policy, SourceLocation } from '../ir.js';
import { isPlainData, isWildcard, sourceName, visitTerm } from '../compiler/ast-walk.js';
import { resolveCall } from '../compiler/calls.js';
import { findNode, isScalar, nodeKind, pathString, scalarKey, type RuleTree, type RuleTreeNode } from '../compiler/rule-tree.js';
import { isOp } from '../compiler/resolve-refs.js';
import { FuncContext, Scope } from './func-context.js';
import { isDataMocked, rootGeneration, type FunctionMock, type Generation } from './generation.js';
import { RuleFunctionPlanner, type BodyPlanner } from './rule-functions.js';
import { StaticPool } from './static-pool.js';
import { MOCK_ROOT, WithClassifier } from './with-mocks.js';

type Cont = (scope: Scope) => void;
type TermCont = (op: Operand, scope: Scope) => void;

export class Planner implements BodyPlanner {
  private readonly pool = new StaticPool();
  private readonly funcs = new Map<string, Func>();
  private readonly generations = new Map<string, Generation>();
  private readonly root = rootGeneration();
  private mockCount = 0;
  private readonly ruleFunctions = new RuleFunctionPlanner(this);
  private readonly withMocks: WithClassifier;

  constructor(
    private readonly tree: RuleTree,
    private readonly lookupBuiltin: (name: string) => BuiltinDecl | undefined,
    private readonly sources: Map<string, string>,
  ) {
    this.generations.set('', this.root);
    this.withMocks = new WithClassifier(tree, lookupBuiltin, this.root, sources);
  }

  newScope(): Scope {
    return new Scope();
  }

  policy(entrypoints: string[]): Policy {
    const plans = entrypoints.map((e) => this.plan(e));
    return {
      static: { strings: this.pool.strings, builtins: this.pool.builtins(), files: this.pool.files },
      plans,
      funcs: [...this.funcs.values()],
    };
  }

  private plan(entrypoint: string): Plan {
    const ctx = new FuncContext(this.pool, this.root);
    const path = entrypoint === '' ? [] : entrypoint.split('/');
    const terms: Term[] = path.map((value) => ({ type: 'string', value, loc: NO_LOC }));
    const node = findNode(this.tree, terms as Scalar[]);
    if (node && nodeKind(node) === 'function') {
      throw RegoError.at('rego_compile_error', `entrypoint ${entrypoint} is a function, not a document`);
    }
    this.planDataRef(ctx, terms, new Scope(), (op) => {
      const value = ctx.toLocal(op);
      const obj = ctx.local();
      ctx.emit({ op: 'makeObject', target: obj });
      ctx.emit({ op: 'objectInsert', object: obj, key: ctx.str('result'), value: { kind: 'local', local: value } });
      ctx.emit({ op: 'resultSetAdd', value: obj });
    });
    return { name: entrypoint, blocks: [{ stmts: ctx.out }] };
  }

  // ---------------------------------------------------------------- helpers



  // ------------------------------------------------------------- functions

  private generation(parent: Generation, dataMocks: string[][], functionMocks: Map<string, FunctionMock>): Generation {
    if (dataMocks.length === 0 && functionMocks.size === 0) return parent;
    const all = [...parent.dataMocks, ...dataMocks];
    const fm = new Map([...parent.functionMocks, ...functionMocks]);
    const key = JSON.stringify([
      all.map((p) => p.join('\u0000')).sort(),
      [...fm.entries()].map(([k, m]) => [k, m.kind === 'function' ? `${m.gen.id}:${pathString(m.node.path)}` : m.kind === 'builtin' ? m.name : m.kind === 'data' ? m.path.join('/') : JSON.stringify(stripLoc(m.term))]).sort(),
    ]);
    let gen = this.generations.get(key);
    if (!gen) {
      gen = { id: this.generations.size, dataMocks: all, functionMocks: fm, key };
      this.generations.set(key, gen);
    }
    return gen;
  }

  /** The function computing a node's document (or a user function), planned on first use. */
  nodeFunc(node: RuleTreeNode, gen: Generation): string {
    const name = `g${gen.id}.${pathString(node.path)}`;
    if (this.funcs.has(name)) return name;
    const kind = nodeKind(node);
    const path = [`g${gen.id}`, ...pathString(node.path).split('.')];
    const arity = kind === 'function' ? (node.exact[0].rule.head.args?.length ?? 0) : 0;
    const params = Array.from({ length: 2 + arity }, (_, i) => i);
    const ctx = new FuncContext(this.pool, gen, params.length);
    const ret = ctx.local();
    const func: Func = { name, path, params, return: ret, blocks: [] };
    this.funcs.set(name, func);
    if (kind === 'function') this.ruleFunctions.planFunction(ctx, node, params.slice(2), ret);
    else if (kind === 'value') {
      this.ruleFunctions.planRuleSet(ctx, node, ret);
      func.memoize = true;
    } else this.ruleFunctions.planNodeObject(ctx, node, ret);
    ctx.emit({ op: 'return', local: ret });
    func.blocks = [{ stmts: ctx.out }];
    return name;
  }

  /** data.<path> in base data (the data local, with `with` replacements applied). */
  baseData(ctx: FuncContext, path: Scalar[]): Local {
    let cur = ctx.data;
    for (const k of path) {
      const next = ctx.local();
      ctx.emit({ op: 'dot', source: { kind: 'local', local: cur }, key: ctx.scalar(k), target: next });
      cur = next;
    }
    return cur;
  }

  // ------------------------------------------------------------ data refs

  /** A ref under data: rule functions where rules are, base data elsewhere. */
  private planDataRef(ctx: FuncContext, terms: Term[], scope: Scope, k: TermCont): void {
    let node = this.tree.root;
    for (let i = 0; ; i++) {
      if (isDataMocked(ctx.gen, node.path)) {
        return this.planRefRest(ctx, this.baseData(ctx, node.path), terms, i, scope, k, true);
      }
      const kind = nodeKind(node);
      if (kind === 'function') return ctx.fail();
      if (kind === 'value' || i >= terms.length) return this.planRefRest(ctx, this.callNode(ctx, node), terms, i, scope, k);
      const t = terms[i];
      // Rules with vars in their refs may write anywhere below their node: read the node's whole document.
      if (isScalar(t) && node.dynamic.length === 0) {
        const child = node.children.get(scalarKey(t));
        if (child) {
          node = child;
          continue;
        }
        return this.planRefRest(ctx, this.baseData(ctx, node.path), terms, i, scope, k, true);
      }
      return this.planRefRest(ctx, this.callNode(ctx, node), terms, i, scope, k);
    }
  }

  private callNode(ctx: FuncContext, node: RuleTreeNode): Local {
    const f = this.nodeFunc(node, ctx.gen);
    const v = ctx.local();
    ctx.emit({ op: 'call', func: f, args: [{ kind: 'local', local: ctx.input }, { kind: 'local', local: ctx.data }], result: v });
    return v;
  }

  /** Dots (or scans, for unbound vars) through terms[i..] from a value. */
  private planRefRest(ctx: FuncContext, base: Local, terms: Term[], i: number, scope: Scope, k: TermCont, inBaseData = false): void {
    if (i >= terms.length) return k({ kind: 'local', local: base }, scope);
    const t = terms[i];
    const planned = ctx.planned.get(t);
    if (!planned && this.hasUnboundPattern(t, scope)) {
      const key = ctx.local();
      const value = ctx.local();
      const block = ctx.block(() => this.unifyValue(ctx, t, key, scope, (s) => this.planRefRest(ctx, value, terms, i + 1, s, k, inBaseData)));
      ctx.emit({ op: 'scan', source: base, key, value, block });
      return;
    }
    if (t.type === 'number' && /^\d+$/.test(t.value) && inBaseData) {
      // Base data is JSON, whose object keys are strings: data.x[2] also finds the key "2".
      const value = ctx.local();
      ctx.emit({ op: 'resetLocal', target: value });
      ctx.emitBlock(() => ctx.emit({ op: 'dot', source: { kind: 'local', local: base }, key: ctx.scalar(t), target: value }));
      ctx.emitBlock(() => {
        ctx.emit({ op: 'isUndefined', source: value });
        ctx.emit({ op: 'dot', source: { kind: 'local', local: base }, key: ctx.str(t.value), target: value });
      });
      ctx.emit({ op: 'isDefined', source: value });
      return this.planRefRest(ctx, value, terms, i + 1, scope, k, inBaseData);
    }
    this.planTerm(ctx, t, scope, (keyOp, s) => {
      const value = ctx.local();
      ctx.emit({ op: 'dot', source: { kind: 'local', local: base }, key: keyOp, target: value });
      this.planRefRest(ctx, value, terms, i + 1, s, k, inBaseData);
    });
  }

  private hasUnboundPattern(t: Term, scope: Scope): boolean {
    if (t.type === 'var') return !scope.has(t.name);
    if (t.type === 'array') return t.items.some((x) => this.hasUnboundPattern(x, scope));
    if (t.type === 'object') return t.entries.some(([, v]) => this.hasUnboundPattern(v, scope));
    return false;
  }

  // ----------------------------------------------------------------- bodies

  /** Plans body[i..]; like planTerms, expressions that open no scan are followed in a loop, not by recursion. */
  planBody(ctx: FuncContext, body: Body, scope: Scope, k: Cont, i = 0): void {
    let s = scope;
    for (let j = i; j < body.length; j++) {
      const out = ctx.out;
      let deferred: Scope | undefined;
      let planning = true;
      this.planExpr(ctx, body[j], s, (s2) => {
        if (planning && ctx.out === out && !deferred) deferred = s2;
        else this.planBody(ctx, body, s2, k, j + 1);
      });
      planning = false;
      if (!deferred) return;
      s = deferred;
    }
    k(s);
  }

  private planExpr(ctx: FuncContext, expr: Expr, scope: Scope, k: Cont): void {
    if (expr.with.length > 0) return this.planWith(ctx, expr, scope, k);
    if (expr.negated) {
      this.planNegation(ctx, (done) => this.planExprInner(ctx, expr, scope, done));
      return k(scope);
    }
    this.planExprInner(ctx, expr, scope, k);
  }

  /**
   * Succeeds when plan finds no solution. A solution may be found inside a scan
   * (the block then still runs to its end), so solutions set a flag rather than
   * relying on how the block ends.
   */
  private planNegation(ctx: FuncContext, plan: (done: Cont) => void): void {
    const found = ctx.local();
    ctx.emit({ op: 'resetLocal', target: found });
    ctx.emitBlock(() => plan(() => ctx.emit({ op: 'assignVar', source: { kind: 'bool', value: true }, target: found })));
    ctx.emit({ op: 'isUndefined', source: found });
  }

  /** Plans the refs of an expression that iterate (unbound vars in their keys) before the expression itself. */
  private planExprInner(ctx: FuncContext, expr: Expr, scope: Scope, k: Cont): void {
    this.planHoisted(ctx, expr, this.iteratingRefs(expr, scope), 0, scope, k);
  }

  private planHoisted(ctx: FuncContext, expr: Expr, iterating: RefTerm[], j: number, scope: Scope, k: Cont): void {
    if (j >= iterating.length) return this.planExprBody(ctx, expr, scope, k);
    this.planRef(ctx, iterating[j], scope, (op, s2) => {
      ctx.planned.set(iterating[j], op);
      this.planHoisted(ctx, expr, iterating, j + 1, s2, k);
      ctx.planned.delete(iterating[j]);
    });
  }

  private iteratingRefs(expr: Expr, scope: Scope): RefTerm[] {
    const t = expr.kind === 'term' ? expr.term : expr.kind === 'somein' ? expr.collection : expr.kind === 'every' ? expr.domain : undefined;
    const out: RefTerm[] = [];
    if (t && !isPlainData(t)) this.collectIteratingRefs(t, scope, new Set(), out);
    return out;
  }

  private collectIteratingRefs(t: Term, scope: Scope, names: Set<string>, out: RefTerm[]): void {
    visitTerm(
      t,
      (x) => {
        if (x.type !== 'ref') return true;
        // Inner refs first: their keys may bind vars the outer ref needs.
        for (const sub of x.terms) this.collectIteratingRefs(sub, scope, names, out);
        if (x.terms.slice(1).some((key) => this.patternVars(key).some((v) => !scope.has(v) && !names.has(v)))) {
          out.push(x);
          for (const key of x.terms.slice(1)) for (const v of this.patternVars(key)) names.add(v);
        }
        return false;
      },
      true,
    );
  }

  private patternVars(t: Term): string[] {
    if (t.type === 'var') return [t.name];
    if (t.type === 'array') return t.items.flatMap((x) => this.patternVars(x));
    if (t.type === 'object') return t.entries.flatMap(([, v]) => this.patternVars(v));
    return [];
  }

  private planExprBody(ctx: FuncContext, expr: Expr, scope: Scope, k: Cont): void {
    switch (expr.kind) {
      case 'some':
        return k(scope);
      case 'somein':
        return this.planSomeIn(ctx, expr, scope, k);
      case 'every':
        return this.planEvery(ctx, expr, scope, k);
      case 'term':
        return this.planTermExpr(ctx, expr.term, scope, k);
    }
  }

  private planSomeIn(ctx: FuncContext, expr: Extract<Expr, { kind: 'somein' }>, scope: Scope, k: Cont): void {
    this.planTerm(ctx, expr.collection, scope, (coll, s) => {
      const source = ctx.toLocal(coll);
      const key = ctx.local();
      const value = ctx.local();
      const block = ctx.block(() => {
        if (expr.key) this.unifyValue(ctx, expr.key, key, s, (s2) => this.unifyValue(ctx, expr.value, value, s2, k));
        else this.unifyValue(ctx, expr.value, value, s, k);
      });
      ctx.emit({ op: 'scan', source, key, value, block });
    });
  }

  private planEvery(ctx: FuncContext, expr: Extract<Expr, { kind: 'every' }>, scope: Scope, k: Cont): void {
    this.planTerm(ctx, expr.domain, scope, (dom, s) => {
      const source = ctx.toLocal(dom);
      ctx.requireCollection(source);
      const key = ctx.local();
      const value = ctx.local();
      const failed = ctx.local();
      ctx.emit({ op: 'resetLocal', target: failed });
      const block = ctx.block(() => {
        let inner = s.bind(expr.value.name, value);
        if (expr.key) inner = inner.bind(expr.key.name, key);
        this.planNegation(ctx, (done) => this.planBody(ctx, expr.body, inner, done));
        ctx.emit({ op: 'assignVar', source: { kind: 'bool', value: true }, target: failed });
      });
      ctx.emit({ op: 'scan', source, key, value, block });
      ctx.emit({ op: 'isUndefined', source: failed });
      k(s);
    });
  }

  private planTermExpr(ctx: FuncContext, term: Term, scope: Scope, k: Cont): void {
    if (term.type !== 'call') {
      return this.planTerm(ctx, term, scope, (op, s) => {
        ctx.emit({ op: 'notEqual', a: op, b: { kind: 'bool', value: false } });
        k(s);
      });
    }
    const op = term.operator;
    if (isOp(op, 'eq') || isOp(op, 'assign')) return this.unify(ctx, term.args[0], term.args[1], scope, k);
    if (isOp(op, 'equal') || isOp(op, 'neq')) {
      return this.planTerms(ctx, term.args, scope, ([a, b], s) => {
        ctx.emit({ op: isOp(op, 'equal') ? 'equal' : 'notEqual', a, b });
        k(s);
      });
    }
    const target = this.callTarget(term);
    const arity = target.arity;
    if (term.args.length === arity + 1) {
      const out = term.args[term.args.length - 1];
      return this.planCall(ctx, term, term.args.slice(0, -1), scope, (result, s) => {
        const local = ctx.toLocal(result);
        if (target.relation) {
          const key = ctx.local();
          const value = ctx.local();
          const block = ctx.block(() => this.unifyValue(ctx, out, value, s, k));
          ctx.emit({ op: 'scan', source: local, key, value, block });
        } else this.unifyValue(ctx, out, local, s, k);
      });
    }
    this.planCall(ctx, term, term.args, scope, (result, s) => {
      ctx.emit({ op: 'notEqual', a: result, b: { kind: 'bool', value: false } });
      k(s);
    });
  }

  // ------------------------------------------------------------------- with

  private planWith(ctx: FuncContext, expr: Expr, scope: Scope, k: Cont): void {
    const inner: Expr = { ...expr, with: [] };
    const mocks = expr.with.map((w) => this.withMocks.classify(w));
    // Values that replace input or data (or a function by a value computed here) are planned first, in the current scope.
    const planned = mocks.map((m, i) => (m.kind === 'function' ? undefined : expr.with[i].value)).filter((t): t is Term => t !== undefined);
    this.planTerms(ctx, planned, scope, (values, s) => {
      const inputMocks: Array<{ path: string[]; value: Operand }> = [];
      const dataMocks: Array<{ path: string[]; value: Operand }> = [];
      const virtualMocks: string[][] = [];
      const functionMocks = new Map<string, FunctionMock>();
      let v = 0;
      for (const m of mocks) {
        if (m.kind === 'input') inputMocks.push({ path: m.path, value: values[v++] });
        else if (m.kind === 'data') {
          dataMocks.push({ path: m.path, value: values[v++] });
          if (m.virtual) virtualMocks.push(m.path.map((p) => JSON.stringify(p)));
        } else if (m.kind === 'function') functionMocks.set(m.target, m.mock);
        else {
          // A value computed here reaches the functions of the new generation through data, at a path of its own.
          const path = [MOCK_ROOT, String(this.mockCount++)];
          dataMocks.push({ path, value: values[v++] });
          functionMocks.set(m.target, { kind: 'data', path });
        }
      }
      const savedInput = ctx.input;
      const savedData = ctx.data;
      const savedGen = ctx.gen;
      const mocked = (n: number, local: Local, list: Array<{ path: string[]; value: Operand }>, then: () => void): void => {
        if (n >= list.length) return then();
        const block = ctx.block(() => mocked(n + 1, local, list, then));
        ctx.emit({ op: 'with', local, path: list[n].path.map((p) => this.pool.string(p)), value: list[n].value, block });
      };
      const newInput = inputMocks.length > 0 ? ctx.local() : ctx.input;
      const newData = dataMocks.length > 0 ? ctx.local() : ctx.data;
      if (newInput !== ctx.input) ctx.emit({ op: 'assignVar', source: { kind: 'local', local: ctx.input }, target: newInput });
      if (newData !== ctx.data) ctx.emit({ op: 'assignVar', source: { kind: 'local', local: ctx.data }, target: newData });
      mocked(0, newInput, inputMocks, () =>
        mocked(0, newData, dataMocks, () => {
          ctx.input = newInput;
          ctx.data = newData;
          ctx.gen = this.generation(savedGen, virtualMocks, functionMocks);
          this.planExpr(ctx, inner, s, (s2) => {
            const [i, d, g] = [ctx.input, ctx.data, ctx.gen];
            ctx.input = savedInput;
            ctx.data = savedData;
            ctx.gen = savedGen;
            k(s2);
            [ctx.input, ctx.data, ctx.gen] = [i, d, g];
          });
          ctx.input = savedInput;
          ctx.data = savedData;
          ctx.gen = savedGen;
        }),
      );
    });
  }

  // ------------------------------------------------------------------ calls

  private callTarget(call: CallTerm): { arity: number; relation: boolean } {
    const t = resolveCall(call.operator, this.tree, this.lookupBuiltin);
    if (t.kind === 'unknown') throw RegoError.at('rego_type_error', `undefined function ${t.name}`, call.loc);
    return { arity: t.arity, relation: t.kind === 'builtin' && t.decl.relation === true };
  }

  /** Calls the operator of `call` with the given argument terms. */
  private planCall(ctx: FuncContext, call: CallTerm, args: Term[], scope: Scope, k: TermCont): void {
    const target = resolveCall(call.operator, this.tree, this.lookupBuiltin);
    if (target.kind === 'unknown') throw RegoError.at('rego_type_error', `undefined function ${target.name}`, call.loc);
    const name = target.kind === 'function' ? pathString(target.node.path) : target.decl.name;
    const mock = ctx.gen.functionMocks.get(name);
    this.planTerms(ctx, args, scope, (ops, s) => {
      const result = ctx.local();
      if (mock?.kind === 'value' || mock?.kind === 'data') {
        // The replaced call still needs defined arguments.
        for (const op of ops) if (op.kind === 'local') ctx.emit({ op: 'isDefined', source: op.local });
      }
      if (mock?.kind === 'value') return this.planTerm(ctx, mock.term, s, (v, s2) => k(v, s2));
      if (mock?.kind === 'data') {
        let cur = ctx.data;
        for (const key of mock.path) {
          const next = ctx.local();
          ctx.emit({ op: 'dot', source: { kind: 'local', local: cur }, key: ctx.str(key), target: next });
          cur = next;
        }
        return k({ kind: 'local', local: cur }, s);
      }
      if (mock?.kind === 'function' || (!mock && target.kind === 'function')) {
        const f = mock?.kind === 'function' ? this.nodeFunc(mock.node, mock.gen) : this.nodeFunc((target as { node: RuleTreeNode }).node, ctx.gen);
        ctx.emit({ op: 'call', func: f, args: [{ kind: 'local', local: ctx.input }, { kind: 'local', local: ctx.data }, ...ops], result });
        return k({ kind: 'local', local: result }, s);
      }
      const builtin = mock?.kind === 'builtin' ? mock.name : name;
      this.pool.builtin(builtin);
      ctx.emit({ op: 'call', func: builtin, args: ops, result, location: this.location(call.loc) });
      k({ kind: 'local', local: result }, s);
    });
  }

  private location(loc: Location): SourceLocation {
    return { file: this.pool.file(loc.file), row: loc.line, col: loc.col };
  }

  // ------------------------------------------------------------------ terms

  /**
   * Plans terms left to right, binding what refs in them iterate over. A term
   * whose continuation runs at once in the same block (no scan opened) is
   * followed in a loop rather than by recursion, so long literals (a
   * 3,000-element array) do not grow the stack.
   */
  planTerms(ctx: FuncContext, terms: Term[], scope: Scope, k: (ops: Operand[], scope: Scope) => void, acc: Operand[] = []): void {
    const ops = [...acc];
    let s = scope;
    while (ops.length < terms.length) {
      const out = ctx.out;
      let deferred: [Operand, Scope] | undefined;
      let planning = true;
      this.planTerm(ctx, terms[ops.length], s, (op, s2) => {
        if (planning && ctx.out === out && !deferred) deferred = [op, s2];
        else this.planTerms(ctx, terms, s2, k, [...ops, op]);
      });
      planning = false;
      if (!deferred) return;
      ops.push(deferred[0]);
      s = deferred[1];
    }
    k(ops, s);
  }

  planTerm(ctx: FuncContext, t: Term, scope: Scope, k: TermCont): void {
    const planned = ctx.planned.get(t);
    if (planned) return k(planned, scope);
    switch (t.type) {
      case 'null':
      case 'boolean':
      case 'number':
      case 'string':
        return k(ctx.scalar(t), scope);
      case 'var': {
        const local = t.name === 'input' ? ctx.input : t.name === 'data' ? undefined : scope.get(t.name);
        if (t.name === 'data') return this.planDataRef(ctx, [], scope, k);
        if (local === undefined) {
          throw RegoError.at('rego_unsafe_var_error', `var ${sourceName(t.name)} is unsafe`, t.loc, this.sources.get(t.loc.file));
        }
        return k({ kind: 'local', local }, scope);
      }
      case 'ref':
        return this.planRef(ctx, t, scope, k);
      case 'array':
        return this.planTerms(ctx, t.items, scope, (ops, s) => {
          const arr = ctx.local();
          ctx.emit({ op: 'makeArray', capacity: ops.length, target: arr });
          for (const value of ops) ctx.emit({ op: 'arrayAppend', array: arr, value });
          k({ kind: 'local', local: arr }, s);
        });
      case 'set':
        return this.planTerms(ctx, t.items, scope, (ops, s) => {
          const set = ctx.local();
          ctx.emit({ op: 'makeSet', target: set });
          for (const value of ops) ctx.emit({ op: 'setAdd', set, value });
          k({ kind: 'local', local: set }, s);
        });
      case 'object':
        return this.planTerms(ctx, t.entries.flat(), scope, (ops, s) => {
          const obj = ctx.local();
          ctx.emit({ op: 'makeObject', target: obj });
          for (let i = 0; i < ops.length; i += 2) ctx.emit({ op: 'objectInsert', object: obj, key: ops[i], value: ops[i + 1] });
          k({ kind: 'local', local: obj }, s);
        });
      case 'arraycomp':
      case 'setcomp':
      case 'objectcomp':
        return this.planComprehension(ctx, t, scope, k);
      case 'call':
        return this.planCall(ctx, t, t.args, scope, k);
    }
  }

  private planComprehension(ctx: FuncContext, t: Extract<Term, { type: 'arraycomp' | 'setcomp' | 'objectcomp' }>, scope: Scope, k: TermCont): void {
    const out = ctx.local();
    ctx.emit(t.type === 'arraycomp' ? { op: 'makeArray', capacity: 0, target: out } : t.type === 'setcomp' ? { op: 'makeSet', target: out } : { op: 'makeObject', target: out });
    ctx.emitBlock(() =>
      this.planBody(ctx, t.body, scope, (s) => {
        if (t.type === 'objectcomp') {
          this.planTerms(ctx, [t.key, t.value], s, ([key, value]) => ctx.emit({ op: 'objectInsertOnce', object: out, key, value }));
        } else {
          this.planTerm(ctx, t.head, s, (value) =>
            ctx.emit(t.type === 'arraycomp' ? { op: 'arrayAppend', array: out, value } : { op: 'setAdd', set: out, value }),
          );
        }
      }),
    );
    k({ kind: 'local', local: out }, scope);
  }

  private planRef(ctx: FuncContext, ref: RefTerm, scope: Scope, k: TermCont): void {
    const [head, ...rest] = ref.terms;
    if (head.type === 'var' && head.name === 'data') return this.planDataRef(ctx, rest, scope, k);
    if (head.type === 'var' && head.name === 'input') return this.planRefRest(ctx, ctx.input, rest, 0, scope, k);
    this.planTerm(ctx, head, scope, (op, s) => this.planRefRest(ctx, ctx.toLocal(op), rest, 0, s, k));
  }

  // ------------------------------------------------------------ unification

  /** a = b: binds unbound vars on either side, else compares. */
  private unify(ctx: FuncContext, a: Term, b: Term, scope: Scope, k: Cont): void {
    const ua = this.hasUnboundPattern(a, scope);
    const ub = this.hasUnboundPattern(b, scope);
    if (a.type === 'array' && b.type === 'array' && (ua || ub)) {
      if (a.items.length !== b.items.length) return ctx.fail();
      return this.unifyPairs(ctx, a.items.map((x, i) => [x, b.items[i]]), scope, k);
    }
    if (a.type === 'object' && b.type === 'object' && (ua || ub)) {
      const bEntries = new Map(b.entries.map(([key, v]) => [groundKey(key), v]));
      if (a.entries.length !== b.entries.length || a.entries.some(([key]) => !bEntries.has(groundKey(key)))) {
        return ctx.fail();
      }
      return this.unifyPairs(ctx, a.entries.map(([key, v]) => [v, bEntries.get(groundKey(key))!]), scope, k);
    }
    if (ua && !ub) return this.planTerm(ctx, b, scope, (op, s) => this.unifyValue(ctx, a, ctx.toLocal(op), s, k));
    if (ub) return this.planTerm(ctx, a, scope, (op, s) => this.unifyValue(ctx, b, ctx.toLocal(op), s, k));
    this.planTerms(ctx, [a, b], scope, ([x, y], s) => {
      ctx.emit({ op: 'equal', a: x, b: y });
      k(s);
    });
  }

  /** Unifies pairs, each time taking the first pair that does not have unbound vars on both sides (`[x, y] = [y, 1]`). */
  private unifyPairs(ctx: FuncContext, pairs: Array<[Term, Term]>, scope: Scope, k: Cont): void {
    if (pairs.length === 0) return k(scope);
    const composite = (t: Term): boolean => t.type === 'array' || t.type === 'object';
    const i = Math.max(
      0,
      pairs.findIndex(([x, y]) => !this.hasUnboundPattern(x, scope) || !this.hasUnboundPattern(y, scope) || (composite(x) && composite(y))),
    );
    this.unify(ctx, pairs[i][0], pairs[i][1], scope, (s) => this.unifyPairs(ctx, pairs.filter((_, j) => j !== i), s, k));
  }

  /** Matches a pattern against a value held in a local. */
  unifyValue(ctx: FuncContext, pattern: Term, value: Local, scope: Scope, k: Cont): void {
    const v: Operand = { kind: 'local', local: value };
    if (pattern.type === 'var' && !scope.has(pattern.name) && pattern.name !== 'input' && pattern.name !== 'data') {
      return k(isWildcard(pattern.name) ? scope : scope.bind(pattern.name, value));
    }
    if (pattern.type === 'array' && this.hasUnboundPattern(pattern, scope)) {
      ctx.emit({ op: 'isArray', source: v });
      const n = ctx.local();
      ctx.emit({ op: 'len', source: v, target: n });
      const want = ctx.local();
      ctx.emit({ op: 'makeNumberInt', value: pattern.items.length, target: want });
      ctx.emit({ op: 'equal', a: { kind: 'local', local: n }, b: { kind: 'local', local: want } });
      const step = (i: number, s: Scope): void => {
        if (i >= pattern.items.length) return k(s);
        const idx = ctx.local();
        const item = ctx.local();
        ctx.emit({ op: 'makeNumberInt', value: i, target: idx });
        ctx.emit({ op: 'dot', source: v, key: { kind: 'local', local: idx }, target: item });
        this.unifyValue(ctx, pattern.items[i], item, s, (s2) => step(i + 1, s2));
      };
      return step(0, scope);
    }
    if (pattern.type === 'object' && this.hasUnboundPattern(pattern, scope)) {
      ctx.emit({ op: 'isObject', source: v });
      const n = ctx.local();
      ctx.emit({ op: 'len', source: v, target: n });
      const want = ctx.local();
      ctx.emit({ op: 'makeNumberInt', value: pattern.entries.length, target: want });
      ctx.emit({ op: 'equal', a: { kind: 'local', local: n }, b: { kind: 'local', local: want } });
      const step = (i: number, s: Scope): void => {
        if (i >= pattern.entries.length) return k(s);
        const [keyTerm, valueTerm] = pattern.entries[i];
        this.planTerm(ctx, keyTerm, s, (key, s1) => {
          const item = ctx.local();
          ctx.emit({ op: 'dot', source: v, key, target: item });
          this.unifyValue(ctx, valueTerm, item, s1, (s2) => step(i + 1, s2));
        });
      };
      return step(0, scope);
    }
    this.planTerm(ctx, pattern, scope, (op, s) => {
      ctx.emit({ op: 'equal', a: op, b: v });
      k(s);
    });
  }
}

const NO_LOC = { file: '', line: 0, col: 0, offset: 0, end: 0 };



function stripLoc(t: unknown): unknown {
  return JSON.parse(JSON.stringify(t, (k, v) => (k === 'loc' ? undefined : v)));
}

function groundKey(t: Term): string {
  return JSON.stringify(stripLoc(t));
}


