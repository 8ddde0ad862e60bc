// Rego equality, total order and hashing over all value types.
// Order: null < boolean < number < string < array < object < set; objects and
// sets compare by their sorted keys; equal values always hash alike (1 == 1.0).
import { T_ARRAY, T_BOOLEAN, T_NULL, T_NUMBER, T_OBJECT, T_SET, T_STRING, typeOf } from "./values.as";
import { numCompare, numEqual, numHash, mix64 } from "./number.as";
import { strCompare, strEqual, strHash } from "./string.as";
import { arrGet, arrLen } from "./array.as";
import { entryAt, tableCount, tableFindHashed, tableSort } from "./table.as";

export function valueEqual(a: u32, b: u32): bool {
  if (a == b) return true;
  if (a == 0 || b == 0) return false;
  const ta = typeOf(a);
  if (ta != typeOf(b)) return false;
  switch (ta) {
    case T_NULL:
      return true;
    case T_BOOLEAN:
      return load<u32>(a, 4) == load<u32>(b, 4);
    case T_NUMBER:
      return numEqual(a, b);
    case T_STRING:
      return strEqual(a, b);
    case T_ARRAY: {
      const n = arrLen(a);
      if (n != arrLen(b)) return false;
      for (let i: u32 = 0; i < n; i++) if (!valueEqual(arrGet(a, i), arrGet(b, i))) return false;
      return true;
    }
    case T_OBJECT: {
      const n = tableCount(a);
      if (n != tableCount(b)) return false;
      for (let i: u32 = 0; i < n; i++) {
        const e = entryAt(a, i);
        const f = tableFindHashed(b, load<u32>(e), load<u32>(e, 8));
        if (f == 0 || !valueEqual(load<u32>(e, 4), load<u32>(f, 4))) return false;
      }
      return true;
    }
    case T_SET: {
      const n = tableCount(a);
      if (n != tableCount(b)) return false;
      for (let i: u32 = 0; i < n; i++) {
        const e = entryAt(a, i);
        if (tableFindHashed(b, load<u32>(e), load<u32>(e, 8)) == 0) return false;
      }
      return true;
    }
  }
  return false;
}

export function valueCompare(a: u32, b: u32): i32 {
  if (a == b) return 0;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case T_BOOLEAN: {
      const x = load<u32>(a, 4);
      const y = load<u32>(b, 4);
      return x == y ? 0 : x < y ? -1 : 1;
    }
    case T_NUMBER:
      return numCompare(a, b);
    case T_STRING:
      return strCompare(a, b);
    case T_ARRAY: {
      const na = arrLen(a);
      const nb = arrLen(b);
      const n = na < nb ? na : nb;
      for (let i: u32 = 0; i < n; i++) {
        const c = valueCompare(arrGet(a, i), arrGet(b, i));
        if (c != 0) return c;
      }
      return na < nb ? -1 : na > nb ? 1 : 0;
    }
    case T_OBJECT:
    case T_SET: {
      tableSort(a);
      tableSort(b);
      const na = tableCount(a);
      const nb = tableCount(b);
      const n = na < nb ? na : nb;
      for (let i: u32 = 0; i < n; i++) {
        const ea = entryAt(a, i);
        const eb = entryAt(b, i);
        let c = valueCompare(load<u32>(ea), load<u32>(eb));
        if (c != 0) return c;
        if (ta == T_OBJECT) {
          c = valueCompare(load<u32>(ea, 4), load<u32>(eb, 4));
          if (c != 0) return c;
        }
      }
      return na < nb ? -1 : na > nb ? 1 : 0;
    }
  }
  return 0;
}

export function valueHash(v: u32): u32 {
  switch (typeOf(v)) {
    case T_NULL:
      return 0x2545f491;
    case T_BOOLEAN:
      return load<u32>(v, 4) != 0 ? 0x9e3779b9 : 0x7f4a7c15;
    case T_NUMBER:
      return numHash(v);
    case T_STRING:
      return strHash(v);
    case T_ARRAY: {
      let h: u32 = 0x3c6ef372;
      const n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) h = (h ^ valueHash(arrGet(v, i))) * 0x01000193 + 0x27d4eb2d;
      return h ^ n;
    }
    case T_OBJECT: {
      // order-independent: a sum of per-entry hashes
      let h: u32 = 0x1b873593;
      const n = tableCount(v);
      for (let i: u32 = 0; i < n; i++) {
        const e = entryAt(v, i);
        h += mix64((<u64>load<u32>(e, 8) << 32) | <u64>valueHash(load<u32>(e, 4)));
      }
      return h;
    }
    case T_SET: {
      let h: u32 = 0xcc9e2d51;
      const n = tableCount(v);
      for (let i: u32 = 0; i < n; i++) h += mix64(<u64>load<u32>(entryAt(v, i), 8) | 0x100000000);
      return h;
    }
  }
  return 0;
}
