/**
 * The functions of the rule tree's nodes: a rule set (complete value or set),
 * a user function, or an inner node whose document merges base data with the
 * rules below it (including rules with vars in their refs).
 */
import type { Body, Rule, Scalar, Term } from '../ast.js';
import { RegoError } from '../errors.js';
import type { Local, Operand } from '../ir.js';
import { nodeKind, type RuleTreeNode } from '../compiler/rule-tree.js';
import type { RuleEntry } from '../compiler/state.js';
import type { FuncContext, Scope } from './func-context.js';
import { isDataMocked, type Generation } from './generation.js';

type Cont = (scope: Scope) => void;
type TermCont = (op: Operand, scope: Scope) => void;

const FUNCTION_CONFLICT = 'eval_conflict_error: functions must not produce multiple outputs for same inputs';

/** What rule functions need from the body planner. */
export interface BodyPlanner {
  newScope(): Scope;
  planBody(ctx: FuncContext, body: Body, scope: Scope, k: Cont): void;
  planTerm(ctx: FuncContext, t: Term, scope: Scope, k: TermCont): void;
  planTerms(ctx: FuncContext, terms: Term[], scope: Scope, k: (ops: Operand[], scope: Scope) => void): void;
  unifyValue(ctx: FuncContext, pattern: Term, value: Local, scope: Scope, k: Cont): void;
  nodeFunc(node: RuleTreeNode, gen: Generation): string;
  baseData(ctx: FuncContext, path: Scalar[]): Local;
}

export class RuleFunctionPlanner {
  constructor(private readonly body: BodyPlanner) {}

  planRuleSet(ctx: FuncContext, node: RuleTreeNode, ret: Local): void {
    const multi = node.exact[0].rule.head.kind === 'multi';
    if (multi) ctx.emit({ op: 'makeSet', target: ret });
    const defaults = node.exact.filter((e) => e.rule.default);
    for (const entry of node.exact.filter((e) => !e.rule.default)) {
      if (multi) {
        ctx.emitBlock(() =>
          this.body.planBody(ctx, entry.rule.body, this.body.newScope(), (scope) =>
            this.body.planTerm(ctx, entry.rule.head.key ?? TRUE, scope, (op) => ctx.emit({ op: 'setAdd', set: ret, value: op })),
          ),
        );
      } else {
        this.planElseChain(ctx, entry.rule, ret, 'rule', []);
      }
    }
    for (const d of defaults) {
      ctx.emitBlock(() => {
        ctx.emit({ op: 'isUndefined', source: ret });
        this.body.planTerm(ctx, d.rule.head.value ?? TRUE, this.body.newScope(), (op) => ctx.emit({ op: 'assignVar', source: op, target: ret }));
      });
    }
  }

  /**
   * A rule and its else chain: the first definition whose body holds gives the
   * value; several values from one definition conflict.
   */
  private planElseChain(ctx: FuncContext, rule: Rule, ret: Local, kind: 'rule' | 'function', args: Local[]): void {
    const chain: Rule[] = [];
    for (let r: Rule | undefined = rule; r; r = r.else) chain.push(r);
    const target = chain.length === 1 ? ret : ctx.local();
    chain.forEach((r, i) => {
      ctx.emitBlock(() => {
        if (i > 0) ctx.emit({ op: 'isUndefined', source: target });
        this.planArgs(ctx, r.head.args ?? [], args, this.body.newScope(), (scope) =>
          this.body.planBody(ctx, r.body, scope, (s) =>
            this.body.planTerm(ctx, r.head.value ?? TRUE, s, (op) => this.assignResult(ctx, kind, op, target)),
          ),
        );
      });
    });
    if (target !== ret) {
      ctx.emitBlock(() => {
        ctx.emit({ op: 'isDefined', source: target });
        this.assignResult(ctx, kind, { kind: 'local', local: target }, ret);
      });
    }
  }

  private assignResult(ctx: FuncContext, kind: 'rule' | 'function', op: Operand, target: Local): void {
    if (kind === 'rule') {
      ctx.emit({ op: 'assignVarOnce', source: op, target });
      return;
    }
    ctx.emitBlock(() => {
      ctx.emit({ op: 'isDefined', source: target });
      ctx.emit({ op: 'notEqual', a: { kind: 'local', local: target }, b: op });
      ctx.emit({ op: 'error', message: ctx.stringIndex(FUNCTION_CONFLICT), file: 0, row: 0, col: 0 });
    });
    ctx.emit({ op: 'assignVar', source: op, target });
  }

  planFunction(ctx: FuncContext, node: RuleTreeNode, args: Local[], ret: Local): void {
    for (const entry of node.exact.filter((e) => !e.rule.default)) this.planElseChain(ctx, entry.rule, ret, 'function', args);
    for (const d of node.exact.filter((e) => e.rule.default)) {
      ctx.emitBlock(() => {
        ctx.emit({ op: 'isUndefined', source: ret });
        this.body.planTerm(ctx, d.rule.head.value ?? TRUE, this.body.newScope(), (op) => ctx.emit({ op: 'assignVar', source: op, target: ret }));
      });
    }
  }

  /** Unifies function parameters with the argument patterns of a definition. */
  private planArgs(ctx: FuncContext, patterns: Term[], args: Local[], scope: Scope, k: Cont, i = 0): void {
    if (i >= patterns.length) return k(scope);
    this.body.unifyValue(ctx, patterns[i], args[i], scope, (s) => this.planArgs(ctx, patterns, args, s, k, i + 1));
  }

  /** An inner node: base data merged with the documents of the rules below it. */
  planNodeObject(ctx: FuncContext, node: RuleTreeNode, ret: Local): void {
    ctx.emit({ op: 'makeObject', target: ret });
    for (const child of node.children.values()) {
      if (nodeKind(child) === 'function') continue;
      if (isDataMocked(ctx.gen, child.path)) continue;
      ctx.emitBlock(() => {
        const f = this.body.nodeFunc(child, ctx.gen);
        const v = ctx.local();
        ctx.emit({ op: 'call', func: f, args: [{ kind: 'local', local: ctx.input }, { kind: 'local', local: ctx.data }], result: v });
        const key = ctx.scalar(child.key!);
        ctx.emit({ op: 'objectInsert', object: ret, key, value: { kind: 'local', local: v } });
      });
    }
    for (const entry of node.dynamic) this.planDynamicRule(ctx, node, entry, ret);
    this.mergeBaseData(ctx, node, ret);
  }

  /** Base data under the node's path wins over rules, except where both hold objects (the rules' side already merged it). */
  private mergeBaseData(ctx: FuncContext, node: RuleTreeNode, obj: Local): void {
    ctx.emitBlock(() => {
      const base = this.body.baseData(ctx, node.path);
      ctx.emit({ op: 'isObject', source: { kind: 'local', local: base } });
      const [k, v, existing, skip] = [ctx.local(), ctx.local(), ctx.local(), ctx.local()];
      const [K, V] = [{ kind: 'local', local: k } as const, { kind: 'local', local: v } as const];
      const body = ctx.block(() => {
        ctx.emit({ op: 'resetLocal', target: skip });
        ctx.emitBlock(() => {
          ctx.emit({ op: 'dot', source: { kind: 'local', local: obj }, key: K, target: existing });
          ctx.emit({ op: 'isObject', source: { kind: 'local', local: existing } });
          ctx.emit({ op: 'isObject', source: V });
          ctx.emit({ op: 'assignVar', source: { kind: 'bool', value: true }, target: skip });
        });
        ctx.emit({ op: 'isUndefined', source: skip });
        ctx.emit({ op: 'objectInsert', object: obj, key: K, value: V });
      });
      ctx.emit({ op: 'scan', source: base, key: k, value: v, block: body });
    });
  }

  /** A rule with vars in its ref (`p[q].r := v`, `p[k] contains x`): inserts its values under its path. */
  private planDynamicRule(ctx: FuncContext, node: RuleTreeNode, entry: RuleEntry, obj: Local): void {
    const rule = entry.rule;
    if (rule.else) throw RegoError.at('rego_compile_error', 'else is not allowed on rules with variables in their ref', rule.loc, entry.module.source);
    const keys = entry.ref.slice(node.path.length);
    const multi = rule.head.kind === 'multi';
    ctx.emitBlock(() =>
      this.body.planBody(ctx, rule.body, this.body.newScope(), (scope) =>
        this.body.planTerms(ctx, keys, scope, (keyOps, s1) =>
          this.body.planTerm(ctx, multi ? (rule.head.key ?? TRUE) : (rule.head.value ?? TRUE), s1, (value) => {
            let cur = obj;
            for (const key of keyOps.slice(0, -1)) cur = this.childContainer(ctx, cur, key, 'object');
            const last = keyOps[keyOps.length - 1];
            if (multi) {
              const set = this.childContainer(ctx, cur, last, 'set');
              ctx.emit({ op: 'setAdd', set, value });
            } else {
              ctx.emit({ op: 'objectInsertOnce', object: cur, key: last, value });
            }
          }),
        ),
      ),
    );
  }

  /** obj[key] if it is an object (or set), else a new one inserted there (a conflict if obj[key] holds something else). */
  private childContainer(ctx: FuncContext, obj: Local, key: Operand, kind: 'object' | 'set'): Local {
    const out = ctx.local();
    const tmp = ctx.local();
    ctx.emit({ op: 'resetLocal', target: out });
    ctx.emitBlock(() => {
      ctx.emit({ op: 'dot', source: { kind: 'local', local: obj }, key, target: tmp });
      ctx.emit({ op: kind === 'object' ? 'isObject' : 'isSet', source: { kind: 'local', local: tmp } });
      ctx.emit({ op: 'assignVar', source: { kind: 'local', local: tmp }, target: out });
    });
    ctx.emitBlock(() => {
      ctx.emit({ op: 'isUndefined', source: out });
      ctx.emit({ op: kind === 'object' ? 'makeObject' : 'makeSet', target: out });
      ctx.emit({ op: 'objectInsertOnce', object: obj, key, value: { kind: 'local', local: out } });
    });
    return out;
  }
}

const NO_LOC = { file: '', line: 0, col: 0, offset: 0, end: 0 };
const TRUE: Term = { type: 'boolean', value: true, loc: NO_LOC };
