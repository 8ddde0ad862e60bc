// Exact decimals for the slow path of number arithmetic and comparison:
// value = (-1)^neg * D * 10^exp, where D is the integer whose decimal digits
// (one per byte, most significant first, no leading or trailing zeros) are
// stored at digits. Zero has no digits.
//
//   [u8 neg][_3][i32 exp][u32 n][u32 digitsPtr]
import { malloc } from "./heap.as";
import { dtoa_buffered } from "util/number";

export const DEC_SIZE: u32 = 16;

// @ts-ignore: decorator
@inline export function decNeg(d: u32): bool {
  return load<u8>(d) != 0;
}
// @ts-ignore: decorator
@inline export function decExp(d: u32): i32 {
  return load<i32>(d, 4);
}
// @ts-ignore: decorator
@inline export function decCount(d: u32): u32 {
  return load<u32>(d, 8);
}
// @ts-ignore: decorator
@inline export function decDigits(d: u32): u32 {
  return load<u32>(d, 12);
}

/** Builds a normalized decimal from raw digits (any leading/trailing zeros are stripped). */
export function decMake(neg: bool, digits: u32, n: u32, exp: i32): u32 {
  while (n > 0 && load<u8>(digits) == 0) {
    digits++;
    n--;
  }
  while (n > 0 && load<u8>(digits + n - 1) == 0) {
    n--;
    exp++;
  }
  const d = malloc(DEC_SIZE);
  store<u8>(d, n > 0 && neg ? 1 : 0);
  store<i32>(d, n > 0 ? exp : 0, 4);
  store<u32>(d, n, 8);
  store<u32>(d, digits, 12);
  return d;
}

function isDigit(c: u32): bool {
  return c - 48 < 10;
}

/**
 * Parses number text: [+-] digits [. digits] [(e|E) [+-] digits], where either
 * the integer or the fraction part may be empty (not both). 0 if malformed.
 */
export function decFromText(p: u32, n: u32): u32 {
  let i: u32 = 0;
  let neg = false;
  if (i < n && (load<u8>(p) == 45 || load<u8>(p) == 43)) {
    neg = load<u8>(p) == 45;
    i++;
  }
  const digits = malloc(n + 1);
  let nd: u32 = 0;
  let exp: i32 = 0;
  let sawDigit = false;
  while (i < n && isDigit(load<u8>(p + i))) {
    store<u8>(digits + nd++, load<u8>(p + i) - 48);
    sawDigit = true;
    i++;
  }
  if (i < n && load<u8>(p + i) == 46) {
    i++;
    while (i < n && isDigit(load<u8>(p + i))) {
      store<u8>(digits + nd++, load<u8>(p + i) - 48);
      exp--;
      sawDigit = true;
      i++;
    }
  }
  if (!sawDigit) return 0;
  if (i < n && (load<u8>(p + i) | 32) == 101) {
    i++;
    let eneg = false;
    if (i < n && (load<u8>(p + i) == 45 || load<u8>(p + i) == 43)) {
      eneg = load<u8>(p + i) == 45;
      i++;
    }
    if (i >= n || !isDigit(load<u8>(p + i))) return 0;
    let e: i64 = 0;
    while (i < n && isDigit(load<u8>(p + i))) {
      if (e < 1000000000) e = e * 10 + <i64>(load<u8>(p + i) - 48);
      i++;
    }
    exp += <i32>(eneg ? -e : e);
  }
  if (i != n) return 0;
  return decMake(neg, digits, nd, exp);
}

export function decFromInt(v: i64): u32 {
  const digits = malloc(20);
  let u: u64 = v < 0 ? <u64>(-v) : <u64>v;
  let n: u32 = 0;
  const tmp = memory.data(20);
  while (u > 0) {
    store<u8>(tmp + n++, <u8>(u % 10));
    u /= 10;
  }
  for (let i: u32 = 0; i < n; i++) store<u8>(digits + i, load<u8>(tmp + n - 1 - i));
  return decMake(v < 0, digits, n, 0);
}

const F64_TEXT = memory.data(64);
const F64_WIDE = memory.data(128);

/** The shortest decimal that reads back as f (finite f only). */
export function decFromF64(f: f64): u32 {
  if (f == 0) return decMake(false, 0, 0, 0);
  const n = dtoa_buffered(F64_WIDE, f);
  for (let i: u32 = 0; i < n; i++) store<u8>(F64_TEXT + i, <u8>load<u16>(F64_WIDE + (i << 1)));
  return decFromText(<u32>F64_TEXT, n);
}

/** Whether the value is an integer; and whether it fits an i64 (then decInt holds it). */
export let decInt: i64 = 0;
export function decFitsI64(d: u32): bool {
  const n = decCount(d);
  const e = decExp(d);
  if (n == 0) {
    decInt = 0;
    return true;
  }
  if (e < 0 || <i64>n + <i64>e > 19) return false;
  let m: u64 = 0;
  const p = decDigits(d);
  for (let i: u32 = 0; i < n; i++) m = m * 10 + <u64>load<u8>(p + i);
  for (let i: i32 = 0; i < e; i++) {
    if (m > 0xffffffffffffffff / 10) return false;
    m *= 10;
  }
  const neg = decNeg(d);
  if (neg) {
    if (m > 0x8000000000000000) return false;
    decInt = <i64>(0 - m);
  } else {
    if (m > 0x7fffffffffffffff) return false;
    decInt = <i64>m;
  }
  return true;
}

export function decIsIntegral(d: u32): bool {
  return decExp(d) >= 0;
}

/** Compares magnitudes. */
export function decCompareMagnitude(a: u32, b: u32): i32 {
  return magCompare(a, b);
}

function magCompare(a: u32, b: u32): i32 {
  const na = decCount(a);
  const nb = decCount(b);
  if (na == 0 || nb == 0) return na == nb ? 0 : na == 0 ? -1 : 1;
  const ta = <i64>na + <i64>decExp(a);
  const tb = <i64>nb + <i64>decExp(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  const n = na < nb ? na : nb;
  const c = memory.compare(decDigits(a), decDigits(b), n);
  if (c != 0) return c < 0 ? -1 : 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export function decCompare(a: u32, b: u32): i32 {
  const za = decCount(a) == 0;
  const zb = decCount(b) == 0;
  const sa: i32 = za ? 0 : decNeg(a) ? -1 : 1;
  const sb: i32 = zb ? 0 : decNeg(b) ? -1 : 1;
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  const m = magCompare(a, b);
  return sa < 0 ? -m : m;
}

/** Digit k (0 = least significant) of |d| scaled to exponent e (e <= exp(d)). */
// @ts-ignore: decorator
@inline function digitAt(d: u32, e: i32, k: i64): u32 {
  const shift = <i64>decExp(d) - <i64>e;
  if (k < shift) return 0;
  const idx = k - shift;
  const n = <i64>decCount(d);
  if (idx >= n) return 0;
  return load<u8>(decDigits(d) + <u32>(n - 1 - idx));
}

/** Exact sums whose digits would exceed this are rounded instead (1e1000000 + 1 must not need a megabyte). */
export const MAX_EXACT_DIGITS: i64 = 4096;

/** Digits an exact a + b needs. */
export function decSumDigits(a: u32, b: u32): i64 {
  const ea = <i64>decExp(a);
  const eb = <i64>decExp(b);
  const e = ea < eb ? ea : eb;
  const la = <i64>decCount(a) + ea - e;
  const lb = <i64>decCount(b) + eb - e;
  return (la > lb ? la : lb) + 1;
}

/** |a| + |b| or |a| - |b| (requires |a| >= |b| for subtraction), at exponent min(ea, eb). */
function magAddSub(a: u32, b: u32, subtract: bool, neg: bool): u32 {
  const ea = decExp(a);
  const eb = decExp(b);
  const e = ea < eb ? ea : eb;
  const len = decSumDigits(a, b);
  const out = malloc(<u32>len);
  let carry: i32 = 0;
  for (let k: i64 = 0; k < len; k++) {
    let s: i32 = <i32>digitAt(a, e, k) + (subtract ? -(<i32>digitAt(b, e, k)) : <i32>digitAt(b, e, k)) + carry;
    if (s < 0) {
      s += 10;
      carry = -1;
    } else if (s >= 10) {
      s -= 10;
      carry = 1;
    } else carry = 0;
    store<u8>(out + <u32>(len - 1 - k), <u8>s);
  }
  return decMake(neg, out, <u32>len, e);
}

export function decAdd(a: u32, b: u32, negateB: bool): u32 {
  const na = decNeg(a);
  const nb = decNeg(b) != negateB && decCount(b) > 0;
  if (decCount(b) == 0) return a;
  if (decCount(a) == 0) return decMake(nb, decDigits(b), decCount(b), decExp(b));
  if (na == nb) return magAddSub(a, b, false, na);
  const m = magCompare(a, b);
  if (m == 0) return decMake(false, 0, 0, 0);
  return m > 0 ? magAddSub(a, b, true, na) : magAddSub(b, a, true, nb);
}

export function decMul(a: u32, b: u32): u32 {
  const na = decCount(a);
  const nb = decCount(b);
  if (na == 0 || nb == 0) return decMake(false, 0, 0, 0);
  const len = na + nb;
  const acc = malloc(len << 2);
  memory.fill(acc, 0, len << 2);
  const pa = decDigits(a);
  const pb = decDigits(b);
  for (let i: u32 = 0; i < na; i++) {
    const da = <u32>load<u8>(pa + na - 1 - i);
    if (da == 0) continue;
    for (let j: u32 = 0; j < nb; j++) {
      const slot = acc + ((i + j) << 2);
      store<u32>(slot, load<u32>(slot) + da * <u32>load<u8>(pb + nb - 1 - j));
    }
    // keep the accumulators small
    if ((i & 7) == 7) {
      let c: u32 = 0;
      for (let k: u32 = 0; k < len; k++) {
        const s = load<u32>(acc + (k << 2)) + c;
        store<u32>(acc + (k << 2), s % 10);
        c = s / 10;
      }
    }
  }
  const out = malloc(len);
  let carry: u32 = 0;
  for (let k: u32 = 0; k < len; k++) {
    const s = load<u32>(acc + (k << 2)) + carry;
    store<u8>(out + len - 1 - k, <u8>(s % 10));
    carry = s / 10;
  }
  return decMake(decNeg(a) != decNeg(b), out, len, decExp(a) + decExp(b));
}

/** r >= b (digit arrays of equal length m, most significant first)? */
function geq(r: u32, b: u32, m: u32): bool {
  return memory.compare(r, b, m) >= 0;
}

/**
 * a / b exactly, if the quotient has at most maxDigits significant digits;
 * else 0. b must not be zero.
 */
export function decDivExact(a: u32, b: u32, maxDigits: u32): u32 {
  const na = decCount(a);
  const nb = decCount(b);
  if (na == 0) return decMake(false, 0, 0, 0);
  // Long division of the digit strings A / B; the remainder window r has nb+1 digits.
  const m = nb + 1;
  const r = malloc(m);
  memory.fill(r, 0, m);
  const bb = malloc(m);
  store<u8>(bb, 0);
  memory.copy(bb + 1, decDigits(b), nb);
  const q = malloc(na + maxDigits + 1);
  let nq: u32 = 0;
  let significant: u32 = 0;
  let consumed: u32 = 0;
  let extra: i32 = 0;
  const pa = decDigits(a);
  while (true) {
    // shift the next digit of A (or a zero) into r
    memory.copy(r, r + 1, m - 1);
    if (consumed < na) {
      store<u8>(r + m - 1, load<u8>(pa + consumed));
      consumed++;
    } else {
      store<u8>(r + m - 1, 0);
      extra++;
    }
    let digit: u8 = 0;
    while (geq(r, bb, m)) {
      let borrow: i32 = 0;
      for (let k: i32 = <i32>m - 1; k >= 0; k--) {
        let s = <i32>load<u8>(r + k) - <i32>load<u8>(bb + k) - borrow;
        if (s < 0) {
          s += 10;
          borrow = 1;
        } else borrow = 0;
        store<u8>(r + k, <u8>s);
      }
      digit++;
    }
    store<u8>(q + nq++, digit);
    if (digit != 0 || significant > 0) significant++;
    let zero = true;
    for (let k: u32 = 0; k < m; k++) {
      if (load<u8>(r + k) != 0) {
        zero = false;
        break;
      }
    }
    if (consumed >= na && zero) break;
    if (consumed >= na && significant > maxDigits) return 0;
  }
  return decMake(decNeg(a) != decNeg(b), q, nq, decExp(a) - decExp(b) - extra);
}

const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

export function decToF64(d: u32): f64 {
  const n = decCount(d);
  if (n == 0) return 0;
  const take = n < 19 ? n : 19;
  let m: u64 = 0;
  const p = decDigits(d);
  for (let i: u32 = 0; i < take; i++) m = m * 10 + <u64>load<u8>(p + i);
  let e: i32 = decExp(d) + <i32>(n - take);
  let f: f64;
  if (m < (<u64>1 << 53) && e >= -22 && e <= 22) {
    f = e >= 0 ? <f64>m * unchecked(POW10[e]) : <f64>m / unchecked(POW10[-e]);
  } else if (e > 308) {
    f = Infinity;
  } else if (e < -340) {
    f = 0;
  } else if (e < -300) {
    f = (<f64>m * Math.pow(10, <f64>(e + 300))) / 1e300;
  } else {
    f = e >= 0 ? <f64>m * Math.pow(10, <f64>e) : <f64>m / Math.pow(10, <f64>-e);
  }
  return decNeg(d) ? -f : f;
}

/** Writes the decimal as number text: plain notation for moderate exponents, else scientific. */
export function decTextLength(d: u32): u32 {
  return decWriteText(d, 0);
}

/** Writes the text at out (when out != 0); returns its length. */
export function decWriteText(d: u32, out: u32): u32 {
  const n = decCount(d);
  if (n == 0) {
    if (out) store<u8>(out, 48);
    return 1;
  }
  const p = decDigits(d);
  const e = decExp(d);
  let w: u32 = 0;
  if (decNeg(d)) {
    if (out) store<u8>(out, 45);
    w++;
  }
  const point = <i64>n + <i64>e; // digits before the decimal point
  if (e >= 0 && point <= 40) {
    for (let i: u32 = 0; i < n; i++) {
      if (out) store<u8>(out + w, 48 + load<u8>(p + i));
      w++;
    }
    for (let i: i32 = 0; i < e; i++) {
      if (out) store<u8>(out + w, 48);
      w++;
    }
    return w;
  }
  if (e < 0 && point > -20) {
    if (point <= 0) {
      if (out) {
        store<u8>(out + w, 48);
        store<u8>(out + w + 1, 46);
      }
      w += 2;
      for (let i: i64 = 0; i < -point; i++) {
        if (out) store<u8>(out + w, 48);
        w++;
      }
      for (let i: u32 = 0; i < n; i++) {
        if (out) store<u8>(out + w, 48 + load<u8>(p + i));
        w++;
      }
      return w;
    }
    for (let i: u32 = 0; i < n; i++) {
      if (<i64>i == point) {
        if (out) store<u8>(out + w, 46);
        w++;
      }
      if (out) store<u8>(out + w, 48 + load<u8>(p + i));
      w++;
    }
    return w;
  }
  // d.ddde±x
  if (out) store<u8>(out + w, 48 + load<u8>(p));
  w++;
  if (n > 1) {
    if (out) store<u8>(out + w, 46);
    w++;
    for (let i: u32 = 1; i < n; i++) {
      if (out) store<u8>(out + w, 48 + load<u8>(p + i));
      w++;
    }
  }
  let x: i64 = point - 1;
  if (out) {
    store<u8>(out + w, 101);
    store<u8>(out + w + 1, x < 0 ? 45 : 43);
  }
  w += 2;
  if (x < 0) x = -x;
  let digitsOfX: u32 = 1;
  for (let t = x; t >= 10; t /= 10) digitsOfX++;
  for (let i: u32 = 0; i < digitsOfX; i++) {
    if (out) store<u8>(out + w + digitsOfX - 1 - i, <u8>(48 + <i32>(x % 10)));
    x /= 10;
  }
  return w + digitsOfX;
}
