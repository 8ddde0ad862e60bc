// equal, neq, lt, lte, gt, gte: total over all values, never undefined.
import { boolValue } from "../values.as";
import { valueCompare, valueEqual } from "../compare.as";

export function bi_equal(a: u32, b: u32): u32 {
  return boolValue(valueEqual(a, b));
}

export function bi_neq(a: u32, b: u32): u32 {
  return boolValue(!valueEqual(a, b));
}

export function bi_lt(a: u32, b: u32): u32 {
  return boolValue(valueCompare(a, b) < 0);
}

export function bi_lte(a: u32, b: u32): u32 {
  return boolValue(valueCompare(a, b) <= 0);
}

export function bi_gt(a: u32, b: u32): u32 {
  return boolValue(valueCompare(a, b) > 0);
}

export function bi_gte(a: u32, b: u32): u32 {
  return boolValue(valueCompare(a, b) >= 0);
}
