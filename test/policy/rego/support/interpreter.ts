/**
 * A test-only interpreter of the planner IR (src/policy/rego/ir.ts): runs a plan
 * over JS values so planner semantics can be checked without the Wasm backend,
 * and serves as a differential oracle for it.
 */
import type { Block, Func, Operand, Policy, Stmt } from '../../../../src/policy/rego/ir.js';
import { RObject, RSet, equal, type Value } from './values.js';
import { coreBuiltins, type BuiltinImpl } from './core-builtins.js';

/** An evaluation error as the runtime raises it: the message starts with its code. */
export class EvalError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

const FAIL = 1;
const DONE = 0;
const RETURN = 2;
/** Block outcome: DONE, FAIL, RETURN, or { brk: n } leaving n more blocks. */
type Outcome = number | { brk: number };

interface Frame {
  locals: Array<Value | undefined>;
}

export interface InterpreterOptions {
  builtins?: Record<string, BuiltinImpl>;
  /** Abort after this many statements (guards tests against runaway plans). */
  maxSteps?: number;
  /** Builtin errors fail the evaluation (OPA's strict-builtin-errors); otherwise the call is undefined. */
  strictBuiltinErrors?: boolean;
}

export class Interpreter {
  private readonly funcs = new Map<string, Func>();
  private readonly funcsByPath = new Map<string, Func>();
  private readonly builtins: Record<string, BuiltinImpl>;
  private steps = 0;
  private readonly maxSteps: number;
  private readonly strict: boolean;

  constructor(private readonly policy: Policy, options: InterpreterOptions = {}) {
    for (const f of policy.funcs) {
      this.funcs.set(f.name, f);
      this.funcsByPath.set(f.path.join('/'), f);
    }
    this.builtins = { ...coreBuiltins, ...(options.builtins ?? {}) };
    this.maxSteps = options.maxSteps ?? 5_000_000;
    this.strict = options.strictBuiltinErrors ?? true;
  }

  /** Runs the plan; returns the result set (each item `{result: value}` as built by the plan). */
  evaluate(planName: string, input: Value | undefined, data: Value): Value[] {
    const plan = this.policy.plans.find((p) => p.name === planName);
    if (!plan) throw new Error(`no plan named ${planName}`);
    const results: Value[] = [];
    const frame: Frame = { locals: [input, data] };
    this.steps = 0;
    this.runBlocks(plan.blocks, frame, results);
    return results;
  }

  private runBlocks(blocks: Block[], frame: Frame, results: Value[]): void {
    for (const b of blocks) {
      if (this.runBlock(b, frame, results) === RETURN) return;
    }
  }

  private runBlock(block: Block, frame: Frame, results: Value[]): Outcome {
    for (const stmt of block.stmts) {
      const r = this.exec(stmt, frame, results);
      if (r === DONE) continue;
      if (r === FAIL) return FAIL;
      if (r === RETURN) return RETURN;
      const brk = (r as { brk: number }).brk;
      return brk === 0 ? FAIL : { brk: brk - 1 };
    }
    return DONE;
  }

  /** Outcome of a nested block as seen by the statement holding it. */
  private nested(block: Block, frame: Frame, results: Value[]): Outcome {
    return this.runBlock(block, frame, results);
  }

  private value(op: Operand, frame: Frame): Value | undefined {
    switch (op.kind) {
      case 'local':
        return frame.locals[op.local];
      case 'bool':
        return op.value;
      case 'string':
        return this.policy.static.strings[op.index];
    }
  }

  private exec(stmt: Stmt, frame: Frame, results: Value[]): Outcome {
    if (++this.steps > this.maxSteps) throw new Error('interpreter step limit exceeded');
    const L = frame.locals;
    switch (stmt.op) {
      case 'return':
        return RETURN;
      case 'call': {
        const args = stmt.args.map((a) => this.value(a, frame));
        const r = this.call(stmt.func, args);
        if (r === undefined) return FAIL;
        L[stmt.result] = r;
        return DONE;
      }
      case 'callDynamic': {
        const path = stmt.path.map((p) => this.value(p, frame));
        const f = this.funcsByPath.get(path.join('/'));
        if (!f) return FAIL;
        const r = this.callFunc(f, stmt.args.map((a) => L[a]));
        if (r === undefined) return FAIL;
        L[stmt.result] = r;
        return DONE;
      }
      case 'dot': {
        const src = this.value(stmt.source, frame);
        const key = this.value(stmt.key, frame);
        if (src === undefined || key === undefined) return FAIL;
        const r = dot(src, key);
        if (r === undefined) return FAIL;
        L[stmt.target] = r;
        return DONE;
      }
      case 'len': {
        const src = this.value(stmt.source, frame);
        if (src === undefined) return FAIL;
        if (typeof src === 'string') L[stmt.target] = [...src].length;
        else if (Array.isArray(src)) L[stmt.target] = src.length;
        else if (src instanceof RObject || src instanceof RSet) L[stmt.target] = src.size;
        else return FAIL;
        return DONE;
      }
      case 'scan': {
        const src = L[stmt.source];
        if (src === undefined) return FAIL;
        for (const [k, v] of entriesOf(src)) {
          L[stmt.key] = k;
          L[stmt.value] = v;
          const r = this.nested(stmt.block, frame, results);
          if (r === RETURN) return RETURN;
          if (typeof r === 'object') return r;
        }
        return DONE;
      }
      case 'not': {
        const r = this.nested(stmt.block, frame, results);
        if (r === RETURN) return RETURN;
        if (typeof r === 'object') return r;
        return r === DONE ? FAIL : DONE;
      }
      case 'block':
        for (const b of stmt.blocks) {
          const r = this.nested(b, frame, results);
          if (r === RETURN) return RETURN;
          if (typeof r === 'object') return r;
        }
        return DONE;
      case 'break':
        return { brk: stmt.index };
      case 'assignVar':
        L[stmt.target] = this.value(stmt.source, frame);
        return DONE;
      case 'assignVarOnce': {
        const v = this.value(stmt.source, frame);
        const cur = L[stmt.target];
        if (cur !== undefined && v !== undefined && !equal(cur, v)) {
          throw new EvalError('eval_conflict_error', 'complete rules must not produce multiple outputs');
        }
        L[stmt.target] = v;
        return DONE;
      }
      case 'assignInt':
      case 'makeNumberInt':
        L[stmt.target] = stmt.value;
        return DONE;
      case 'resetLocal':
        L[stmt.target] = undefined;
        return DONE;
      case 'makeNull':
        L[stmt.target] = null;
        return DONE;
      case 'makeNumberRef':
        L[stmt.target] = Number(this.policy.static.strings[stmt.index]);
        return DONE;
      case 'makeArray':
        L[stmt.target] = [];
        return DONE;
      case 'makeObject':
        L[stmt.target] = new RObject();
        return DONE;
      case 'makeSet':
        L[stmt.target] = new RSet();
        return DONE;
      case 'equal': {
        const a = this.value(stmt.a, frame);
        const b = this.value(stmt.b, frame);
        return a !== undefined && b !== undefined && equal(a, b) ? DONE : FAIL;
      }
      case 'notEqual': {
        const a = this.value(stmt.a, frame);
        const b = this.value(stmt.b, frame);
        return a !== undefined && b !== undefined && !equal(a, b) ? DONE : FAIL;
      }
      case 'isArray':
        return Array.isArray(this.value(stmt.source, frame)) ? DONE : FAIL;
      case 'isObject':
        return this.value(stmt.source, frame) instanceof RObject ? DONE : FAIL;
      case 'isSet':
        return this.value(stmt.source, frame) instanceof RSet ? DONE : FAIL;
      case 'isDefined':
        return L[stmt.source] !== undefined ? DONE : FAIL;
      case 'isUndefined':
        return L[stmt.source] === undefined ? DONE : FAIL;
      case 'arrayAppend': {
        const v = this.value(stmt.value, frame);
        if (v === undefined) return FAIL;
        (L[stmt.array] as Value[]).push(v);
        return DONE;
      }
      case 'objectInsert':
      case 'objectInsertOnce': {
        const o = L[stmt.object] as RObject;
        const k = this.value(stmt.key, frame);
        const v = this.value(stmt.value, frame);
        if (k === undefined || v === undefined) return FAIL;
        if (stmt.op === 'objectInsertOnce') {
          const cur = o.get(k);
          if (cur !== undefined && !equal(cur, v)) throw new EvalError('eval_conflict_error', 'object keys must be unique');
        }
        o.set(k, v);
        return DONE;
      }
      case 'objectMerge': {
        const a = L[stmt.a];
        const b = L[stmt.b];
        if (a === undefined || b === undefined) return FAIL;
        L[stmt.target] = merge(a, b);
        return DONE;
      }
      case 'setAdd': {
        const v = this.value(stmt.value, frame);
        if (v === undefined) return FAIL;
        (L[stmt.set] as RSet).add(v);
        return DONE;
      }
      case 'with': {
        const saved = L[stmt.local];
        const v = this.value(stmt.value, frame);
        if (v === undefined) return FAIL;
        const path = stmt.path.map((i) => this.policy.static.strings[i]);
        L[stmt.local] = upsert(saved, path, v);
        const r = this.nested(stmt.block, frame, results);
        L[stmt.local] = saved;
        if (r === RETURN) return RETURN;
        if (typeof r === 'object') return r;
        return DONE;
      }
      case 'resultSetAdd': {
        const v = L[stmt.value];
        if (v !== undefined) results.push(v);
        return DONE;
      }
      case 'error': {
        const text = this.policy.static.strings[stmt.message];
        const m = /^(\w+_error): (.*)$/s.exec(text);
        throw m ? new EvalError(m[1], m[2]) : new EvalError('eval_error', text);
      }
      case 'nop':
        return DONE;
      default: {
        const never: never = stmt;
        throw new Error(`unknown statement ${JSON.stringify(never)}`);
      }
    }
  }

  /** Functions may receive an undefined input; builtins are not called with undefined arguments. */
  private call(name: string, args: Array<Value | undefined>): Value | undefined {
    const f = this.funcs.get(name);
    if (f) return this.callFunc(f, args);
    const b = this.builtins[name];
    if (!b) throw new Error(`interpreter: builtin ${name} is not implemented`);
    if (args.some((a) => a === undefined)) return undefined;
    try {
      return b(...(args as Value[]));
    } catch (e) {
      if (!this.strict && /^eval_(type|builtin)_error/.test((e as Error).message)) return undefined;
      throw e;
    }
  }

  private callFunc(f: Func, args: Array<Value | undefined>): Value | undefined {
    if (args.length !== f.params.length) throw new Error(`${f.name}: called with ${args.length} arguments, wants ${f.params.length}`);
    const frame: Frame = { locals: [] };
    f.params.forEach((p, i) => (frame.locals[p] = args[i]));
    this.runBlocks(f.blocks, frame, []);
    return frame.locals[f.return];
  }
}

function dot(src: Value, key: Value): Value | undefined {
  if (Array.isArray(src)) return typeof key === 'number' && Number.isInteger(key) ? src[key] : undefined;
  if (src instanceof RObject) return src.get(key);
  if (src instanceof RSet) return src.has(key) ? key : undefined;
  return undefined;
}

function entriesOf(v: Value): Array<[Value, Value]> {
  if (Array.isArray(v)) return v.map((x, i) => [i, x]);
  if (v instanceof RObject) return [...v.entries.values()];
  if (v instanceof RSet) return [...v.items.values()].map((x) => [x, x]);
  return [];
}

/** A copy of base with value at path (objects created or replaced along the way). */
function upsert(base: Value | undefined, path: string[], value: Value): Value {
  if (path.length === 0) return value;
  const out = new RObject();
  if (base instanceof RObject) for (const [k, v] of base.entries.values()) out.set(k, v);
  out.set(path[0], upsert(out.get(path[0]), path.slice(1), value));
  return out;
}

function merge(a: Value, b: Value): Value {
  if (!(a instanceof RObject) || !(b instanceof RObject)) return a;
  const out = new RObject();
  for (const [k, v] of a.entries.values()) out.set(k, v);
  for (const [k, v] of b.entries.values()) {
    const cur = out.get(k);
    out.set(k, cur === undefined ? v : merge(cur, v));
  }
  return out;
}
