// Evaluation state and the helpers the emitted policy code calls around a
// plan: result set, memoization slots, `with` nesting, host builtin calls.
import { heapSet, malloc, mallocZeroed } from "./heap.as";
import { fatal } from "./fatal.as";
import { hostCall0, hostCall1, hostCall2, hostCall3, hostCall4, hostCallReset } from "./host-call.as";
import { jsonParse } from "./json-parse.as";
import { dumpToCString } from "./dump.as";
import { setNew, setAdd } from "./table.as";
import { T_ARRAY, typeOf } from "./values.as";
import { arrGet, arrLen } from "./array.as";

let resultSet: u32 = 0;
let memoBase: u32 = 0;
let withDepth: u32 = 0;

const MEMO_UNDEFINED: u32 = 1;

function resetState(memoSlots: u32): void {
  hostCallReset();
  withDepth = 0;
  resultSet = setNew();
  memoBase = mallocZeroed(memoSlots << 2);
}

/** opa_eval's prologue: heap reset, fresh state, input parsed from the JSON the host wrote. */
export function rt_eval_begin(heapPtr: u32, inputAddr: u32, inputLen: u32, memoSlots: u32): u32 {
  heapSet(heapPtr);
  resetState(memoSlots);
  if (inputLen == 0) return 0;
  const input = jsonParse(inputAddr, inputLen);
  if (input == 0) fatal("invalid input: not JSON");
  return input;
}

/** opa_eval's epilogue: the result set as JSON (format 0) or Rego text (format 1), NUL-terminated. */
export function rt_eval_end(format: i32): u32 {
  return dumpToCString(resultSet, format == 1);
}

// ABI 1.0 evaluation contexts: [input][data][entrypoint][result]

export function opa_eval_ctx_new(): u32 {
  const ctx = malloc(16);
  store<u32>(ctx, 0);
  store<u32>(ctx, 0, 4);
  store<u32>(ctx, 0, 8);
  store<u32>(ctx, 0, 12);
  return ctx;
}

export function opa_eval_ctx_set_input(ctx: u32, v: u32): void {
  store<u32>(ctx, v);
}

export function opa_eval_ctx_set_data(ctx: u32, v: u32): void {
  store<u32>(ctx, v, 4);
}

export function opa_eval_ctx_set_entrypoint(ctx: u32, id: i32): void {
  store<i32>(ctx, id, 8);
}

export function opa_eval_ctx_get_result(ctx: u32): u32 {
  return load<u32>(ctx, 12);
}

export function rt_ctx_begin(ctx: u32, memoSlots: u32): void {
  resetState(memoSlots);
}

export function rt_ctx_input(ctx: u32): u32 {
  return load<u32>(ctx);
}

export function rt_ctx_data(ctx: u32): u32 {
  return load<u32>(ctx, 4);
}

export function rt_ctx_entrypoint(ctx: u32): i32 {
  return load<i32>(ctx, 8);
}

export function rt_ctx_end(ctx: u32): void {
  store<u32>(ctx, resultSet, 12);
}

export function rt_result_add(v: u32): void {
  if (v != 0) setAdd(resultSet, v);
}

/** Memoized result of slot i: 0 = not computed (or not memoizable now), 1 = undefined, else the value. */
export function rt_memo_get(i: u32): u32 {
  if (withDepth != 0) return 0;
  return load<u32>(memoBase + (i << 2));
}

export function rt_memo_set(i: u32, v: u32): void {
  if (withDepth == 0) store<u32>(memoBase + (i << 2), v == 0 ? MEMO_UNDEFINED : v);
}

export function rt_with_enter(): void {
  withDepth++;
}

export function rt_with_exit(): void {
  withDepth--;
}

export function rt_bad_entrypoint(): void {
  fatal("invalid entrypoint id");
}

// Host builtins: the id is the index in the policy's `builtins` export; ctx is unused (0).

export function rt_host0(id: i32): u32 {
  return hostCall0(id);
}

export function rt_host1(id: i32, a: u32): u32 {
  return hostCall1(id, a);
}

export function rt_host2(id: i32, a: u32, b: u32): u32 {
  return hostCall2(id, a, b);
}

export function rt_host3(id: i32, a: u32, b: u32, c: u32): u32 {
  return hostCall3(id, a, b, c);
}

export function rt_host4(id: i32, a: u32, b: u32, c: u32, d: u32): u32 {
  return hostCall4(id, a, b, c, d);
}

/** Host results declared as sets arrive as JSON arrays: make them sets again. */
export function rt_to_set(v: u32): u32 {
  if (typeOf(v) != T_ARRAY) return v;
  const s = setNew();
  const n = arrLen(v);
  for (let i: u32 = 0; i < n; i++) setAdd(s, arrGet(v, i));
  return s;
}
