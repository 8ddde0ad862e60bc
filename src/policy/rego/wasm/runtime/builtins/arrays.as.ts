// array.concat, array.slice, array.reverse.
import { T_ARRAY, typeOf } from "../values.as";
import { arrGet, arrLen, arrOfLength, arrSet } from "../array.as";
import { numGetInt } from "../number.as";
import { checkIntOperand, typeError } from "../errors.as";

export function bi_array_concat(a: u32, b: u32): u32 {
  if (typeOf(a) != T_ARRAY) return typeError("array.concat", 1, "array", a);
  if (typeOf(b) != T_ARRAY) return typeError("array.concat", 2, "array", b);
  const na = arrLen(a);
  const nb = arrLen(b);
  const out = arrOfLength(na + nb);
  for (let i: u32 = 0; i < na; i++) arrSet(out, i, arrGet(a, i));
  for (let i: u32 = 0; i < nb; i++) arrSet(out, na + i, arrGet(b, i));
  return out;
}

export function bi_array_slice(a: u32, start: u32, stop: u32): u32 {
  if (typeOf(a) != T_ARRAY) return typeError("array.slice", 1, "array", a);
  if (!checkIntOperand("array.slice", 2, start) || !checkIntOperand("array.slice", 3, stop)) return 0;
  const n = <i64>arrLen(a);
  let s = numGetInt(start);
  let e = numGetInt(stop);
  if (s < 0) s = 0;
  if (e > n) e = n;
  if (s >= e) return arrOfLength(0);
  const out = arrOfLength(<u32>(e - s));
  for (let i = s; i < e; i++) arrSet(out, <u32>(i - s), arrGet(a, <u32>i));
  return out;
}

export function bi_array_reverse(a: u32): u32 {
  if (typeOf(a) != T_ARRAY) return typeError("array.reverse", 1, "array", a);
  const n = arrLen(a);
  const out = arrOfLength(n);
  for (let i: u32 = 0; i < n; i++) arrSet(out, i, arrGet(a, n - 1 - i));
  return out;
}
