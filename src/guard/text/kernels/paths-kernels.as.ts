// Kernels of the shell path words (src/guard/paths/flag-triggers.ts), over a text's units in linear memory (kernel-memory.ts).

/** At a high nibble, the bit it selects in an entry of a class's nibble table; bytes of 128 and more select none. */
const highNibbleBit = i8x16(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);

/** Lanes (0xff) whose byte is in the ASCII class of `table`: the entry at the low nibble has the bit of the high nibble set. */
@inline function inClass(table: v128, low: v128, highBits: v128): v128 {
  return i8x16.ne(v128.and(i8x16.swizzle(table, low), highBits), i8x16.splat(0));
}

/**
 * 1 when the unit at `at`, of code `code`, is a trigger between neighbours
 * of codes `before` and `after`, else 0. A pair of letters that starts a
 * sensitive segment (`thirds` at the pair of codes: the third unit of that
 * start, 0 for any other pair) makes one only with that third unit after it
 * (letters in either case), when it is at hand (`thirdAtHand`).
 */
@inline function triggerBit(triggers: usize, thirds: usize, at: usize, before: u32, code: u32, after: u32, thirdAtHand: bool): i32 {
  const pair = (code << 5) | after;
  const trigger = <i32>load<u8>(triggers + ((before << 10) | pair));
  const third = <u32>load<u8>(thirds + pair);
  if (third == 0 || !thirdAtHand) return trigger;
  const unit = <u32>load<u16>(at, 4);
  return trigger & <i32>((third - 97 < 26 ? unit | 32 : unit) == third);
}

/** The byte of each lane's bit in the 32 bytes of the quiet bitmap of block `block` at `bitmap` (units 0-127, then 128-255), for lanes in that block (else 0). */
@inline function bitmapBytes(blocks: v128, block: u32, index: v128, highIndex: v128, bitmap: usize): v128 {
  const inBlock = i8x16.eq(blocks, i8x16.splat(<i8>block));
  return v128.and(inBlock, v128.or(i8x16.swizzle(v128.load(bitmap), index), i8x16.swizzle(v128.load(bitmap, 16), highIndex)));
}

const bitOfIndex = i8x16(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);

/**
 * Writes to `out` (as i32, in order, at most `limit`) the positions in
 * `units[from, end)` of the units that may make their shell word flaggable,
 * and returns how many it wrote: a unit is one when `triggers` (a byte at
 * `(before << 10) | (code << 5) | after`, right after `codes`) is set for
 * the codes (`codes`: a byte per code unit) of the unit before it, of it and
 * of the unit after it. `neighbours` holds the code the unit at `from`
 * starts after (low byte), the code of what follows `end` (next byte), and
 * (bit 16) whether the first is of the boundary class.
 *
 * Sixteen units at a time, narrowed to bytes (unsigned saturation: units
 * from 256 on become 255 or 0) and sorted by the tables right after
 * `triggers` (16 bytes each: nibble tables of the self, boundary and lone
 * first classes of ASCII units, then the pair bits of the lower-case letters
 * from 0x60 and from 0x70 as first, and the same as second) into
 * candidates: a unit that is a trigger after some unit that is not a
 * boundary (self class, and every non-ASCII unit that is not quiet), or,
 * after a boundary, a lone first or a letter whose pair bits meet those of
 * the unit after it (or that ends the block). Only candidates are looked up
 * (`triggerBit`, with the third units of the letter pairs after the
 * classes: 1024 bytes), so a block of prose without any costs a few vector
 * operations. Whether a non-ASCII unit is quiet (its code is 0: it is never
 * a trigger) is told by the quiet bitmap (after the third units: a bit per
 * unit) for the units of the blocks of 256 of the last three quiet
 * candidates, and by a range of units (two u16 after the bitmap: start and
 * length) all of which are quiet.
 */
export function flagTriggers(codes: usize, units: usize, from: i32, end: i32, neighbours: u32, out: usize, limit: i32): i32 {
  const triggers = codes + 65536;
  const classes = triggers + 32768;
  const thirds = classes + 112;
  const quietBits = thirds + 1024;
  const selfClass = v128.load(classes);
  const boundaryClass = v128.load(classes, 16);
  const loneFirstClass = v128.load(classes, 32);
  const pairFirsts6 = v128.load(classes, 48);
  const pairFirsts7 = v128.load(classes, 64);
  const pairSeconds6 = v128.load(classes, 80);
  const pairSeconds7 = v128.load(classes, 96);
  const rangeStart = i16x8.splat(load<u16>(quietBits + 8192));
  const rangeLength = i16x8.splat(load<u16>(quietBits + 8194));
  const lowNibble = i8x16.splat(0x0f);
  const zero = i8x16.splat(0);
  const first = neighbours & 0xff;
  const last = (neighbours >> 8) & 0xff;
  let afterBoundary = (neighbours >> 16) & 1;
  // The blocks whose bitmaps are at hand, the last one met first.
  let quietBlock: u32 = 0;
  let olderBlock: u32 = 0;
  let oldestBlock: u32 = 0;
  let count = 0;
  let i = from;
  for (; i + 16 <= end; i += 16) {
    const at = units + (<usize>i << 1);
    const firstHalf = v128.load(at);
    const secondHalf = v128.load(at, 16);
    const bytes = i8x16.narrow_i16x8_u(firstHalf, secondHalf);
    const low = v128.and(bytes, lowNibble);
    const highBits = i8x16.swizzle(highNibbleBit, i8x16.shr_u(bytes, 4));
    // Bytes from 128 on, and NUL (units from 0x8000 on narrow to it).
    const nonAsciiLanes = i8x16.bitmask(bytes) | i8x16.bitmask(i8x16.eq(bytes, zero));
    // Units from 0x8000 on narrow to NUL, which is in the self class: non-ASCII units are candidates unless quiet.
    let self = i8x16.bitmask(inClass(selfClass, low, highBits)) & ~nonAsciiLanes;
    if (nonAsciiLanes != 0) {
      // Quiet: in one of the three blocks whose bitmaps are at hand with its bit set, or in the range.
      const lowByte = i16x8.splat(0xff);
      const lows = i8x16.narrow_i16x8_u(v128.and(firstHalf, lowByte), v128.and(secondHalf, lowByte));
      const blocks = i8x16.narrow_i16x8_u(i16x8.shr_u(firstHalf, 8), i16x8.shr_u(secondHalf, 8));
      const index = i8x16.shr_u(lows, 3);
      const highIndex = i8x16.sub(index, i8x16.splat(16));
      const bit = i8x16.swizzle(bitOfIndex, v128.and(lows, i8x16.splat(7)));
      const inRange = i8x16.narrow_i16x8_s(i16x8.lt_u(i16x8.sub(firstHalf, rangeStart), rangeLength), i16x8.lt_u(i16x8.sub(secondHalf, rangeStart), rangeLength));
      const inLast = v128.and(bitmapBytes(blocks, quietBlock, index, highIndex, quietBits + (<usize>quietBlock << 5)), bit);
      let loud = nonAsciiLanes & i8x16.bitmask(i8x16.eq(v128.or(inRange, inLast), zero));
      // Most blocks of a script need the block of bitmap met last only.
      if (loud != 0) {
        const inOlder = bitmapBytes(blocks, olderBlock, index, highIndex, quietBits + (<usize>olderBlock << 5));
        const inOldest = bitmapBytes(blocks, oldestBlock, index, highIndex, quietBits + (<usize>oldestBlock << 5));
        loud &= i8x16.bitmask(i8x16.eq(v128.and(v128.or(inOlder, inOldest), bit), zero));
      }
      self |= loud;
    }
    const boundary = i8x16.bitmask(inClass(boundaryClass, low, highBits));
    const starts = (boundary << 1) | afterBoundary;
    let candidates = self;
    if ((starts & 0xffff) != 0) {
      // Letters in lower case: their pair bits as first and as second, by low nibble (0 for any other unit).
      // Indexes from 0x60 and from 0x70: any other byte is out of both tables, which gives 0.
      const from6 = i8x16.sub(v128.or(bytes, i8x16.splat(0x20)), i8x16.splat(0x60));
      const from7 = i8x16.sub(from6, i8x16.splat(16));
      const pairFirsts = v128.or(i8x16.swizzle(pairFirsts6, from6), i8x16.swizzle(pairFirsts7, from7));
      const pairSeconds = v128.or(i8x16.swizzle(pairSeconds6, from6), i8x16.swizzle(pairSeconds7, from7));
      // The unit after the block's last is not at hand: any may follow it.
      const nextSeconds = i8x16.shuffle(pairSeconds, i8x16.splat(-1), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
      const firsts = i8x16.bitmask(v128.or(inClass(loneFirstClass, low, highBits), i8x16.ne(v128.and(pairFirsts, nextSeconds), zero)));
      candidates |= firsts & starts;
    }
    afterBoundary = boundary >> 15;
    while (candidates != 0) {
      const p = i + <i32>ctz(candidates);
      candidates &= candidates - 1;
      const unit = units + (<usize>p << 1);
      const code = <u32>load<u8>(codes + <usize>load<u16>(unit));
      if (code == 0) {
        // A quiet non-ASCII unit: its block's bitmap serves the next blocks of units.
        const block = <u32>load<u16>(unit) >> 8;
        if (block != quietBlock) {
          oldestBlock = olderBlock;
          olderBlock = quietBlock;
          quietBlock = block;
        }
        continue;
      }
      const before = p == from ? first : <u32>load<u8>(codes + <usize>load<u16>(unit - 2));
      const after = p + 1 == end ? last : <u32>load<u8>(codes + <usize>load<u16>(unit, 2));
      // Written whether a trigger or not (about half of the candidates are), counted only if one: no branch to mispredict.
      store<i32>(out + (<usize>count << 2), p);
      count += triggerBit(triggers, thirds, unit, before, code, after, p + 2 < end);
      if (count == limit) return count;
    }
  }
  for (; i < end; i++) {
    const unit = units + (<usize>i << 1);
    const before = i == from ? first : <u32>load<u8>(codes + <usize>load<u16>(unit - 2));
    const after = i + 1 == end ? last : <u32>load<u8>(codes + <usize>load<u16>(unit, 2));
    store<i32>(out + (<usize>count << 2), i);
    count += triggerBit(triggers, thirds, unit, before, <u32>load<u8>(codes + <usize>load<u16>(unit)), after, i + 2 < end);
    if (count == limit) return count;
  }
  return count;
}

/**
 * The first position in `units[from, end)` whose unit ends shell words (an
 * ASCII unit in the nibble table at `endsWord`, laid out as the classes of
 * `flagTriggers`), or `end`. Sixteen units at a time: a word found from a
 * trigger may be a megabyte of base64.
 */
export function nextWordEnd(endsWord: usize, units: usize, from: i32, end: i32): i32 {
  const table = v128.load(endsWord);
  const lowNibble = i8x16.splat(0x0f);
  const ascii = i16x8.splat(128);
  let i = from;
  for (; i + 16 <= end; i += 16) {
    const at = units + (<usize>i << 1);
    const firstHalf = v128.load(at);
    const secondHalf = v128.load(at, 16);
    const bytes = i8x16.narrow_i16x8_u(firstHalf, secondHalf);
    const asciiLanes = i8x16.narrow_i16x8_s(i16x8.lt_u(firstHalf, ascii), i16x8.lt_u(secondHalf, ascii));
    const highBits = i8x16.swizzle(highNibbleBit, i8x16.shr_u(bytes, 4));
    const ends = i8x16.bitmask(v128.and(asciiLanes, inClass(table, v128.and(bytes, lowNibble), highBits)));
    if (ends != 0) return i + <i32>ctz(ends);
  }
  for (; i < end; i++) {
    const unit = <u32>load<u16>(units + (<usize>i << 1));
    if (unit < 128 && (load<u8>(endsWord + (unit & 15)) & (1 << (unit >> 4))) != 0) return i;
  }
  return end;
}

/** Lanes (0xffff) of the units that are JavaScript white space or line terminators (what `\s` matches). */
@inline function spaceLanes(units: v128): v128 {
  const tabToReturn = i16x8.lt_u(i16x8.sub(units, i16x8.splat(9)), i16x8.splat(5));
  const enQuadToHairSpace = i16x8.lt_u(i16x8.sub(units, i16x8.splat(0x2000)), i16x8.splat(11));
  const lineAndParagraph = i16x8.lt_u(i16x8.sub(units, i16x8.splat(0x2028)), i16x8.splat(2));
  const singles = v128.or(
    v128.or(v128.or(i16x8.eq(units, i16x8.splat(0x20)), i16x8.eq(units, i16x8.splat(0xa0))), v128.or(i16x8.eq(units, i16x8.splat(0x1680)), i16x8.eq(units, i16x8.splat(0x202f)))),
    v128.or(v128.or(i16x8.eq(units, i16x8.splat(0x205f)), i16x8.eq(units, i16x8.splat(0x3000))), i16x8.eq(units, i16x8.splat(<i16>0xfeff))),
  );
  return v128.or(v128.or(tabToReturn, enQuadToHairSpace), v128.or(lineAndParagraph, singles));
}

/**
 * The first position in `units[from, end)` whose unit is white space or a
 * line terminator as JavaScript's `\s` has them (tab to carriage return,
 * space, no-break space, U+1680, U+2000-200A, U+2028-2029, U+202F,
 * U+205F, U+3000, U+FEFF), or `end`; eight units at a time.
 */
export function nextSpace(units: usize, from: i32, end: i32): i32 {
  let i = from;
  for (; i + 8 <= end; i += 8) {
    const lanes = i16x8.bitmask(spaceLanes(v128.load(units + (<usize>i << 1))));
    if (lanes != 0) return i + <i32>ctz(lanes);
  }
  for (; i < end; i++) {
    if (i16x8.bitmask(spaceLanes(i16x8.splat(load<u16>(units + (<usize>i << 1))))) != 0) return i;
  }
  return end;
}
