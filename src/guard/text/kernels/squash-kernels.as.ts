// The squash of a text's letters for prompt injection (squashed-letters.ts)
// over its UTF-16 code units in linear memory (kernel-memory.ts), about
// twice as fast as the same loop in JavaScript. Nothing here allocates.

/**
 * Writes to `out` (a byte each) the ASCII letters of `units[from, end)` in
 * lower case, everything else dropped, and returns how many: what
 * `squashedUnits` gives. Besides the ASCII letters only U+0130 ("i") and
 * U+212A ("k") lower-case to one. Each letter is written at every step and
 * kept only when it is one: no branch on the unit.
 */
export function squashLetters(units: usize, from: i32, end: i32, out: usize): i32 {
  let at = out;
  const stop = units + (<usize>end << 1);
  for (let p = units + (<usize>from << 1); p < stop; p += 2) {
    const unit = <u32>load<u16>(p);
    const lower = unit | 32;
    let letter: u32 = lower - 97 < 26 ? lower : 0;
    letter = unit == 0x130 ? 105 : letter;
    letter = unit == 0x212a ? 107 : letter;
    store<u8>(at, <u8>letter);
    at += <usize>(letter != 0);
  }
  return <i32>(at - out);
}
