// Number values. Two kinds:
//   INT  an i64 (the fast path: every integer that fits)
//   REF  exact decimal text (JSON number syntax) for everything else; never an
//        integer that fits an i64, so INT and REF values are never equal.
// Arithmetic on REF is exact decimal arithmetic (decimal.as.ts); only an inexact
// quotient goes through f64 (and keeps its shortest decimal text).
import { malloc } from "./heap.as";
import { T_NUMBER } from "./values.as";
import {
  MAX_EXACT_DIGITS, decSumDigits, decAdd, decCompare, decCompareMagnitude, decMake, decCount, decDigits, decDivExact, decExp, decFitsI64, decFromF64, decFromInt,
  decFromText, decInt, decIsIntegral, decMul, decNeg, decTextLength, decToF64, decWriteText,
} from "./decimal.as";
import { hashBytes } from "./string.as";

export const NUM_INT: u32 = 1;
export const NUM_REF: u32 = 3;
export const NUMBER_SIZE: u32 = 16;

const SMALL_INTS: i64 = 1024;
let smallInts: u32 = 0;

/** Preallocates the values 0..1023 (called once, at instantiation). */
export function numInit(): void {
  smallInts = malloc(<u32>SMALL_INTS * NUMBER_SIZE);
  for (let i: i64 = 0; i < SMALL_INTS; i++) {
    const v = smallInts + <u32>i * NUMBER_SIZE;
    store<u32>(v, T_NUMBER | (NUM_INT << 8));
    store<u32>(v, 0, 4);
    store<i64>(v, i, 8);
  }
}

// @ts-ignore: decorator
@inline export function numKind(v: u32): u32 {
  return load<u8>(v, 1);
}

// @ts-ignore: decorator
@inline export function numIsInt(v: u32): bool {
  return load<u8>(v, 1) == NUM_INT;
}

// @ts-ignore: decorator
@inline export function numGetInt(v: u32): i64 {
  return load<i64>(v, 8);
}

export function numInt(i: i64): u32 {
  if (<u64>i < <u64>SMALL_INTS && smallInts != 0) return smallInts + <u32>i * NUMBER_SIZE;
  const v = malloc(NUMBER_SIZE);
  store<u32>(v, T_NUMBER | (NUM_INT << 8));
  store<u32>(v, 0, 4);
  store<i64>(v, i, 8);
  return v;
}

/** A REF number over existing text (not copied). */
function numRefRaw(p: u32, n: u32): u32 {
  const v = malloc(NUMBER_SIZE);
  store<u32>(v, T_NUMBER | (NUM_REF << 8));
  store<u32>(v, n, 4);
  store<u32>(v, p, 8);
  store<u32>(v, 0, 12);
  return v;
}

// @ts-ignore: decorator
@inline export function numTextPtr(v: u32): u32 {
  return load<u32>(v, 8);
}

// @ts-ignore: decorator
@inline export function numTextLen(v: u32): u32 {
  return load<u32>(v, 4);
}

/** A number from a decimal: INT when it is an integer that fits, else REF with fresh text. */
export function numFromDec(d: u32): u32 {
  if (decFitsI64(d)) return numInt(decInt);
  const n = decTextLength(d);
  const p = malloc(n);
  decWriteText(d, p);
  return numRefRaw(p, n);
}

/**
 * A number from valid JSON number text, which is referenced, not copied (it must
 * outlive the value: raw JSON, static data). 0 if the text is malformed.
 */
export function numFromJsonText(p: u32, n: u32): u32 {
  // fast path: up to 18 digits, optional minus
  let i: u32 = 0;
  const neg = n > 0 && load<u8>(p) == 45;
  if (neg) i = 1;
  if (n - i > 0 && n - i <= 18) {
    let acc: i64 = 0;
    let ok = true;
    for (let k = i; k < n; k++) {
      const c = <u32>load<u8>(p + k) - 48;
      if (c > 9) {
        ok = false;
        break;
      }
      acc = acc * 10 + <i64>c;
    }
    if (ok) return numInt(neg ? -acc : acc);
  }
  const d = decFromText(p, n);
  if (d == 0) return 0;
  if (decFitsI64(d)) return numInt(decInt);
  return numRefRaw(p, n);
}

/** A number from any accepted number text (copied and normalized when needed). */
export function numFromText(p: u32, n: u32): u32 {
  const d = decFromText(p, n);
  if (d == 0) return 0;
  return numFromDec(d);
}

export function numToDec(v: u32): u32 {
  if (numIsInt(v)) return decFromInt(numGetInt(v));
  return decFromText(numTextPtr(v), numTextLen(v));
}

export function numToF64(v: u32): f64 {
  if (numIsInt(v)) return <f64>numGetInt(v);
  return decToF64(numToDec(v));
}

/** A number from an f64 (its shortest decimal); 0 for NaN and infinities. */
export function numFromF64(f: f64): u32 {
  if (!isFinite(f)) return 0;
  if (f == Math.floor(f) && Math.abs(f) < 9.2e18) return numInt(<i64>f);
  return numFromDec(decFromF64(f));
}

export function numIsIntegral(v: u32): bool {
  return numIsInt(v) || decIsIntegral(numToDec(v));
}

export function numEqual(a: u32, b: u32): bool {
  const ka = numKind(a);
  if (ka != numKind(b)) return false;
  if (ka == NUM_INT) return numGetInt(a) == numGetInt(b);
  const n = numTextLen(a);
  if (n == numTextLen(b) && memory.compare(numTextPtr(a), numTextPtr(b), n) == 0) return true;
  return decCompare(numToDec(a), numToDec(b)) == 0;
}

export function numCompare(a: u32, b: u32): i32 {
  if (numIsInt(a) && numIsInt(b)) {
    const x = numGetInt(a);
    const y = numGetInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return decCompare(numToDec(a), numToDec(b));
}

export function mix64(x: u64): u32 {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccd;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53;
  x ^= x >> 33;
  return <u32>x;
}

export function numHash(v: u32): u32 {
  if (numIsInt(v)) return mix64(<u64>numGetInt(v));
  const d = numToDec(v);
  return hashBytes(decDigits(d), decCount(d)) ^ mix64(<u64>decExp(d) ^ (decNeg(d) ? 0x5555 : 0));
}

// Arithmetic. Each returns the result, or 0 when undefined (division by zero).

export function numAdd(a: u32, b: u32): u32 {
  if (numIsInt(a) && numIsInt(b)) {
    const x = numGetInt(a);
    const y = numGetInt(b);
    const r = x + y;
    if (((x ^ r) & (y ^ r)) >= 0) return numInt(r);
  }
  return decimalSum(a, b, false);
}

export function numSub(a: u32, b: u32): u32 {
  if (numIsInt(a) && numIsInt(b)) {
    const x = numGetInt(a);
    const y = numGetInt(b);
    const r = x - y;
    if (((x ^ y) & (x ^ r)) >= 0) return numInt(r);
  }
  return decimalSum(a, b, true);
}

/** a ± b exactly, or through f64 when the exact result would be absurdly long. */
function decimalSum(a: u32, b: u32, subtract: bool): u32 {
  const da = numToDec(a);
  const db = numToDec(b);
  if (decSumDigits(da, db) > MAX_EXACT_DIGITS) {
    const x = decToF64(da);
    const y = decToF64(db);
    const r = numFromF64(subtract ? x - y : x + y);
    if (r != 0) return r;
    // beyond doubles too: the operand of larger magnitude decides the result
    if (decCompareMagnitude(da, db) >= 0) return a;
    return subtract ? numFromDec(decMake(!decNeg(db), decDigits(db), decCount(db), decExp(db))) : b;
  }
  return numFromDec(decAdd(da, db, subtract));
}

export function numMul(a: u32, b: u32): u32 {
  if (numIsInt(a) && numIsInt(b)) {
    const x = numGetInt(a);
    const y = numGetInt(b);
    if (x > -3037000499 && x < 3037000499 && y > -3037000499 && y < 3037000499) return numInt(x * y);
  }
  return numFromDec(decMul(numToDec(a), numToDec(b)));
}

export function numIsZero(v: u32): bool {
  if (numIsInt(v)) return numGetInt(v) == 0;
  return decCount(numToDec(v)) == 0;
}

/** a / b; b must not be zero. */
export function numDiv(a: u32, b: u32): u32 {
  if (numIsInt(a) && numIsInt(b)) {
    const x = numGetInt(a);
    const y = numGetInt(b);
    if (y != 0 && !(x == i64.MIN_VALUE && y == -1) && x % y == 0) return numInt(x / y);
  }
  const da = numToDec(a);
  const db = numToDec(b);
  const exact = decDivExact(da, db, 40);
  if (exact != 0) return numFromDec(exact);
  return numFromF64(decToF64(da) / decToF64(db));
}

/** a % b for integers (truncated, the sign of a); b must not be zero. */
export function numRem(a: u32, b: u32): u32 {
  if (numIsInt(a) && numIsInt(b)) return numInt(numGetInt(a) % numGetInt(b));
  const x = numToF64(a);
  const y = numToF64(b);
  return numFromF64(x % y);
}
