// Code point range lists [lo, hi] (inclusive) for character classes, built on
// the transient heap: a growable list [u32 count][u32 cap][u32 pairsPtr].
import { malloc } from "../heap.as";
import { casemap } from "util/casemap";

export const MAX_RUNE: u32 = 0x10ffff;

export function rangesNew(): u32 {
  const r = malloc(12);
  store<u32>(r, 0);
  store<u32>(r, 8, 4);
  store<u32>(r, malloc(64), 8);
  return r;
}

// @ts-ignore: decorator
@inline export function rangesCount(r: u32): u32 {
  return load<u32>(r);
}

// @ts-ignore: decorator
@inline export function rangesPairs(r: u32): u32 {
  return load<u32>(r, 8);
}

export function rangesAdd(r: u32, lo: u32, hi: u32): void {
  const n = load<u32>(r);
  let cap = load<u32>(r, 4);
  if (n == cap) {
    cap *= 2;
    const pairs = malloc(cap << 3);
    memory.copy(pairs, load<u32>(r, 8), n << 3);
    store<u32>(r, pairs, 8);
    store<u32>(r, cap, 4);
  }
  const p = load<u32>(r, 8) + (n << 3);
  store<u32>(p, lo);
  store<u32>(p, hi, 4);
  store<u32>(r, n + 1);
}

/** Sorts by lower bound and merges overlapping or adjacent ranges. */
export function rangesNormalize(r: u32): void {
  const n = load<u32>(r);
  const p = load<u32>(r, 8);
  for (let i: u32 = 1; i < n; i++) {
    const lo = load<u32>(p + (i << 3));
    const hi = load<u32>(p + (i << 3), 4);
    let j = i;
    while (j > 0 && load<u32>(p + ((j - 1) << 3)) > lo) {
      store<u64>(p + (j << 3), load<u64>(p + ((j - 1) << 3)));
      j--;
    }
    store<u32>(p + (j << 3), lo);
    store<u32>(p + (j << 3), hi, 4);
  }
  let out: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const lo = load<u32>(p + (i << 3));
    const hi = load<u32>(p + (i << 3), 4);
    if (out > 0 && lo <= load<u32>(p + ((out - 1) << 3), 4) + 1) {
      if (hi > load<u32>(p + ((out - 1) << 3), 4)) store<u32>(p + ((out - 1) << 3), hi, 4);
    } else {
      store<u32>(p + (out << 3), lo);
      store<u32>(p + (out << 3), hi, 4);
      out++;
    }
  }
  store<u32>(r, out);
}

/** A new list: the complement of a normalized list over [0, MAX_RUNE]. */
export function rangesNegate(r: u32): u32 {
  const out = rangesNew();
  const n = load<u32>(r);
  const p = load<u32>(r, 8);
  let next: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const lo = load<u32>(p + (i << 3));
    const hi = load<u32>(p + (i << 3), 4);
    if (lo > next) rangesAdd(out, next, lo - 1);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) rangesAdd(out, next, MAX_RUNE);
  return out;
}

/** The other cases of c (simple case mappings), or c itself. */
export function lowerOf(c: u32): u32 {
  if (c < 128) return c - 65 < 26 ? c + 32 : c;
  if (c >= 0x20000) return c;
  return <u32>casemap(c, 0) & 0x1fffff;
}

export function upperOf(c: u32): u32 {
  if (c < 128) return c - 97 < 26 ? c - 32 : c;
  if (c >= 0x20000 || c == 0xdf) return c;
  return <u32>casemap(c, 1) & 0x1fffff;
}

/** Adds the case variants of every code point in the list (large non-ASCII ranges are left as they are). */
export function rangesFold(r: u32): void {
  const n = load<u32>(r);
  for (let i: u32 = 0; i < n; i++) {
    const p = load<u32>(r, 8) + (i << 3);
    const lo = load<u32>(p);
    const hi = load<u32>(p, 4);
    // ASCII letters
    const alo = lo > 65 ? lo : 65;
    const ahi = hi < 90 ? hi : 90;
    if (alo <= ahi) rangesAdd(r, alo + 32, ahi + 32);
    const blo = lo > 97 ? lo : 97;
    const bhi = hi < 122 ? hi : 122;
    if (blo <= bhi) rangesAdd(r, blo - 32, bhi - 32);
    if (hi >= 128 && hi - lo < 2048) {
      for (let c = lo > 128 ? lo : 128; c <= hi; c++) {
        const l = lowerOf(c);
        const u = upperOf(c);
        if (l != c) rangesAdd(r, l, l);
        if (u != c) rangesAdd(r, u, u);
      }
    }
    // the k/s special folds of Unicode (KELVIN SIGN, LONG S)
    if (lo <= 107 && hi >= 107) rangesAdd(r, 0x212a, 0x212a);
    if (lo <= 75 && hi >= 75) rangesAdd(r, 0x212a, 0x212a);
    if (lo <= 115 && hi >= 115) rangesAdd(r, 0x17f, 0x17f);
    if (lo <= 83 && hi >= 83) rangesAdd(r, 0x17f, 0x17f);
  }
  rangesNormalize(r);
}
