// Kernels of look-alike folding (simple-fold.ts): scan loops over a text's
// UTF-16 code units in linear memory (kernel-memory.ts), which the same loops
// in JavaScript run at about half the speed. Callers pass addresses; nothing
// here allocates.

/** Where `foldByTables` stopped writing. */
let written: i32 = 0;

export function foldWritten(): i32 {
  return written;
}

/**
 * Writes the fold of each unit of `units[from, end)` to `out` from `at` on:
 * `singles[unit]` when it is not 0, else the two units packed in
 * `doubles[unit]` when that is not 0; stops at the first unit with neither
 * (NUL, a unit whose table block is not filled, a fold of another length or
 * a unit folded by the Unicode algorithms) and returns its position, the
 * output length left in `foldWritten()`. The units are read eight at a time:
 * eight ASCII units fold to themselves and are copied at once, any other
 * eight one by one. The caller makes sure `out` holds two units for each unit
 * read.
 */
export function foldByTables(singles: usize, doubles: usize, units: usize, from: i32, end: i32, out: usize, at: i32): i32 {
  let i = from;
  let o = at;
  const nonAscii = i16x8.splat(<i16>0xff80);
  while (i < end) {
    const stop = min(end, i + 8);
    if (stop - i === 8) {
      const eight = v128.load(units + (<usize>i << 1));
      if (!v128.any_true(v128.and(eight, nonAscii))) {
        v128.store(out + (<usize>o << 1), eight);
        i += 8;
        o += 8;
        continue;
      }
    }
    for (; i < stop; i++) {
      const unit = <usize>load<u16>(units + (<usize>i << 1));
      const fold = load<u16>(singles + (unit << 1));
      if (fold != 0) {
        store<u16>(out + (<usize>o << 1), fold);
        o++;
        continue;
      }
      const pair = load<u32>(doubles + (unit << 2));
      if (pair == 0) {
        written = o;
        return i;
      }
      store<u32>(out + (<usize>o << 1), pair);
      o += 2;
    }
  }
  written = o;
  return i;
}

/**
 * The first position from `from` on (before `end`) whose unit `table` (a
 * byte per code unit) does not list (0), or `end`; the table lists every
 * ASCII unit. Eight ASCII units are skipped at once; any other eight are
 * looked up one by one without a branch on the unit, which would be
 * mispredicted in text mixing ASCII and other scripts.
 */
export function nextUnlisted(table: usize, units: usize, from: i32, end: i32): i32 {
  let at = units + (<usize>from << 1);
  const stop = units + (<usize>end << 1);
  const nonAscii = i16x8.splat(<i16>0xff80);
  while (at + 16 <= stop) {
    if (v128.any_true(v128.and(v128.load(at), nonAscii))) {
      for (let k: usize = 0; k < 16; k += 2) if (load<u8>(table + <usize>load<u16>(at + k)) == 0) return <i32>((at + k - units) >> 1);
    }
    at += 16;
  }
  for (; at < stop; at += 2) if (load<u8>(table + <usize>load<u16>(at)) == 0) return <i32>((at - units) >> 1);
  return end;
}
