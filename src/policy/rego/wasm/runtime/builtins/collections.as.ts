// Shared helpers for builtins over arrays and sets ("collections of X").
import { T_ARRAY, T_SET, typeOf } from "../values.as";
import { arrGet, arrLen } from "../array.as";
import { entryAt, tableCount, tableSort } from "../table.as";

/** Whether v is an array or a set. */
export function isList(v: u32): bool {
  const t = typeOf(v);
  return t == T_ARRAY || t == T_SET;
}

/** Element count of an array or set (sets are put in order first). */
export function listCount(v: u32): u32 {
  if (typeOf(v) == T_ARRAY) return arrLen(v);
  tableSort(v);
  return tableCount(v);
}

export function listGet(v: u32, i: u32): u32 {
  if (typeOf(v) == T_ARRAY) return arrGet(v, i);
  return load<u32>(entryAt(v, i));
}

/** The first element of the list whose type is not t, or 0. */
export function listFindOtherType(v: u32, t: u32): u32 {
  const n = listCount(v);
  for (let i: u32 = 0; i < n; i++) {
    const e = listGet(v, i);
    if (typeOf(e) != t) return e;
  }
  return 0;
}

