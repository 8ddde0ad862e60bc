// Objects and sets: one hash table layout. A set stores each element as the
// key (and as the value, so scans see (element, element)).
//
//   [type][u8 sorted][_2][u32 count][u32 cap][u32 entriesPtr][u32 bucketsPtr][u32 mask]
//   entry: [u32 key][u32 value][u32 hash][u32 next]   (next: entry index + 1, 0 = end)
//
// Small tables (up to SMALL entries) have no buckets and are searched linearly by
// hash. Entries keep insertion order until a scan, dump or comparison needs the
// keys in Rego order; the table is then sorted in place once (`sorted` flag).
import { malloc } from "./heap.as";
import { T_OBJECT, T_SET } from "./values.as";
import { valueCompare, valueEqual, valueHash } from "./compare.as";

export const TABLE_SIZE: u32 = 24;
export const ENTRY_SIZE: u32 = 16;
const SMALL: u32 = 8;

// @ts-ignore: decorator
@inline export function tableCount(t: u32): u32 {
  return load<u32>(t, 4);
}

// @ts-ignore: decorator
@inline export function entryAt(t: u32, i: u32): u32 {
  return load<u32>(t, 12) + i * ENTRY_SIZE;
}

// @ts-ignore: decorator
@inline export function entryKey(e: u32): u32 {
  return load<u32>(e);
}

// @ts-ignore: decorator
@inline export function entryValue(e: u32): u32 {
  return load<u32>(e, 4);
}

export function tableNew(type: u32, cap: u32): u32 {
  if (cap < 4) cap = 4;
  const t = malloc(TABLE_SIZE + cap * ENTRY_SIZE);
  store<u32>(t, type | (1 << 8));
  store<u32>(t, 0, 4);
  store<u32>(t, cap, 8);
  store<u32>(t, t + TABLE_SIZE, 12);
  store<u32>(t, 0, 16);
  store<u32>(t, 0, 20);
  return t;
}

export function objectNew(): u32 {
  return tableNew(T_OBJECT, 4);
}

export function setNew(): u32 {
  return tableNew(T_SET, 4);
}

function rebuildBuckets(t: u32, nbuckets: u32): void {
  const buckets = malloc(nbuckets << 2);
  memory.fill(buckets, 0, nbuckets << 2);
  const mask = nbuckets - 1;
  const n = tableCount(t);
  for (let i: u32 = 0; i < n; i++) {
    const e = entryAt(t, i);
    const slot = buckets + ((load<u32>(e, 8) & mask) << 2);
    store<u32>(e, load<u32>(slot), 12);
    store<u32>(slot, i + 1);
  }
  store<u32>(t, buckets, 16);
  store<u32>(t, mask, 20);
}

/** Entries walked by the last tableFindHashed on a bucketed table (how long the key's chain is). */
let chainWalked: u32 = 0;
const LONG_CHAIN: u32 = 8;

/** The entry holding key (hash precomputed), or 0. */
export function tableFindHashed(t: u32, key: u32, hash: u32): u32 {
  const buckets = load<u32>(t, 16);
  if (buckets == 0) {
    const n = tableCount(t);
    let e = load<u32>(t, 12);
    for (let i: u32 = 0; i < n; i++) {
      if (load<u32>(e, 8) == hash && valueEqual(load<u32>(e), key)) return e;
      e += ENTRY_SIZE;
    }
    return 0;
  }
  let idx = load<u32>(buckets + ((hash & load<u32>(t, 20)) << 2));
  chainWalked = 0;
  while (idx != 0) {
    const e = entryAt(t, idx - 1);
    if (load<u32>(e, 8) == hash && valueEqual(load<u32>(e), key)) return e;
    idx = load<u32>(e, 12);
    chainWalked++;
  }
  return 0;
}

export function tableFind(t: u32, key: u32): u32 {
  return tableFindHashed(t, key, valueHash(key));
}

/**
 * Appends a key known to be absent (just looked up with tableFindHashed). A
 * long chain (keys crafted to collide in the low bits of their hashes) widens
 * the table, so that an attack needs full 32-bit collisions.
 */
export function tableAppend(t: u32, key: u32, value: u32, hash: u32): void {
  const n = tableCount(t);
  let cap = load<u32>(t, 8);
  if (n == cap) {
    cap *= 2;
    const entries = malloc(cap * ENTRY_SIZE);
    memory.copy(entries, load<u32>(t, 12), n * ENTRY_SIZE);
    store<u32>(t, entries, 12);
    store<u32>(t, cap, 8);
  }
  const e = load<u32>(t, 12) + n * ENTRY_SIZE;
  store<u32>(e, key);
  store<u32>(e, value, 4);
  store<u32>(e, hash, 8);
  store<u32>(e, 0, 12);
  store<u32>(t, n + 1, 4);
  if (n > 0) store<u8>(t, 0, 1);
  const buckets = load<u32>(t, 16);
  if (buckets == 0) {
    if (n + 1 > SMALL) rebuildBuckets(t, 32);
  } else {
    const mask = load<u32>(t, 20);
    if ((n + 1) * 4 > (mask + 1) * 3 || (chainWalked > LONG_CHAIN && mask + 1 < (n + 1) * 16)) {
      rebuildBuckets(t, (mask + 1) * 2);
    } else {
      const slot = buckets + ((hash & mask) << 2);
      store<u32>(e, load<u32>(slot), 12);
      store<u32>(slot, n + 1);
    }
  }
}

/** Inserts or replaces; returns the previous value (0 if the key was new). */
export function tableInsert(t: u32, key: u32, value: u32): u32 {
  const h = valueHash(key);
  const e = tableFindHashed(t, key, h);
  if (e != 0) {
    const old = load<u32>(e, 4);
    store<u32>(e, value, 4);
    return old;
  }
  tableAppend(t, key, value, h);
  return 0;
}

export function objectGet(t: u32, key: u32): u32 {
  const e = tableFind(t, key);
  return e == 0 ? 0 : load<u32>(e, 4);
}

export function setHas(t: u32, key: u32): bool {
  return tableFind(t, key) != 0;
}

export function setAdd(t: u32, v: u32): void {
  const h = valueHash(v);
  if (tableFindHashed(t, v, h) == 0) tableAppend(t, v, v, h);
}

/** A shallow copy (entries copied, keys and values shared). */
export function tableCopy(t: u32): u32 {
  const n = tableCount(t);
  const c = tableNew(<u32>load<u8>(t), n + 1);
  memory.copy(load<u32>(c, 12), load<u32>(t, 12), n * ENTRY_SIZE);
  store<u32>(c, n, 4);
  store<u8>(c, load<u8>(t, 1), 1);
  if (load<u32>(t, 16) != 0) rebuildBuckets(c, load<u32>(t, 20) + 1);
  return c;
}

function swapEntries(a: u32, b: u32): void {
  const k = load<u64>(a);
  const v = load<u64>(a, 8);
  store<u64>(a, load<u64>(b));
  store<u64>(a, load<u64>(b, 8), 8);
  store<u64>(b, k);
  store<u64>(b, v, 8);
}

/** Sorts the entries by key (Rego order), once. */
export function tableSort(t: u32): void {
  if (load<u8>(t, 1) != 0) return;
  const n = tableCount(t);
  const base = load<u32>(t, 12);
  let sorted = true;
  for (let i: u32 = 1; i < n; i++) {
    if (valueCompare(load<u32>(base + (i - 1) * ENTRY_SIZE), load<u32>(base + i * ENTRY_SIZE)) > 0) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    if (n <= 12) {
      for (let i: u32 = 1; i < n; i++) {
        for (let j = i; j > 0; j--) {
          const a = base + (j - 1) * ENTRY_SIZE;
          const b = base + j * ENTRY_SIZE;
          if (valueCompare(load<u32>(a), load<u32>(b)) <= 0) break;
          swapEntries(a, b);
        }
      }
    } else {
      mergeSort(base, n);
    }
    if (load<u32>(t, 16) != 0) rebuildBuckets(t, load<u32>(t, 20) + 1);
  }
  store<u8>(t, 1, 1);
}

/** Bottom-up merge sort of n 16-byte entries by key. */
function mergeSort(base: u32, n: u32): void {
  let src = base;
  let dst = malloc(n * ENTRY_SIZE);
  const tmp = dst;
  for (let width: u32 = 1; width < n; width *= 2) {
    for (let lo: u32 = 0; lo < n; lo += 2 * width) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + 2 * width < n ? lo + 2 * width : n;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = src + i * ENTRY_SIZE;
        const b = src + j * ENTRY_SIZE;
        if (valueCompare(load<u32>(a), load<u32>(b)) <= 0) {
          memory.copy(dst + k * ENTRY_SIZE, a, ENTRY_SIZE);
          i++;
        } else {
          memory.copy(dst + k * ENTRY_SIZE, b, ENTRY_SIZE);
          j++;
        }
        k++;
      }
      if (i < mid) memory.copy(dst + k * ENTRY_SIZE, src + i * ENTRY_SIZE, (mid - i) * ENTRY_SIZE);
      else if (j < hi) memory.copy(dst + k * ENTRY_SIZE, src + j * ENTRY_SIZE, (hi - j) * ENTRY_SIZE);
    }
    const s = src;
    src = dst;
    dst = s;
  }
  if (src != base) memory.copy(base, tmp, n * ENTRY_SIZE);
}
