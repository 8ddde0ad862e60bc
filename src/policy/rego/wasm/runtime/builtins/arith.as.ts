// plus, minus (numbers or set difference), mul, div, rem, abs, round, ceil, floor, numbers.range.
import { T_NUMBER, T_SET, typeOf } from "../values.as";
import {
  numAdd, numDiv, numFromF64, numGetInt, numInt, numIsInt, numIsIntegral, numIsZero, numMul, numRem, numSub,
  numToF64, numCompare,
} from "../number.as";
import { builtinError, checkIntOperand, typeError } from "../errors.as";
import { entryAt, setAdd, setHas, setNew, tableCount } from "../table.as";
import { arrNew, arrPush } from "../array.as";
import { fatal } from "../fatal.as";

// @ts-ignore: decorator
@inline function isNum(v: u32): bool {
  return typeOf(v) == T_NUMBER;
}

export function bi_plus(a: u32, b: u32): u32 {
  if (!isNum(a)) return typeError("plus", 1, "number", a);
  if (!isNum(b)) return typeError("plus", 2, "number", b);
  return numAdd(a, b);
}

export function bi_minus(a: u32, b: u32): u32 {
  if (isNum(a)) {
    if (!isNum(b)) return typeError("minus", 2, "number", b);
    return numSub(a, b);
  }
  if (typeOf(a) == T_SET) {
    if (typeOf(b) != T_SET) return typeError("minus", 2, "set", b);
    const out = setNew();
    const n = tableCount(a);
    for (let i: u32 = 0; i < n; i++) {
      const k = load<u32>(entryAt(a, i));
      if (!setHas(b, k)) setAdd(out, k);
    }
    return out;
  }
  return typeError("minus", 1, "one of {number, set}", a);
}

export function bi_mul(a: u32, b: u32): u32 {
  if (!isNum(a)) return typeError("mul", 1, "number", a);
  if (!isNum(b)) return typeError("mul", 2, "number", b);
  return numMul(a, b);
}

export function bi_div(a: u32, b: u32): u32 {
  if (!isNum(a)) return typeError("div", 1, "number", a);
  if (!isNum(b)) return typeError("div", 2, "number", b);
  if (numIsZero(b)) return builtinError("div", "divide by zero");
  return numDiv(a, b);
}

export function bi_rem(a: u32, b: u32): u32 {
  if (!isNum(a)) return typeError("rem", 1, "number", a);
  if (!isNum(b)) return typeError("rem", 2, "number", b);
  if (!numIsIntegral(a) || !numIsIntegral(b)) return builtinError("rem", "modulo on floating-point number");
  if (numIsZero(b)) return builtinError("rem", "modulo by zero");
  return numRem(a, b);
}

export function bi_abs(a: u32): u32 {
  if (!isNum(a)) return typeError("abs", 1, "number", a);
  if (numIsInt(a)) {
    const x = numGetInt(a);
    if (x >= 0) return a;
    if (x != i64.MIN_VALUE) return numInt(-x);
  }
  return numCompare(a, numInt(0)) < 0 ? numSub(numInt(0), a) : a;
}

export function bi_round(a: u32): u32 {
  if (!isNum(a)) return typeError("round", 1, "number", a);
  if (numIsIntegral(a)) return a;
  const f = numToF64(a);
  // half away from zero
  const r = f < 0 ? -Math.floor(-f + 0.5) : Math.floor(f + 0.5);
  return numFromF64(r);
}

export function bi_ceil(a: u32): u32 {
  if (!isNum(a)) return typeError("ceil", 1, "number", a);
  if (numIsIntegral(a)) return a;
  return numFromF64(Math.ceil(numToF64(a)));
}

export function bi_floor(a: u32): u32 {
  if (!isNum(a)) return typeError("floor", 1, "number", a);
  if (numIsIntegral(a)) return a;
  return numFromF64(Math.floor(numToF64(a)));
}

const RANGE_LIMIT: i64 = 100000000;

export function bi_numbers_range(a: u32, b: u32): u32 {
  if (!checkIntOperand("numbers.range", 1, a) || !checkIntOperand("numbers.range", 2, b)) return 0;
  const x = numGetInt(a);
  const y = numGetInt(b);
  const span = x <= y ? y - x : x - y;
  if (span < 0 || span >= RANGE_LIMIT) fatal("eval_builtin_error: numbers.range: range too large");
  const out = arrNew(<u32>span + 1);
  if (x <= y) for (let i = x; i <= y; i++) arrPush(out, numInt(i));
  else for (let i = x; i >= y; i--) arrPush(out, numInt(i));
  return out;
}
