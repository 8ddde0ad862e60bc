// Kernels finding the runs of non-ASCII code units (fold.ts), over a text's
// units in linear memory (kernel-memory.ts): eight units at a time where all
// eight are ASCII, or none is.

const asciiBits = i16x8.splat(<i16>0xff80);

function allAscii(units: usize, i: i32): bool {
  return !v128.any_true(v128.and(v128.load(units + (<usize>i << 1)), asciiBits));
}

/** Whether none of the eight units from `i` on is ASCII. */
function noneAscii(units: usize, i: i32): bool {
  return i16x8.all_true(v128.and(v128.load(units + (<usize>i << 1)), asciiBits));
}

function isAsciiAt(units: usize, i: i32): bool {
  return load<u16>(units + (<usize>i << 1)) < 128;
}

/** The first position from `from` on (before `end`) of a non-ASCII unit, or `end`. */
function nextNonAscii(units: usize, from: i32, end: i32): i32 {
  let i = from;
  while (i + 8 <= end && allAscii(units, i)) i += 8;
  while (i < end && isAsciiAt(units, i)) i++;
  return i;
}

/** The end of the run of non-ASCII units holding position `i` (before `end`). */
export function nonAsciiRunEnd(units: usize, i: i32, end: i32): i32 {
  let k = i;
  while (k + 8 <= end && noneAscii(units, k)) k += 8;
  while (k < end && !isAsciiAt(units, k)) k++;
  return k;
}

/** The start of the run of non-ASCII units holding position `i`. */
export function nonAsciiRunStart(units: usize, i: i32): i32 {
  let k = i;
  while (k >= 8 && noneAscii(units, k - 8)) k -= 8;
  while (k > 0 && !isAsciiAt(units, k - 1)) k--;
  return k;
}

/**
 * Writes the [start, end) of each maximal run of non-ASCII units in
 * `units[0, length)` to `out` as two i32, and returns how many there are, or
 * -1 as soon as there are more than `limit`.
 */
export function nonAsciiRuns(units: usize, length: i32, out: usize, limit: i32): i32 {
  let count = 0;
  for (let start = nextNonAscii(units, 0, length); start < length; start = nextNonAscii(units, start, length)) {
    if (count === limit) return -1;
    const end = nonAsciiRunEnd(units, start, length);
    store<i32>(out + (<usize>count << 3), start);
    store<i32>(out + (<usize>count << 3) + 4, end);
    count++;
    start = end;
  }
  return count;
}
