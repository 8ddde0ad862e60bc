/**
 * IR plans and functions -> Wasm function bodies: one switch over statement
 * kinds. Each IR Block becomes a Wasm `block`; a failing statement branches to
 * the end of the innermost IR block, `break N` to the end of the N-th.
 */
import type { Block, Func, Local, Operand, Stmt } from '../ir.js';
import { CodeBuilder, type Label } from './binary/code-builder.js';
import { VALTYPE } from './binary/module.js';
import type { EmitContext } from './emit-context.js';

const T_ARRAY = 5;
const T_OBJECT = 6;
const T_SET = 7;

interface Scope {
  label: Label;
  /** An IR block (a target of failures and breaks), as opposed to a loop helper. */
  ir: boolean;
  /** Set for the block of a `with`: what to undo when a branch leaves it. */
  withRestore?: { local: number; saved: number };
}

export type BodyKind = 'plan' | 'rule' | 'function';

export class FunctionEmitter {
  readonly code: CodeBuilder;
  private readonly locals = new Map<Local, number>();
  private readonly scopes: Scope[] = [];
  private readonly tmp: number;

  constructor(
    private readonly ctx: EmitContext,
    params: Local[],
    private readonly kind: BodyKind,
  ) {
    this.code = new CodeBuilder(params.length);
    params.forEach((p, i) => this.locals.set(p, i));
    this.tmp = this.code.addLocal(VALTYPE.i32);
  }

  /** The body of a plan (returns nothing) or function (returns its return local). */
  emitBody(blocks: Block[], returnLocal?: Local): Uint8Array {
    for (const b of blocks) this.emitBlock(b);
    if (returnLocal !== undefined) this.code.localGet(this.local(returnLocal));
    return this.code.finish();
  }

  private local(l: Local): number {
    let i = this.locals.get(l);
    if (i === undefined) {
      i = this.code.addLocal(VALTYPE.i32);
      this.locals.set(l, i);
    }
    return i;
  }

  private emitBlock(block: Block, withRestore?: Scope['withRestore'], tail?: () => void): void {
    const label = this.code.block();
    this.scopes.push({ label, ir: true, withRestore });
    for (const stmt of block.stmts) this.emitStmt(stmt);
    tail?.();
    this.scopes.pop();
    this.code.end();
  }

  /** The n-th enclosing IR block (0 = innermost). */
  private irScope(n: number): number {
    let seen = 0;
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (!this.scopes[i].ir) continue;
      if (seen === n) return i;
      seen++;
    }
    throw new Error(`break ${n} leaves more blocks than are open`);
  }

  /** Branch out of the n-th enclosing IR block, undoing any `with` left on the way. */
  private branchOut(n: number): void {
    const target = this.irScope(n);
    for (let i = this.scopes.length - 1; i >= target; i--) this.undoWith(this.scopes[i]);
    this.code.br(this.scopes[target].label);
  }

  private undoWith(scope: Scope): void {
    if (!scope.withRestore) return;
    this.code.call(this.ctx.rt('rt_with_exit'));
    this.code.localGet(scope.withRestore.saved).localSet(scope.withRestore.local);
  }

  /** Fail (leave the innermost IR block) if the i32 on the stack is non-zero. */
  private failIf(): void {
    this.code.brIf(this.scopes[this.irScope(0)].label);
  }

  private fail(): void {
    this.code.br(this.scopes[this.irScope(0)].label);
  }

  private operand(op: Operand): void {
    switch (op.kind) {
      case 'local':
        this.code.localGet(this.local(op.local));
        return;
      case 'bool':
        this.code.i32Const(op.value ? this.ctx.trueAddr : this.ctx.falseAddr);
        return;
      case 'string':
        this.code.i32Const(this.ctx.data.string(this.ctx.string(op.index)));
        return;
    }
  }

  /** Fail if a local operand is undefined. */
  private requireDefined(op: Operand): void {
    if (op.kind !== 'local') return;
    this.code.localGet(this.local(op.local)).i32Eqz();
    this.failIf();
  }

  /** Stack: a result address. Fail if it is 0, else store it in target. */
  private setOrFail(target: Local): void {
    this.code.localTee(this.tmp).i32Eqz();
    this.failIf();
    this.code.localGet(this.tmp).localSet(this.local(target));
  }

  private emitStmt(stmt: Stmt): void {
    const c = this.code;
    const rt = (name: string) => this.ctx.rt(name);
    switch (stmt.op) {
      case 'return':
        for (let i = this.scopes.length - 1; i >= 0; i--) {
          if (this.scopes[i].withRestore) c.call(rt('rt_with_exit'));
        }
        if (this.kind !== 'plan') c.localGet(this.local(stmt.local));
        c.return_();
        return;
      case 'call': {
        const target = this.ctx.resolveCall(stmt.func, stmt.args.length);
        // functions may receive an undefined input; builtins are never called with undefined arguments
        if (target.kind !== 'func') for (const a of stmt.args) this.requireDefined(a);
        if (this.ctx.raisesErrors(target)) c.i32Const(this.ctx.callSite(stmt.location)).globalSet(this.ctx.callSiteGlobal);
        if (target.kind === 'host') c.i32Const(target.id);
        else if (target.kind === 'native' && target.hostId !== undefined) c.i32Const(target.hostId);
        for (const a of stmt.args) this.operand(a);
        c.call(target.index);
        if (target.kind === 'host' && target.toSet) c.call(rt('rt_to_set'));
        this.setOrFail(stmt.result);
        return;
      }
      case 'callDynamic':
        this.emitCallDynamic(stmt);
        return;
      case 'dot':
        this.requireDefined(stmt.source);
        this.requireDefined(stmt.key);
        this.operand(stmt.source);
        this.operand(stmt.key);
        c.call(rt('rt_dot'));
        this.setOrFail(stmt.target);
        return;
      case 'len':
        this.requireDefined(stmt.source);
        this.operand(stmt.source);
        c.call(rt('rt_len'));
        this.setOrFail(stmt.target);
        return;
      case 'scan':
        this.emitScan(stmt);
        return;
      case 'not': {
        const outer = this.irScope(0);
        this.emitBlock(stmt.block, undefined, () => c.br(this.scopes[outer].label));
        return;
      }
      case 'block':
        for (const b of stmt.blocks) this.emitBlock(b);
        return;
      case 'break':
        this.branchOut(stmt.index);
        return;
      case 'assignVar':
        this.operand(stmt.source);
        c.localSet(this.local(stmt.target));
        return;
      case 'assignVarOnce': {
        const target = this.local(stmt.target);
        this.operand(stmt.source);
        c.localSet(this.tmp);
        const ok = c.block();
        c.localGet(target).i32Eqz().brIf(ok);
        c.localGet(this.tmp).i32Eqz().brIf(ok);
        c.localGet(target).localGet(this.tmp).call(rt('rt_equal')).brIf(ok);
        c.call(rt(this.kind === 'function' ? 'rt_conflict_function' : 'rt_conflict_rule'));
        c.end();
        c.localGet(this.tmp).localSet(target);
        return;
      }
      case 'assignInt':
      case 'makeNumberInt':
        c.i32Const(this.ctx.data.int(stmt.value)).localSet(this.local(stmt.target));
        return;
      case 'resetLocal':
        c.i32Const(0).localSet(this.local(stmt.target));
        return;
      case 'makeNull':
        c.i32Const(this.ctx.nullAddr).localSet(this.local(stmt.target));
        return;
      case 'makeNumberRef':
        c.i32Const(this.ctx.data.number(this.ctx.string(stmt.index))).localSet(this.local(stmt.target));
        return;
      case 'makeArray':
        c.i32Const(stmt.capacity).call(rt('rt_array_new')).localSet(this.local(stmt.target));
        return;
      case 'makeObject':
        c.call(rt('rt_object_new')).localSet(this.local(stmt.target));
        return;
      case 'makeSet':
        c.call(rt('rt_set_new')).localSet(this.local(stmt.target));
        return;
      case 'equal':
      case 'notEqual':
        this.requireDefined(stmt.a);
        this.requireDefined(stmt.b);
        this.operand(stmt.a);
        this.operand(stmt.b);
        c.call(rt('rt_equal'));
        if (stmt.op === 'equal') c.i32Eqz();
        this.failIf();
        return;
      case 'isArray':
        this.emitTypeTest(stmt.source, T_ARRAY);
        return;
      case 'isObject':
        this.emitTypeTest(stmt.source, T_OBJECT);
        return;
      case 'isSet':
        this.emitTypeTest(stmt.source, T_SET);
        return;
      case 'isDefined':
        c.localGet(this.local(stmt.source)).i32Eqz();
        this.failIf();
        return;
      case 'isUndefined':
        c.localGet(this.local(stmt.source));
        this.failIf();
        return;
      case 'arrayAppend':
        this.requireDefined(stmt.value);
        c.localGet(this.local(stmt.array));
        this.operand(stmt.value);
        c.call(rt('rt_array_append'));
        return;
      case 'objectInsert':
      case 'objectInsertOnce':
        this.requireDefined(stmt.key);
        this.requireDefined(stmt.value);
        c.localGet(this.local(stmt.object));
        this.operand(stmt.key);
        this.operand(stmt.value);
        c.call(rt(stmt.op === 'objectInsert' ? 'rt_object_insert' : 'rt_object_insert_once'));
        return;
      case 'objectMerge':
        c.localGet(this.local(stmt.a)).i32Eqz();
        this.failIf();
        c.localGet(this.local(stmt.b)).i32Eqz();
        this.failIf();
        c.localGet(this.local(stmt.a)).localGet(this.local(stmt.b)).call(rt('rt_object_merge'));
        c.localSet(this.local(stmt.target));
        return;
      case 'setAdd':
        this.requireDefined(stmt.value);
        c.localGet(this.local(stmt.set));
        this.operand(stmt.value);
        c.call(rt('rt_set_add'));
        return;
      case 'with':
        this.emitWith(stmt);
        return;
      case 'resultSetAdd':
        c.localGet(this.local(stmt.value)).call(rt('rt_result_add'));
        return;
      case 'error':
        c.i32Const(this.ctx.data.string(this.ctx.errorMessage(stmt))).call(rt('rt_error'));
        return;
      case 'nop':
        return;
      default: {
        const never: never = stmt;
        throw new Error(`unknown IR statement ${JSON.stringify(never)}`);
      }
    }
  }

  private emitTypeTest(source: Operand, type: number): void {
    if (source.kind !== 'local') {
      // booleans and strings are never collections
      this.fail();
      return;
    }
    // address 0 (undefined) reads the runtime's reserved zero byte: no type matches
    this.code.localGet(this.local(source.local)).i32Load8u(0).i32Const(type).i32Ne();
    this.failIf();
  }

  private emitScan(stmt: Extract<Stmt, { op: 'scan' }>): void {
    const c = this.code;
    const src = c.addLocal(VALTYPE.i32);
    const n = c.addLocal(VALTYPE.i32);
    const i = c.addLocal(VALTYPE.i32);
    c.localGet(this.local(stmt.source)).localTee(src).i32Eqz();
    this.failIf();
    c.localGet(src).call(this.ctx.rt('rt_scan_count')).localSet(n);
    c.i32Const(0).localSet(i);
    const done = c.block();
    this.scopes.push({ label: done, ir: false });
    const loop = c.loop();
    this.scopes.push({ label: loop, ir: false });
    c.localGet(i).localGet(n).i32GeU().brIf(done);
    c.localGet(src).localGet(i).call(this.ctx.rt('rt_scan_key')).localSet(this.local(stmt.key));
    c.localGet(src).localGet(i).call(this.ctx.rt('rt_scan_value')).localSet(this.local(stmt.value));
    this.emitBlock(stmt.block);
    c.localGet(i).i32Const(1).i32Add().localSet(i);
    c.br(loop);
    this.scopes.pop();
    c.end();
    this.scopes.pop();
    c.end();
  }

  private emitWith(stmt: Extract<Stmt, { op: 'with' }>): void {
    const c = this.code;
    const local = this.local(stmt.local);
    this.requireDefined(stmt.value);
    const saved = c.addLocal(VALTYPE.i32);
    c.localGet(local).localSet(saved);
    if (stmt.path.length === 0) {
      this.operand(stmt.value);
    } else {
      c.localGet(local);
      c.i32Const(this.ctx.data.stringArray(stmt.path.map((p) => this.ctx.string(p))));
      this.operand(stmt.value);
      c.call(this.ctx.rt('rt_with'));
    }
    c.localSet(local);
    c.call(this.ctx.rt('rt_with_enter'));
    this.emitBlock(stmt.block, { local, saved });
    c.call(this.ctx.rt('rt_with_exit'));
    c.localGet(saved).localSet(local);
  }

  private emitCallDynamic(stmt: Extract<Stmt, { op: 'callDynamic' }>): void {
    const c = this.code;
    const candidates = this.ctx.dynamicTargets(stmt.path, stmt.args.length);
    const found = c.block();
    this.scopes.push({ label: found, ir: false });
    for (const f of candidates) {
      const next = c.block();
      this.scopes.push({ label: next, ir: false });
      stmt.path.forEach((seg, k) => {
        if (seg.kind === 'string') return; // matched when the candidates were chosen
        this.operand(seg);
        c.i32Const(this.ctx.data.string(f.path[k])).call(this.ctx.rt('rt_equal')).i32Eqz().brIf(next);
      });
      for (const a of stmt.args) c.localGet(this.local(a));
      c.call(this.ctx.funcIndex(f.name));
      this.setOrFail(stmt.result);
      c.br(found);
      this.scopes.pop();
      c.end();
    }
    this.fail();
    this.scopes.pop();
    c.end();
  }
}

/** A memoizing wrapper: returns the slot's value when set, else calls the body and records its result. */
export function emitMemoWrapper(ctx: EmitContext, f: Func, slot: number, bodyIndex: number): Uint8Array {
  const c = new CodeBuilder(f.params.length);
  const r = c.addLocal(VALTYPE.i32);
  const miss = c.block();
  c.i32Const(slot).call(ctx.rt('rt_memo_get')).localTee(r).i32Eqz().brIf(miss);
  // 1 marks a memoized undefined
  c.localGet(r).i32Const(1).i32Eq();
  c.if_();
  c.i32Const(0).return_();
  c.end();
  c.localGet(r).return_();
  c.end();
  f.params.forEach((_, i) => c.localGet(i));
  c.call(bodyIndex).localSet(r);
  c.i32Const(slot).localGet(r).call(ctx.rt('rt_memo_set'));
  c.localGet(r);
  return c.finish();
}
