// Kernels of the shell path words (src/guard/paths/flag-triggers.ts), over a text's units in linear memory (kernel-memory.ts).

/**
 * Writes to `out` (as i32, in order, at most `limit`) the positions in
 * `units[from, end)` of the units that may make their shell word flaggable,
 * and returns how many it wrote: a unit is one when `triggers` (a byte at
 * `(before << 10) | (code << 5) | after`, right after `codes`) is set for
 * the codes (`codes`: a byte per code unit) of the unit before it, of it and
 * of the unit after it. `neighbours` holds the code the unit at `from`
 * starts after (low byte) and the code of what follows `end` (next byte).
 * Each unit is looked up once, without a branch on it.
 */
export function flagTriggers(codes: usize, units: usize, from: i32, end: i32, neighbours: u32, out: usize, limit: i32): i32 {
  const triggers = codes + 65536;
  let count = 0;
  if (from >= end) return 0;
  let previous = neighbours & 0xff;
  let current = <u32>load<u8>(codes + <usize>load<u16>(units + (<usize>from << 1)));
  let at = units + (<usize>from << 1);
  const last = units + (<usize>(end - 1) << 1);
  for (; at < last; at += 2) {
    const next = <u32>load<u8>(codes + <usize>load<u16>(at, 2));
    if (load<u8>(triggers + ((previous << 10) | (current << 5) | next)) != 0) {
      store<i32>(out + (<usize>count << 2), <i32>((at - units) >> 1));
      count++;
      if (count == limit) return count;
    }
    previous = current;
    current = next;
  }
  if (load<u8>(triggers + ((previous << 10) | (current << 5) | (neighbours >> 8))) != 0) {
    store<i32>(out + (<usize>count << 2), end - 1);
    count++;
  }
  return count;
}
