// object.get, internal.member_2, internal.member_3, walk, and object.* below.
import { T_ARRAY, T_NUMBER, T_OBJECT, T_SET, FALSE, TRUE, boolValue, typeOf } from "../values.as";
import { arrGet, arrLen, arrNew, arrOfLength, arrPush, arrSet } from "../array.as";
import {
  entryAt, objectGet, objectNew, setAdd, setHas, setNew, tableCopy, tableCount, tableInsert, tableSort,
} from "../table.as";
import { valueEqual } from "../compare.as";
import { numGetInt, numInt, numIsInt } from "../number.as";
import { elementTypeError, typeError, typeName } from "../errors.as";
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

// object.keys, object.remove, object.filter, object.union, object.union_n,
// object.subset: natively, because keys of any type and sets inside values do
// not survive the JSON trip to the host.

export function bi_object_keys(obj: u32): u32 {
  if (typeOf(obj) != T_OBJECT) return typeError("object.keys", 1, "object", obj);
  const out = setNew();
  const n = tableCount(obj);
  for (let i: u32 = 0; i < n; i++) setAdd(out, load<u32>(entryAt(obj, i)));
  return out;
}

/** The keys operand of object.remove/filter as a set (object: its keys), or 0 after a type error. */
function keysOperand(name: string, keys: u32): u32 {
  const t = typeOf(keys);
  if (t == T_SET) return keys;
  if (t == T_OBJECT) return bi_object_keys(keys);
  if (t == T_ARRAY) {
    const out = setNew();
    const n = arrLen(keys);
    for (let i: u32 = 0; i < n; i++) setAdd(out, arrGet(keys, i));
    return out;
  }
  return typeError(name, 2, "one of {object, set, array}", keys);
}

function selectKeys(name: string, obj: u32, keys: u32, keep: bool): u32 {
  if (typeOf(obj) != T_OBJECT) return typeError(name, 1, "object", obj);
  const selected = keysOperand(name, keys);
  if (selected == 0) return 0;
  const out = objectNew();
  const n = tableCount(obj);
  for (let i: u32 = 0; i < n; i++) {
    const e = entryAt(obj, i);
    if (setHas(selected, load<u32>(e)) == keep) tableInsert(out, load<u32>(e), load<u32>(e, 4));
  }
  return out;
}

export function bi_object_remove(obj: u32, keys: u32): u32 {
  return selectKeys("object.remove", obj, keys, false);
}

export function bi_object_filter(obj: u32, keys: u32): u32 {
  return selectKeys("object.filter", obj, keys, true);
}

/** Recursive merge; on conflicts b's value wins unless both are objects. */
function merge(a: u32, b: u32): u32 {
  const out = tableCopy(a);
  const n = tableCount(b);
  for (let i: u32 = 0; i < n; i++) {
    const e = entryAt(b, i);
    const k = load<u32>(e);
    const v = load<u32>(e, 4);
    const mine = objectGet(out, k);
    tableInsert(out, k, mine != 0 && typeOf(mine) == T_OBJECT && typeOf(v) == T_OBJECT ? merge(mine, v) : v);
  }
  return out;
}

export function bi_object_union(a: u32, b: u32): u32 {
  if (typeOf(a) != T_OBJECT) return typeError("object.union", 1, "object", a);
  if (typeOf(b) != T_OBJECT) return typeError("object.union", 2, "object", b);
  return merge(a, b);
}

export function bi_object_union_n(list: u32): u32 {
  if (typeOf(list) != T_ARRAY) return typeError("object.union_n", 1, "array", list);
  const n = arrLen(list);
  let out = objectNew();
  for (let i: u32 = 0; i < n; i++) {
    const o = arrGet(list, i);
    if (typeOf(o) != T_OBJECT) return elementTypeError("object.union_n", 1, list, "object", o);
    out = merge(out, o);
  }
  return out;
}

function setIsSubset(sup: u32, sub: u32): bool {
  const n = tableCount(sub);
  for (let i: u32 = 0; i < n; i++) if (!setHas(sup, load<u32>(entryAt(sub, i)))) return false;
  return true;
}

function objectIsSubset(sup: u32, sub: u32): bool {
  const n = tableCount(sub);
  for (let i: u32 = 0; i < n; i++) {
    const e = entryAt(sub, i);
    const mine = objectGet(sup, load<u32>(e));
    if (mine == 0) return false;
    const v = load<u32>(e, 4);
    const tm = typeOf(mine);
    // nested values of one collection type compare by subset too
    if (tm == T_OBJECT && typeOf(v) == T_OBJECT) {
      if (!objectIsSubset(mine, v)) return false;
    } else if (tm == T_SET && typeOf(v) == T_SET) {
      if (!setIsSubset(mine, v)) return false;
    } else if (tm == T_ARRAY && typeOf(v) == T_ARRAY) {
      if (!arrayIsSubarray(mine, v)) return false;
    } else if (!valueEqual(mine, v)) return false;
  }
  return true;
}

/** sub appears contiguously, in order, within sup. */
function arrayIsSubarray(sup: u32, sub: u32): bool {
  const n = arrLen(sub);
  const m = arrLen(sup);
  if (n == 0) return true;
  for (let i: u32 = 0; i + n <= m; i++) {
    let all = true;
    for (let j: u32 = 0; j < n; j++) {
      if (!valueEqual(arrGet(sup, i + j), arrGet(sub, j))) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

export function bi_object_subset(sup: u32, sub: u32): u32 {
  const ts = typeOf(sup);
  const tb = typeOf(sub);
  if (ts != T_OBJECT && ts != T_SET && ts != T_ARRAY) return typeError("object.subset", 1, "one of {object, set, array}", sup);
  if (tb != T_OBJECT && tb != T_SET && tb != T_ARRAY) return typeError("object.subset", 2, "one of {object, set, array}", sub);
  if (ts == T_OBJECT && tb == T_OBJECT) return boolValue(objectIsSubset(sup, sub));
  if (ts == T_SET && tb == T_SET) return boolValue(setIsSubset(sup, sub));
  if (ts == T_ARRAY && tb == T_ARRAY) return boolValue(arrayIsSubarray(sup, sub));
  if (ts == T_ARRAY && tb == T_SET) {
    const n = tableCount(sub);
    for (let i: u32 = 0; i < n; i++) {
      if (bi_internal_member_2(load<u32>(entryAt(sub, i)), sup) != TRUE) return FALSE;
    }
    return TRUE;
  }
  return typeError("object.subset", 2, typeName(sup), sub);
}
