// The spaced-letter scan of prompt injection (spaced-letters.ts) over a
// text's UTF-16 code units in linear memory (kernel-memory.ts): the same
// probes and chain walks as `spacedLetterMatches` in JavaScript, written out
// one for one, except that a probe tests its six units with one SIMD
// comparison (0.3-0.8 times the time of six loads and tests). Nothing here
// allocates.

const stride = 8;
const maxGap = 3;

/** Whether the unit at `i` (inside the text) is an ASCII letter. */
// @ts-ignore: decorator
@inline
function isLetter(units: usize, i: i32): bool {
  return ((<u32>load<u16>(units + (<usize>i << 1)) | 32) - 97) < 26;
}

/** Whether the unit at `i` is an ASCII letter (false outside the text). */
// @ts-ignore: decorator
@inline
function letterAt(units: usize, n: i32, i: i32): bool {
  return i >= 0 && i < n && isLetter(units, i);
}

/** Which of x - 2 ... x + 3 are letters, as bits. */
function shapeAt(units: usize, n: i32, x: i32): u32 {
  let shape: u32 = 0;
  for (let k = 0; k < 6; k++) if (letterAt(units, n, x - 2 + k)) shape |= 1 << k;
  return shape;
}

/** The single letter before the one at `i` in its chain, or -1 (`previousInChain`). */
function previousInChain(units: usize, i: i32): i32 {
  const start = max(0, i - 1 - maxGap);
  for (let j = i - 2; j >= start; j--) {
    if (isLetter(units, j)) return j > 0 && isLetter(units, j - 1) ? -1 : j;
  }
  return -1;
}

/** The single letter after the one at `i` in its chain, or -1 (`nextInChain`). */
function nextInChain(units: usize, n: i32, i: i32): i32 {
  const end = min(n, i + 2 + maxGap);
  for (let j = i + 2; j < end; j++) {
    if (isLetter(units, j)) return j + 1 < n && isLetter(units, j + 1) ? -1 : j;
  }
  return -1;
}

/**
 * Writes to `out` the [start, end) of every match of `spacedLetterMatches`
 * in `units[0, n)`, two i32 each, in order, and returns how many; `low` and
 * `high` are the halves of `mayBeInChain` as a 64-bit set of shapes. A match
 * spans nine units or more: `out` must hold n / 9 + 1 of them.
 */
export function spacedMatches(units: usize, n: i32, out: usize, low: u32, high: u32): i32 {
  const shapes = (<u64>high << 32) | <u64>low;
  let at = out;
  let doneUntil = 0;
  for (let x = 0; x < n; x += stride) {
    // Inside the text, the eight units from x - 2 on tested as letters at once: the low six bits are the shape.
    let shape: u32;
    if (x < 2 || x + 6 > n) shape = shapeAt(units, n, x);
    else {
      const eight = v128.load(units + (<usize>(x - 2) << 1));
      const letters = i16x8.lt_u(i16x8.sub(v128.or(eight, i16x8.splat(32)), i16x8.splat(97)), i16x8.splat(26));
      shape = <u32>i16x8.bitmask(letters) & 63;
    }
    if (((shapes >> <u64>shape) & 1) == 0 || x < doneUntil) continue;
    // `followChain`: the chain letter at or before x, not of a chain already followed.
    const lowest = max(doneUntil, x - maxGap);
    let letter = x;
    while (letter >= lowest && !letterAt(units, n, letter)) letter--;
    if (letter < lowest || letterAt(units, n, letter - 1) || letterAt(units, n, letter + 1)) continue;
    let first = letter;
    for (let previous = previousInChain(units, first); previous >= 0; previous = previousInChain(units, first)) first = previous;
    let count = 0;
    let groupStart = first;
    let last = first;
    for (let member = first; member >= 0; member = nextInChain(units, n, member)) {
      if (count % 5 == 0) groupStart = member;
      count++;
      last = member;
      if (count % 5 == 0) {
        store<i32>(at, groupStart == 0 ? 0 : groupStart - 1);
        store<i32>(at + 4, member + 1);
        at += 8;
      }
    }
    doneUntil = last + 1;
  }
  return <i32>((at - out) >> 3);
}
