// object.get, internal.member_2, internal.member_3, walk.
import { T_ARRAY, T_NUMBER, T_OBJECT, T_SET, FALSE, TRUE, typeOf } from "../values.as";
import { arrGet, arrLen, arrNew, arrOfLength, arrPush, arrSet } from "../array.as";
import { entryAt, objectGet, setHas, tableCount, tableSort } from "../table.as";
import { valueEqual } from "../compare.as";
import { numGetInt, numInt, numIsInt } from "../number.as";
import { typeError } from "../errors.as";
import { rt_dot } from "../ops.as";

export function bi_object_get(obj: u32, key: u32, dflt: u32): u32 {
  if (typeOf(obj) != T_OBJECT) return typeError("object.get", 1, "object", obj);
  if (typeOf(key) != T_ARRAY) {
    const v = objectGet(obj, key);
    return v != 0 ? v : dflt;
  }
  // an array key is a path
  const n = arrLen(key);
  if (n == 0) return obj;
  let cur = obj;
  for (let i: u32 = 0; i < n; i++) {
    cur = rt_dot(cur, arrGet(key, i));
    if (cur == 0) return dflt;
  }
  return cur;
}

export function bi_internal_member_2(x: u32, coll: u32): u32 {
  switch (typeOf(coll)) {
    case T_SET:
      return setHas(coll, x) ? TRUE : FALSE;
    case T_ARRAY: {
      const n = arrLen(coll);
      for (let i: u32 = 0; i < n; i++) if (valueEqual(arrGet(coll, i), x)) return TRUE;
      return FALSE;
    }
    case T_OBJECT: {
      const n = tableCount(coll);
      for (let i: u32 = 0; i < n; i++) if (valueEqual(load<u32>(entryAt(coll, i), 4), x)) return TRUE;
      return FALSE;
    }
  }
  return FALSE;
}

export function bi_internal_member_3(k: u32, x: u32, coll: u32): u32 {
  switch (typeOf(coll)) {
    case T_SET:
      return valueEqual(k, x) && setHas(coll, x) ? TRUE : FALSE;
    case T_ARRAY: {
      if (typeOf(k) != T_NUMBER || !numIsInt(k)) return FALSE;
      const i = numGetInt(k);
      if (i < 0 || i >= <i64>arrLen(coll)) return FALSE;
      return valueEqual(arrGet(coll, <u32>i), x) ? TRUE : FALSE;
    }
    case T_OBJECT: {
      const v = objectGet(coll, k);
      return v != 0 && valueEqual(v, x) ? TRUE : FALSE;
    }
  }
  return FALSE;
}

function pathWith(path: u32, key: u32): u32 {
  const n = arrLen(path);
  const out = arrOfLength(n + 1);
  for (let i: u32 = 0; i < n; i++) arrSet(out, i, arrGet(path, i));
  arrSet(out, n, key);
  return out;
}

function walkInto(out: u32, path: u32, v: u32): void {
  const pair = arrOfLength(2);
  arrSet(pair, 0, path);
  arrSet(pair, 1, v);
  arrPush(out, pair);
  switch (typeOf(v)) {
    case T_ARRAY: {
      const n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) walkInto(out, pathWith(path, numInt(i)), arrGet(v, i));
      break;
    }
    case T_OBJECT:
    case T_SET: {
      tableSort(v);
      const n = tableCount(v);
      for (let i: u32 = 0; i < n; i++) {
        const e = entryAt(v, i);
        walkInto(out, pathWith(path, load<u32>(e)), load<u32>(e, 4));
      }
      break;
    }
  }
}

/** walk as a function: every [path, value] pair of v, in pre-order with keys in Rego order. */
export function bi_walk(v: u32): u32 {
  const out = arrNew(16);
  walkInto(out, arrOfLength(0), v);
  return out;
}
