// Kernels finding runs of characters of an ASCII set (char-runs.ts) over a
// text's code units in linear memory (kernel-memory.ts), eight units at a
// time. The set is given as two 16-byte tables at `table`: a unit is in it
// when `low[unit & 15] & high[unit >> 4]` is not 0 (the high table has a bit
// for each of the eight ASCII rows, 0 past them). Units are narrowed to bytes
// first: past 0x7fff they read as 0 and from 0x100 as 0xff, so the set must
// not hold NUL; 0xff is past ASCII.

/** A bit for each of the eight units from `i` on that is in the set, the first lowest. */
// @ts-ignore: decorator
@inline
function members(table: usize, units: usize, i: i32): i32 {
  const eight = v128.load(units + (<usize>i << 1));
  const bytes = i8x16.narrow_i16x8_u(eight, eight);
  const low = i8x16.swizzle(v128.load(table), v128.and(bytes, i8x16.splat(0x0f)));
  const high = i8x16.swizzle(v128.load(table + 16), i8x16.shr_u(bytes, 4));
  return i8x16.bitmask(i8x16.ne(v128.and(low, high), i8x16.splat(0))) & 0xff;
}

// @ts-ignore: decorator
@inline
function isMember(table: usize, units: usize, i: i32): bool {
  const unit = <u32>load<u16>(units + (<usize>i << 1));
  if (unit == 0 || unit >= 128) return false;
  return (load<u8>(table + (unit & 15)) & load<u8>(table + 16 + (unit >> 4))) != 0;
}

/**
 * The start of the first run of `minLength` (8 or more) units of the set that
 * lies in [from, end) and starts at `from` or after a unit outside the set
 * (`from` is 0 or follows one), or `end`. A run inside eight units is at most
 * six long: only runs crossing from one eight to the next are counted.
 */
function nextClassRun(table: usize, units: usize, from: i32, end: i32, minLength: i32): i32 {
  let i = from;
  // Units of the set right before `i`, back to the last unit outside it (or `from`).
  let count = 0;
  while (i + 8 <= end) {
    const m = members(table, units, i);
    if (m == 0xff) {
      count += 8;
    } else {
      if (count + <i32>ctz(~m) >= minLength) return i - count;
      count = <i32>clz(~m & 0xff) - 24;
    }
    i += 8;
    if (count >= minLength) {
      // The run reaches `minLength` within these eight: it started `count` units back.
      return i - count;
    }
  }
  for (; i < end; i++) {
    if (isMember(table, units, i)) {
      count++;
      if (count >= minLength) return i + 1 - count;
    } else {
      count = 0;
    }
  }
  return end;
}

/** The end of the run of units of the set going on at `from` (before `end`). */
function classRunEnd(table: usize, units: usize, from: i32, end: i32): i32 {
  let i = from;
  while (i + 8 <= end) {
    const m = members(table, units, i);
    if (m != 0xff) return i + <i32>ctz(~m);
    i += 8;
  }
  while (i < end && isMember(table, units, i)) i++;
  return i;
}

/**
 * The first position p in [from, end - 1) where the units at p and p + 1
 * are ASCII and `pairs[first << 7 | second]` is not 0, or `end`. Eight units
 * none of which is in the set at `table` (every pair's first character) are
 * passed over at once.
 */
export function nextPairStart(pairs: usize, table: usize, units: usize, from: i32, end: i32): i32 {
  let i = from;
  while (i + 8 <= end) {
    let m = members(table, units, i);
    while (m != 0) {
      const p = i + <i32>ctz(m);
      if (p + 1 < end && isPairStart(pairs, units, p)) return p;
      m &= m - 1;
    }
    i += 8;
  }
  for (; i + 1 < end; i++) if (isMember(table, units, i) && isPairStart(pairs, units, i)) return i;
  return end;
}

// @ts-ignore: decorator
@inline
function isPairStart(pairs: usize, units: usize, p: i32): bool {
  const first = <u32>load<u16>(units + (<usize>p << 1));
  const second = <u32>load<u16>(units + (<usize>(p + 1) << 1));
  if ((first | second) >= 128) return false;
  return load<u8>(pairs + ((first << 7) | second)) != 0;
}

/**
 * Writes the [start, end) of each maximal run of `minLength` (8 or more)
 * units of the set in `units[0, length)` to `out` as two i32, and returns how
 * many there are: `nextClassRun` and `classRunEnd` in one call, which costs
 * less than a call from JavaScript per run (logs have three a line).
 */
export function classRuns(table: usize, units: usize, length: i32, minLength: i32, out: usize): i32 {
  let count = 0;
  let start = nextClassRun(table, units, 0, length, minLength);
  while (start < length) {
    const end = classRunEnd(table, units, start + minLength, length);
    store<i32>(out + (<usize>count << 3), start);
    store<i32>(out + (<usize>count << 3) + 4, end);
    count++;
    start = end < length ? nextClassRun(table, units, end + 1, length, minLength) : length;
  }
  return count;
}

/**
 * Writes the position of every unit of `units[0, length)` equal to `a` or
 * `b` to `out` as an i32, in text order, and returns how many there are;
 * eight units compared at once.
 */
export function unitsEqualTo(units: usize, length: i32, a: i32, b: i32, out: usize): i32 {
  const first = i16x8.splat(<i16>a);
  const second = i16x8.splat(<i16>b);
  let count = 0;
  let i = 0;
  for (; i + 8 <= length; i += 8) {
    const eight = v128.load(units + (<usize>i << 1));
    let m = i16x8.bitmask(v128.or(i16x8.eq(eight, first), i16x8.eq(eight, second)));
    while (m != 0) {
      store<i32>(out + (<usize>count << 2), i + <i32>ctz(m));
      count++;
      m &= m - 1;
    }
  }
  for (; i < length; i++) {
    const unit = <i32>load<u16>(units + (<usize>i << 1));
    if (unit == a || unit == b) {
      store<i32>(out + (<usize>count << 2), i);
      count++;
    }
  }
  return count;
}
