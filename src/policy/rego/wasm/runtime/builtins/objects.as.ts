// object.get, internal.member_2, internal.member_3, walk, and object.* below.
import { T_ARRAY, T_NUMBER, T_OBJECT, T_SET, FALSE, TRUE, boolValue, typeOf } from "../values.as";
import { ARRAY_SIZE, arrGet, arrLen, arrNew, arrOfLength, arrPush, arrSet } from "../array.as";
import { malloc } from "../heap.as";
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

// walk's paths share their element buffers: a path extends its parent in place
// while nothing else has (the buffer's high-water mark says so), so a chain of
// depth d costs O(d) memory instead of O(d²). Buffers: [u32 hwm][u32 cap][elements].
function pathBuffer(cap: u32): u32 {
  const buf = malloc(8 + (cap << 2));
  store<u32>(buf, 0);
  store<u32>(buf, cap, 4);
  return buf + 8;
}

function pathArray(elems: u32, len: u32): u32 {
  const a = malloc(ARRAY_SIZE);
  store<u32>(a, T_ARRAY);
  store<u32>(a, len, 4);
  store<u32>(a, len, 8); // cap = len: an append never writes into the shared buffer
  store<u32>(a, elems, 12);
  return a;
}

function pathWith(parent: u32, key: u32): u32 {
  const n = arrLen(parent);
  let elems = load<u32>(parent, 12);
  const header = elems - 8;
  if (load<u32>(header) != n || n >= load<u32>(header, 4)) {
    const fresh = pathBuffer(n < 4 ? 8 : n * 2);
    memory.copy(fresh, elems, n << 2);
    elems = fresh;
  }
  store<u32>(elems + (n << 2), key);
  store<u32>(elems - 8, n + 1);
  return pathArray(elems, n + 1);
}

function addPair(out: u32, path: u32, v: u32): void {
  const pair = arrOfLength(2);
  arrSet(pair, 0, path);
  arrSet(pair, 1, v);
  arrPush(out, pair);
}

/** walk as a function: every [path, value] pair of v, in pre-order with keys in Rego order. Iterative. */
export function bi_walk(v: u32): u32 {
  const out = arrNew(16);
  // frames: [u32 value][u32 path][u32 next child]
  let cap: u32 = 16;
  let stack = malloc(cap * 12);
  let depth: u32 = 1;
  const root = pathArray(pathBuffer(8), 0);
  store<u32>(stack, v);
  store<u32>(stack, root, 4);
  store<u32>(stack, 0, 8);
  addPair(out, root, v);
  while (depth > 0) {
    const f = stack + (depth - 1) * 12;
    const node = load<u32>(f);
    const i = load<u32>(f, 8);
    const t = typeOf(node);
    let key: u32 = 0;
    let child: u32 = 0;
    if (t == T_ARRAY && i < arrLen(node)) {
      key = numInt(i);
      child = arrGet(node, i);
    } else if ((t == T_OBJECT || t == T_SET) && i < tableCount(node)) {
      if (i == 0) tableSort(node);
      const e = entryAt(node, i);
      key = load<u32>(e);
      child = load<u32>(e, 4);
    } else {
      depth--;
      continue;
    }
    store<u32>(f, i + 1, 8);
    const path = pathWith(load<u32>(f, 4), key);
    addPair(out, path, child);
    if (depth == cap) {
      const grown = malloc(cap * 2 * 12);
      memory.copy(grown, stack, cap * 12);
      stack = grown;
      cap *= 2;
    }
    const g = stack + depth * 12;
    store<u32>(g, child);
    store<u32>(g, path, 4);
    store<u32>(g, 0, 8);
    depth++;
  }
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
