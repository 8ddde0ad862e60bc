// and (&), or (|), intersection, union.
import { T_SET, typeOf } from "../values.as";
import { entryAt, setAdd, setHas, setNew, tableCount } from "../table.as";
import { elementTypeError, typeError } from "../errors.as";
import { listFindOtherType } from "./collections.as";

function intersect(a: u32, b: u32): u32 {
  const out = setNew();
  const n = tableCount(a);
  for (let i: u32 = 0; i < n; i++) {
    const k = load<u32>(entryAt(a, i));
    if (setHas(b, k)) setAdd(out, k);
  }
  return out;
}

function addAll(out: u32, s: u32): void {
  const n = tableCount(s);
  for (let i: u32 = 0; i < n; i++) setAdd(out, load<u32>(entryAt(s, i)));
}

export function bi_and(a: u32, b: u32): u32 {
  if (typeOf(a) != T_SET) return typeError("and", 1, "set", a);
  if (typeOf(b) != T_SET) return typeError("and", 2, "set", b);
  return intersect(a, b);
}

export function bi_or(a: u32, b: u32): u32 {
  if (typeOf(a) != T_SET) return typeError("or", 1, "set", a);
  if (typeOf(b) != T_SET) return typeError("or", 2, "set", b);
  const out = setNew();
  addAll(out, a);
  addAll(out, b);
  return out;
}

function setOfSets(name: string, v: u32): bool {
  if (typeOf(v) != T_SET) {
    typeError(name, 1, "set", v);
    return false;
  }
  const bad = listFindOtherType(v, T_SET);
  if (bad != 0) {
    elementTypeError(name, 1, v, "set", bad);
    return false;
  }
  return true;
}

export function bi_intersection(v: u32): u32 {
  if (!setOfSets("intersection", v)) return 0;
  const n = tableCount(v);
  if (n == 0) return setNew();
  let acc = load<u32>(entryAt(v, 0));
  for (let i: u32 = 1; i < n; i++) acc = intersect(acc, load<u32>(entryAt(v, i)));
  return n == 1 ? intersect(acc, acc) : acc;
}

export function bi_union(v: u32): u32 {
  if (!setOfSets("union", v)) return 0;
  const out = setNew();
  const n = tableCount(v);
  for (let i: u32 = 0; i < n; i++) addAll(out, load<u32>(entryAt(v, i)));
  return out;
}
