import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RegoType } from '../../../../../src/policy/rego/builtins/declaration.js';
import { lookupBuiltin } from '../../../../../src/policy/rego/builtins/table.js';
import { hostBuiltins } from '../../../../../src/policy/engine/builtins/index.js';
import { compareValues, toSet, valuesEqual } from '../../../../../src/policy/engine/builtins/values.js';
import { type Expr, type Rule, type Stmt, RegoSet, Unsupported, parseModule, parseTerm } from './mini-rego.js';

/*
 * Test-only: runs the simplest OPA conformance cases (one module, constant
 * rules, bodies calling builtins on constants) against the host builtins
 * directly. Values are passed as the Wasm runtime passes them (JSON: sets as
 * arrays); set-typed results are turned back into sets, as the Wasm side does.
 */

export interface ConformanceCase {
  note: string;
  query: string;
  modules?: string[];
  input?: unknown;
  input_term?: string;
  data?: unknown;
  want_result?: Record<string, unknown>[];
  want_error?: string;
  want_error_code?: string;
  strict_error?: boolean;
}

export type Outcome = { status: 'pass' } | { status: 'fail'; message: string } | { status: 'unsupported'; message: string };

class EvalError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function toJson(v: unknown): unknown {
  if (v instanceof RegoSet) return toSet(v.items.map(toJson));
  if (v instanceof ArrayBuffer) return JSON.parse(new TextDecoder().decode(v));
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

function isSetType(t: RegoType): boolean {
  return t === 'set' || (typeof t === 'object' && 'set' in t);
}

function matchesType(v: unknown, t: RegoType): boolean {
  if (t === 'any') return true;
  if (typeof t === 'string') {
    switch (t) {
      case 'null':
        return v === null;
      case 'boolean':
      case 'number':
      case 'string':
        return typeof v === t;
      case 'array':
        return Array.isArray(v);
      case 'set':
        return v instanceof RegoSet;
      case 'object':
        return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RegoSet);
      case 'collection':
        return typeof v === 'object' && v !== null;
    }
  }
  if ('oneOf' in t) return t.oneOf.some((x) => matchesType(v, x));
  if ('array' in t) return Array.isArray(v) && v.every((x) => matchesType(x, t.array));
  if ('set' in t) return v instanceof RegoSet && v.items.every((x) => matchesType(x, t.set));
  return matchesType(v, 'object') && Object.entries(v as object).every(([k, x]) => matchesType(k, t.object[0]) && matchesType(x, t.object[1]));
}

class Evaluator {
  private memo = new Map<string, unknown>();
  constructor(
    private readonly rules: Map<string, Rule[]>,
    private readonly input: unknown,
    private readonly data: unknown,
  ) {}

  rule(name: string): unknown {
    if (this.memo.has(name)) return this.memo.get(name);
    const defs = this.rules.get(name);
    if (!defs) throw new Unsupported(`unknown name ${name}`);
    let value: unknown;
    if (defs[0].kind === 'contains') {
      const items: unknown[] = [];
      for (const d of defs) {
        const b = new Map<string, unknown>();
        if (this.body(d.body ?? [], b)) {
          const v = this.expr(d.value!, b);
          if (v !== undefined) items.push(v);
        }
      }
      value = new RegoSet(items);
    } else {
      const normal = defs.filter((d) => !d.isDefault);
      const dflt = defs.find((d) => d.isDefault);
      if (normal.length > 1) throw new Unsupported('multiple definitions');
      for (const d of normal) {
        const b = new Map<string, unknown>();
        if (this.body(d.body ?? [], b)) value = d.value ? this.expr(d.value, b) : true;
      }
      if (value === undefined && dflt) value = this.expr(dflt.value!, new Map());
    }
    this.memo.set(name, value);
    return value;
  }

  body(stmts: Stmt[], b: Map<string, unknown>): boolean {
    for (const s of stmts) {
      const ok = this.stmt(s.expr, b);
      if (ok === s.not) return false;
    }
    return true;
  }

  private bindable(e: Expr, b: Map<string, unknown>): e is { k: 'var'; name: string } {
    return e.k === 'var' && !b.has(e.name) && !this.rules.has(e.name);
  }

  private stmt(e: Expr, b: Map<string, unknown>): boolean {
    if (e.k === 'bin' && (e.op === ':=' || e.op === '=')) {
      if (this.bindable(e.l, b)) {
        const v = this.expr(e.r, b);
        if (v === undefined) return false;
        b.set(e.l.name, v);
        return true;
      }
      if (e.op === '=' && this.bindable(e.r, b)) {
        const v = this.expr(e.l, b);
        if (v === undefined) return false;
        b.set(e.r.name, v);
        return true;
      }
      if (e.op === ':=') throw new Unsupported('assignment to a non-variable');
      const l = this.expr(e.l, b);
      const r = this.expr(e.r, b);
      return l !== undefined && r !== undefined && valuesEqual(toJson(l), toJson(r));
    }
    if (e.k === 'call') {
      const decl = lookupBuiltin(e.fn);
      if (decl && e.args.length === decl.args.length + 1) {
        const out = e.args[e.args.length - 1];
        const v = this.call(e.fn, e.args.slice(0, -1), b);
        return v !== undefined && this.unify(out, v, b);
      }
    }
    const v = this.expr(e, b);
    return v !== undefined && v !== false;
  }

  /** Binds unbound variables in `target` (a variable or an array of them) or compares. */
  private unify(target: Expr, v: unknown, b: Map<string, unknown>): boolean {
    if (this.bindable(target, b)) {
      b.set(target.name, v);
      return true;
    }
    if (target.k === 'arr') {
      const items = toJson(v);
      return Array.isArray(items) && items.length === target.items.length && target.items.every((t, i) => this.unify(t, (v as unknown[])[i], b));
    }
    const want = this.expr(target, b);
    return want !== undefined && valuesEqual(toJson(v), toJson(want));
  }

  expr(e: Expr, b: Map<string, unknown>): unknown {
    switch (e.k) {
      case 'lit':
        return e.v;
      case 'var':
        if (b.has(e.name)) return b.get(e.name);
        return this.rule(e.name);
      case 'ref': {
        let v: unknown = e.head === 'input' ? this.input : this.data;
        for (const p of e.path) {
          const key = this.expr(p, b);
          if (v === undefined || v === null || typeof v !== 'object') return undefined;
          v = (v as Record<string, unknown>)[key as string];
        }
        return v;
      }
      case 'arr': {
        const items = e.items.map((x) => this.expr(x, b));
        return items.includes(undefined) ? undefined : items;
      }
      case 'set': {
        const items = e.items.map((x) => this.expr(x, b));
        return items.includes(undefined) ? undefined : new RegoSet(items);
      }
      case 'obj': {
        const out: Record<string, unknown> = {};
        for (const [k, x] of e.entries) {
          const key = this.expr(k, b);
          const val = this.expr(x, b);
          if (key === undefined || val === undefined) return undefined;
          if (typeof key !== 'string') throw new Unsupported('non-string object key');
          out[key] = val;
        }
        return out;
      }
      case 'call':
        return this.call(e.fn, e.args, b);
      case 'bin': {
        const l = this.expr(e.l, b);
        const r = this.expr(e.r, b);
        if (l === undefined || r === undefined) return undefined;
        const c = () => compareValues(toJson(l), toJson(r));
        switch (e.op) {
          case '==':
            return c() === 0;
          case '!=':
            return c() !== 0;
          case '<':
            return c() < 0;
          case '>':
            return c() > 0;
          case '<=':
            return c() <= 0;
          case '>=':
            return c() >= 0;
        }
        if (typeof l !== 'number' || typeof r !== 'number') throw new Unsupported('arithmetic on non-numbers');
        if (e.op === '+') return l + r;
        if (e.op === '-') return l - r;
        if (e.op === '*') return l * r;
        if (e.op === '/') return l / r;
        throw new Unsupported(`operator ${e.op}`);
      }
    }
  }

  call(fn: string, argExprs: Expr[], b: Map<string, unknown>): unknown {
    if (fn === 'set' && argExprs.length === 0) return new RegoSet([]);
    const decl = lookupBuiltin(fn);
    if (!decl) throw new Unsupported(`not a builtin: ${fn}`);
    const args = argExprs.map((a) => this.expr(a, b));
    if (args.includes(undefined)) return undefined;
    argExprs.forEach((a, i) => {
      if (['lit', 'arr', 'set', 'obj'].includes(a.k) && decl.args[i] && !matchesType(args[i], decl.args[i])) {
        throw new EvalError('rego_type_error', `${fn}: invalid argument(s)`);
      }
    });
    const impl = hostBuiltins[fn];
    if (!impl) throw new Unsupported(`${decl.runsIn} builtin not on the host: ${fn}`);
    let result: unknown;
    try {
      result = impl(...args.map(toJson));
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'eval_internal_error';
      throw new EvalError(code, (err as Error).message);
    }
    if (result === undefined) return undefined;
    return isSetType(decl.result) && Array.isArray(result) ? new RegoSet(result) : result;
  }
}

const NONDETERMINISTIC = /time caching|rand|uuid\.rfc4122|now_ns|sleep/;

export function runCase(c: ConformanceCase): Outcome {
  try {
    if (!c.modules || c.modules.length !== 1) throw new Unsupported('not exactly one module');
    if (NONDETERMINISTIC.test(c.modules[0]) || NONDETERMINISTIC.test(c.note)) throw new Unsupported('nondeterministic');
    const q = /^data\.([\w.]+)\.(\w+) = x$/.exec(c.query.trim());
    if (!q) throw new Unsupported(`query ${c.query}`);
    const mod = parseModule(c.modules[0]);
    if (mod.pkg !== q[1]) throw new Unsupported('query outside the module');
    const rules = new Map<string, Rule[]>();
    for (const r of mod.rules) rules.set(r.name, [...(rules.get(r.name) ?? []), r]);
    let got: unknown;
    try {
      let input = c.input;
      if (c.input_term !== undefined) input = toJson(new Evaluator(new Map(), undefined, {}).expr(parseTerm(c.input_term), new Map()));
      got = new Evaluator(rules, input, c.data ?? {}).rule(q[2]);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      if (c.want_error !== undefined || c.want_error_code !== undefined) {
        const want = (c.want_error ?? '').replace(/^[\w.-]+\.rego:\d+: /, '');
        const codeOk = c.want_error_code === undefined || c.want_error_code === err.code;
        return codeOk && err.message.includes(want) ? { status: 'pass' } : { status: 'fail', message: `error ${err.code}: ${err.message}` };
      }
      // Without strict builtin errors OPA makes an erroring call undefined.
      if (err.code !== 'rego_type_error' && c.want_result?.length === 0) return { status: 'pass' };
      return { status: 'fail', message: `unexpected error ${err.message}` };
    }
    if (c.want_error !== undefined || c.want_error_code !== undefined) return { status: 'fail', message: `no error, got ${JSON.stringify(toJson(got))}` };
    if (!c.want_result) throw new Unsupported('no want_result');
    const want = c.want_result.length === 0 ? undefined : c.want_result[0].x;
    const plain = got === undefined ? undefined : toJson(got);
    if (want === undefined ? plain === undefined : plain !== undefined && valuesEqual(plain, want)) return { status: 'pass' };
    return { status: 'fail', message: `got ${JSON.stringify(plain)} want ${JSON.stringify(want)}` };
  } catch (err) {
    if (err instanceof Unsupported) return { status: 'unsupported', message: err.message };
    return { status: 'fail', message: `harness: ${(err as Error).stack}` };
  }
}

export interface DirectoryResult {
  dir: string;
  total: number;
  pass: number;
  fail: number;
  unsupported: number;
  failures: { note: string; message: string }[];
}

export function runDirectory(root: string, dir: string): DirectoryResult {
  const result: DirectoryResult = { dir, total: 0, pass: 0, fail: 0, unsupported: 0, failures: [] };
  for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parseYaml(readFileSync(join(root, dir, file), 'utf8')) as { cases?: ConformanceCase[] };
    for (const c of doc.cases ?? []) {
      result.total++;
      const outcome = runCase(c);
      result[outcome.status]++;
      if (outcome.status === 'fail') result.failures.push({ note: c.note, message: outcome.message });
    }
  }
  return result;
}

export function listDirectories(root: string): string[] {
  return readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();
}
