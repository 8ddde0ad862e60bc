// The operations behind the IR statements that the emitted code calls.
import { T_ARRAY, T_NUMBER, T_OBJECT, T_SET, T_STRING, typeOf } from "./values.as";
import { arrGet, arrLen, arrNew, arrPush } from "./array.as";
import {
  entryAt, objectGet, objectNew, setAdd, setNew, tableAppend, tableCopy, tableCount, tableFindHashed,
  tableInsert, tableSort, setHas,
} from "./table.as";
import { valueEqual, valueHash } from "./compare.as";
import { numGetInt, numInt, numIsInt } from "./number.as";
import { strLen, strPtr, utf8Count } from "./string.as";
import { conflictError, abortWithBytes } from "./errors.as";
import { jsonParse } from "./json-parse.as";
import { fatal } from "./fatal.as";

/** source[key], or 0. */
export function rt_dot(src: u32, key: u32): u32 {
  switch (typeOf(src)) {
    case T_OBJECT:
      return objectGet(src, key);
    case T_ARRAY: {
      if (typeOf(key) != T_NUMBER || !numIsInt(key)) return 0;
      const i = numGetInt(key);
      if (i < 0 || i >= <i64>arrLen(src)) return 0;
      return arrGet(src, <u32>i);
    }
    case T_SET:
      return setHas(src, key) ? key : 0;
  }
  return 0;
}

/** Number of elements (code points for strings) as a number value, or 0. */
export function rt_len(v: u32): u32 {
  switch (typeOf(v)) {
    case T_ARRAY:
      return numInt(arrLen(v));
    case T_OBJECT:
    case T_SET:
      return numInt(tableCount(v));
    case T_STRING:
      return numInt(utf8Count(strPtr(v), strLen(v)));
  }
  return 0;
}

/** Element count for a scan (0 for non-collections); objects and sets are put in key order first. */
export function rt_scan_count(v: u32): u32 {
  switch (typeOf(v)) {
    case T_ARRAY:
      return arrLen(v);
    case T_OBJECT:
    case T_SET:
      tableSort(v);
      return tableCount(v);
  }
  return 0;
}

export function rt_scan_key(v: u32, i: u32): u32 {
  if (typeOf(v) == T_ARRAY) return numInt(i);
  return load<u32>(entryAt(v, i));
}

export function rt_scan_value(v: u32, i: u32): u32 {
  if (typeOf(v) == T_ARRAY) return arrGet(v, i);
  return load<u32>(entryAt(v, i), 4);
}

export function rt_equal(a: u32, b: u32): i32 {
  return valueEqual(a, b) ? 1 : 0;
}

export function rt_array_new(cap: u32): u32 {
  return arrNew(cap);
}

export function rt_object_new(): u32 {
  return objectNew();
}

export function rt_set_new(): u32 {
  return setNew();
}

export function rt_array_append(a: u32, v: u32): void {
  arrPush(a, v);
}

export function rt_object_insert(o: u32, k: u32, v: u32): void {
  tableInsert(o, k, v);
}

export function rt_object_insert_once(o: u32, k: u32, v: u32): void {
  const h = valueHash(k);
  const e = tableFindHashed(o, k, h);
  if (e == 0) {
    tableAppend(o, k, v, h);
    return;
  }
  if (!valueEqual(load<u32>(e, 4), v)) conflictError("object keys must be unique");
}

export function rt_set_add(s: u32, v: u32): void {
  setAdd(s, v);
}

/** Deep merge of objects: keys of both; where both have an object, merged; else a's value wins. */
export function rt_object_merge(a: u32, b: u32): u32 {
  if (typeOf(a) != T_OBJECT || typeOf(b) != T_OBJECT) return a;
  const out = tableCopy(a);
  const n = tableCount(b);
  for (let i: u32 = 0; i < n; i++) {
    const e = entryAt(b, i);
    const k = load<u32>(e);
    const h = load<u32>(e, 8);
    const mine = tableFindHashed(out, k, h);
    if (mine == 0) tableAppend(out, k, load<u32>(e, 4), h);
    else store<u32>(mine, rt_object_merge(load<u32>(mine, 4), load<u32>(e, 4)), 4);
  }
  return out;
}

/**
 * A copy of base in which the value at path (an array of keys) is value;
 * non-objects along the path are replaced by objects.
 */
export function rt_with(base: u32, path: u32, value: u32): u32 {
  return upsert(base, path, 0, value);
}

function upsert(base: u32, path: u32, i: u32, value: u32): u32 {
  if (i == arrLen(path)) return value;
  const out = typeOf(base) == T_OBJECT ? tableCopy(base) : objectNew();
  const key = arrGet(path, i);
  tableInsert(out, key, upsert(objectGet(out, key), path, i + 1, value));
  return out;
}

export function rt_conflict_rule(): void {
  conflictError("complete rules must not produce multiple outputs");
}

export function rt_conflict_function(): void {
  conflictError("functions must not produce multiple outputs for same inputs");
}

/** The policy's own error statement: the message is a string value. */
export function rt_error(msg: u32): void {
  abortWithBytes(strPtr(msg), strLen(msg));
}

/** Parses JSON that must be valid (the policy's static documents). */
export function rt_json_parse_static(p: u32, n: u32): u32 {
  const v = jsonParse(p, n);
  if (v == 0) fatal("invalid static JSON");
  return v;
}
