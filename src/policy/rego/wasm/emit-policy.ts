/**
 * IR policy -> a complete OPA-ABI module: the plans and functions, a dispatcher
 * over entrypoints, the ABI entry points that depend on the policy (opa_eval,
 * eval, builtins, entrypoints), a start function, and the static data; linked
 * with the prebuilt runtime.
 */
import type { Func, Policy } from '../ir.js';
import { CodeBuilder } from './binary/code-builder.js';
import { EXTERNAL, VALTYPE, type Export, type FuncType } from './binary/module.js';
import { EmitContext } from './emit-context.js';
import { hostImportName } from './host-import-names.js';
import { FunctionEmitter, emitMemoWrapper } from './emit-function.js';
import { link, TypeTable } from './link.js';
import { loadRuntime } from './runtime-module.js';
import { StaticData } from './static-data.js';

export interface EmitOptions {
  /** Builtin errors abort the evaluation instead of making the call undefined (OPA's strict-builtin-errors). */
  strictBuiltinErrors?: boolean;
}

const i32 = VALTYPE.i32;
/** The persistent region for compiled regular expressions and globs. */
const PERSISTENT_BYTES = 2 << 20;
const PAGE = 65536;
/** The memory @open-policy-agent/opa-wasm creates unless told otherwise. */
const SDK_DEFAULT_PAGES = 5;
const sig = (params: number, result: boolean): FuncType => ({
  params: Array(params).fill(i32),
  results: result ? [i32] : [],
});

function bodyKind(f: Func): 'rule' | 'function' {
  return f.params.length > 2 ? 'function' : 'rule';
}

export function emitPolicy(policy: Policy, options: EmitOptions = {}): Uint8Array<ArrayBuffer> {
  const rt = loadRuntime();
  const data = new StaticData(Math.ceil(rt.staticEnd / 8) * 8);
  const strictBuiltinErrors = options.strictBuiltinErrors ?? false;
  const ctx = new EmitContext(rt, data, policy, strictBuiltinErrors);
  const types = new TypeTable(rt.module.types);
  const functions: Array<{ type: number; body: Uint8Array } | undefined> = [];
  const firstIndex = rt.importedFuncs + rt.module.functions.length;
  const reserve = (t: FuncType): number => {
    functions.push(undefined);
    const index = firstIndex + functions.length - 1;
    typesOf.set(index, types.get(t));
    return index;
  };
  const typesOf = new Map<number, number>();
  const define = (index: number, body: Uint8Array): void => {
    functions[index - firstIndex] = { type: typesOf.get(index)!, body };
  };

  // Index every function first: bodies call each other in any order.
  const planIndexes = policy.plans.map(() => reserve(sig(2, false)));
  const funcBodies = new Map<Func, number>();
  const memoSlots = new Map<Func, number>();
  for (const f of policy.funcs) {
    const index = reserve(sig(f.params.length, true));
    ctx.setFuncIndex(f.name, index);
    if (f.memoize && f.params.length === 2) {
      memoSlots.set(f, memoSlots.size);
      funcBodies.set(f, reserve(sig(f.params.length, true)));
    }
  }
  const dispatch = reserve(sig(3, false));
  const opaEval = reserve(sig(7, true));
  const evalCtx = reserve(sig(1, true));
  const builtinsFn = reserve(sig(0, true));
  const entrypointsFn = reserve(sig(0, true));
  const start = reserve(sig(0, false));

  policy.plans.forEach((plan, i) => {
    define(planIndexes[i], new FunctionEmitter(ctx, [0, 1], 'plan').emitBody(plan.blocks));
  });
  for (const f of policy.funcs) {
    const body = new FunctionEmitter(ctx, f.params, bodyKind(f)).emitBody(f.blocks, f.return);
    const slot = memoSlots.get(f);
    if (slot === undefined) {
      define(ctx.funcIndex(f.name), body);
    } else {
      define(funcBodies.get(f)!, body);
      define(ctx.funcIndex(f.name), emitMemoWrapper(ctx, f, slot, funcBodies.get(f)!));
    }
  }
  define(dispatch, emitDispatch(ctx, planIndexes));
  define(opaEval, emitOpaEval(ctx, dispatch, memoSlots.size));
  define(evalCtx, emitEvalCtx(ctx, dispatch, memoSlots.size));
  // The builtins and entrypoints exports: JSON objects name -> id, parsed on demand.
  const encoder = new TextEncoder();
  const builtinsJson = encoder.encode(JSON.stringify(Object.fromEntries(ctx.hostBuiltins.map((name, id) => [hostImportName(name), id]))));
  const entrypointsJson = encoder.encode(JSON.stringify(Object.fromEntries(policy.plans.map((p, i) => [p.name, i]))));
  define(builtinsFn, emitStaticJson(ctx, data.raw(builtinsJson), builtinsJson.length));
  define(entrypointsFn, emitStaticJson(ctx, data.raw(entrypointsJson), entrypointsJson.length));
  const bytes = data.finish();
  const end = data.base + bytes.length;
  // Constants that would not fit the SDK's default memory are copied in by the start function.
  const passive = Math.ceil(end / PAGE) > SDK_DEFAULT_PAGES;
  define(start, emitStart(ctx, passive ? { base: data.base, size: bytes.length, segment: rt.module.data.length } : undefined));

  const exports: Export[] = [
    { name: 'opa_eval', kind: EXTERNAL.func, index: opaEval },
    { name: 'eval', kind: EXTERNAL.func, index: evalCtx },
    { name: 'builtins', kind: EXTERNAL.func, index: builtinsFn },
    { name: 'entrypoints', kind: EXTERNAL.func, index: entrypointsFn },
  ];
  return link(rt, {
    newTypes: types.added,
    functions: functions.map((f, i) => {
      if (!f) throw new Error(`function #${firstIndex + i} was reserved but not defined`);
      return f;
    }),
    exports,
    start,
    staticData: { offset: data.base, bytes, passive },
    heapStart: end,
    memoryPages: Math.ceil((passive ? rt.staticEnd : end) / PAGE),
    strictBuiltinErrors,
    persistentBytes: ctx.usesPersistentRegion ? PERSISTENT_BYTES : 0,
  });
}

/** dispatch(entrypoint, input, data): runs the plan with that id. */
function emitDispatch(ctx: EmitContext, plans: number[]): Uint8Array {
  const c = new CodeBuilder(3);
  const bad = c.block();
  const labels = plans.map(() => c.block()).reverse();
  c.localGet(0).brTable(labels, bad);
  // labels[0] is innermost: its end is followed by plan 0
  for (const plan of plans) {
    c.end();
    c.localGet(1).localGet(2).call(plan).return_();
  }
  c.end();
  c.call(ctx.rt('rt_bad_entrypoint'));
  return c.finish();
}

/** opa_eval(reserved, entrypoint, data, input, inputLen, heapPtr, format) -> address of the result text. */
function emitOpaEval(ctx: EmitContext, dispatch: number, memoSlots: number): Uint8Array {
  const c = new CodeBuilder(7);
  const input = c.addLocal(i32);
  c.localGet(5).localGet(3).localGet(4).i32Const(memoSlots).call(ctx.rt('rt_eval_begin')).localSet(input);
  c.localGet(1).localGet(input).localGet(2).call(dispatch);
  c.localGet(6).call(ctx.rt('rt_eval_end'));
  return c.finish();
}

/** eval(ctx): the ABI 1.0 evaluation through an evaluation context. */
function emitEvalCtx(ctx: EmitContext, dispatch: number, memoSlots: number): Uint8Array {
  const c = new CodeBuilder(1);
  c.localGet(0).i32Const(memoSlots).call(ctx.rt('rt_ctx_begin'));
  c.localGet(0).call(ctx.rt('rt_ctx_entrypoint'));
  c.localGet(0).call(ctx.rt('rt_ctx_input'));
  c.localGet(0).call(ctx.rt('rt_ctx_data'));
  c.call(dispatch);
  c.localGet(0).call(ctx.rt('rt_ctx_end'));
  c.i32Const(0);
  return c.finish();
}

/** The start function: copies passive static data in (growing memory first), then initializes the runtime. */
function emitStart(ctx: EmitContext, passive?: { base: number; size: number; segment: number }): Uint8Array {
  const c = new CodeBuilder(0);
  if (passive) {
    const pages = Math.ceil((passive.base + passive.size) / PAGE);
    const enough = c.block();
    c.memorySize().i32Const(pages).i32GeU().brIf(enough);
    c.i32Const(pages).memorySize().i32Sub().memoryGrow().drop();
    c.end();
    c.i32Const(passive.base).i32Const(0).i32Const(passive.size).memoryInit(passive.segment).dataDrop(passive.segment);
  }
  c.call(ctx.rt('rt_init'));
  return c.finish();
}

function emitStaticJson(ctx: EmitContext, addr: number, length: number): Uint8Array {
  return new CodeBuilder(0).i32Const(addr).i32Const(length).call(ctx.rt('rt_json_parse_static')).finish();
}
