// count, sum, product, max, min, sort.
import { T_NUMBER, T_SET, typeOf } from "../values.as";
import { arrOfLength, arrSet } from "../array.as";
import { tableSort } from "../table.as";
import { numAdd, numInt, numMul } from "../number.as";
import { valueCompare } from "../compare.as";
import { elementTypeError, typeError } from "../errors.as";
import { isList, listCount, listFindOtherType, listGet } from "./collections.as";
import { malloc } from "../heap.as";
import { rt_len } from "../ops.as";

export function bi_count(v: u32): u32 {
  const n = rt_len(v);
  if (n != 0) return n;
  return typeError("count", 1, "one of {array, object, set, string}", v);
}

function numbersOf(name: string, v: u32): bool {
  if (!isList(v)) {
    typeError(name, 1, "one of {array, set}", v);
    return false;
  }
  const bad = listFindOtherType(v, T_NUMBER);
  if (bad != 0) {
    elementTypeError(name, 1, v, "number", bad);
    return false;
  }
  return true;
}

export function bi_sum(v: u32): u32 {
  if (!numbersOf("sum", v)) return 0;
  let acc = numInt(0);
  const n = listCount(v);
  for (let i: u32 = 0; i < n; i++) acc = numAdd(acc, listGet(v, i));
  return acc;
}

export function bi_product(v: u32): u32 {
  if (!numbersOf("product", v)) return 0;
  let acc = numInt(1);
  const n = listCount(v);
  for (let i: u32 = 0; i < n; i++) acc = numMul(acc, listGet(v, i));
  return acc;
}

function extreme(name: string, v: u32, sign: i32): u32 {
  if (!isList(v)) return typeError(name, 1, "one of {array, set}", v);
  const n = listCount(v);
  if (n == 0) return 0;
  let best = listGet(v, 0);
  for (let i: u32 = 1; i < n; i++) {
    const e = listGet(v, i);
    if (valueCompare(e, best) * sign > 0) best = e;
  }
  return best;
}

export function bi_max(v: u32): u32 {
  return extreme("max", v, 1);
}

export function bi_min(v: u32): u32 {
  return extreme("min", v, -1);
}

export function bi_sort(v: u32): u32 {
  if (!isList(v)) return typeError("sort", 1, "one of {array, set}", v);
  const n = listCount(v);
  const out = arrOfLength(n);
  if (typeOf(v) == T_SET) {
    tableSort(v);
    for (let i: u32 = 0; i < n; i++) arrSet(out, i, listGet(v, i));
    return out;
  }
  // merge sort of the element addresses (stable)
  let src = malloc(n << 2);
  let dst = malloc(n << 2);
  for (let i: u32 = 0; i < n; i++) store<u32>(src + (i << 2), listGet(v, i));
  for (let width: u32 = 1; width < n; width *= 2) {
    for (let lo: u32 = 0; lo < n; lo += 2 * width) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + 2 * width < n ? lo + 2 * width : n;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = load<u32>(src + (i << 2));
        const b = load<u32>(src + (j << 2));
        if (valueCompare(a, b) <= 0) {
          store<u32>(dst + (k << 2), a);
          i++;
        } else {
          store<u32>(dst + (k << 2), b);
          j++;
        }
        k++;
      }
      while (i < mid) store<u32>(dst + (k++ << 2), load<u32>(src + (i++ << 2)));
      while (j < hi) store<u32>(dst + (k++ << 2), load<u32>(src + (j++ << 2)));
    }
    const s = src;
    src = dst;
    dst = s;
  }
  for (let i: u32 = 0; i < n; i++) arrSet(out, i, load<u32>(src + (i << 2)));
  return out;
}
