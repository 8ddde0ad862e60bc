// The trigger-word scan of prompt injection (literal-scan.ts) over a text's
// UTF-16 code units in linear memory (kernel-memory.ts): the candidate
// starts and the trie walked from them, about twice as fast as the same
// loops in JavaScript. Nothing here allocates.

// The tables of one scan, read from the header `scanLiterals` is given (an
// i32 each, in this order): the start bit set, the covering bytes, the trie's
// symbol per unit (a byte), its transitions (u16), the word ending at each
// node (i32, -1 for none), the bits per symbol in a transition index.
let starts: usize = 0;
let covering: usize = 0;
let symbols: usize = 0;
let transitions: usize = 0;
let ends: usize = 0;
let bits: u32 = 0;
/** Where the next match is written, and how many more fit. */
let out: usize = 0;
let room: i32 = 0;
/** Matches do not overlap: no start before this is tried. */
let resume: i32 = 0;

/** Whether the three characters whose low five bits make `gram` can start a literal. */
// @ts-ignore: decorator
@inline
function mayStart(gram: u32): bool {
  return (load<u8>(starts + (gram >> 3)) & (1 << (gram & 7))) != 0;
}

/**
 * Walks the trie from `start`; on a literal ending there (the longest),
 * writes it as three i32 (word, start, end) and moves `resume` past it.
 */
function tryStart(units: usize, n: i32, start: i32): void {
  if (start < resume) return;
  let node: u32 = 0;
  let end = -1;
  let word = -1;
  for (let j = start; j < n; j++) {
    const symbol = <u32>load<u8>(symbols + <usize>load<u16>(units + (<usize>j << 1)));
    if (symbol == 0) break;
    node = <u32>load<u16>(transitions + (<usize>((node << bits) | symbol) << 1));
    if (node == 0) break;
    const ending = load<i32>(ends + (<usize>node << 2));
    if (ending >= 0) {
      word = ending;
      end = j + 1;
    }
  }
  if (end < 0) return;
  store<i32>(out, word);
  store<i32>(out + 4, start);
  store<i32>(out + 8, end);
  out += 12;
  room--;
  resume = end;
}

/**
 * Writes the literals of `units[0, n)` from `from` on (leftmost-longest, not
 * overlapping: what `LiteralScan.scan` finds) to `matches`, three i32 each
 * (word, start, end), at most `capacity` of them; returns how many, and when
 * that is `capacity`, the scan goes on from the end of the last. Pair k
 * (units 2k and 2k + 1) vouches for the starts 2k - 2 and 2k - 1 with one
 * lookup in `covering` of the gram of units 2k - 1 ... 2k + 1, two pairs a
 * step with one branch for both; the starts it does not rule out are looked
 * up in `starts`, and the trie is walked from those that fit.
 */
export function scanLiterals(units: usize, n: i32, from: i32, header: usize, matches: usize, capacity: i32): i32 {
  starts = <usize>load<i32>(header);
  covering = <usize>load<i32>(header + 4);
  symbols = <usize>load<i32>(header + 8);
  transitions = <usize>load<i32>(header + 12);
  ends = <usize>load<i32>(header + 16);
  bits = <u32>load<i32>(header + 20);
  out = matches;
  room = capacity;
  resume = from;
  const limit = n >> 1;
  let k = (from >> 1) + 1;
  if (k < limit) {
    // The low bits of the unit before pair k, where a gram has its first character (bits 10-14).
    let before: u32 = (<u32>load<u16>(units + (<usize>k << 2) - 2) & 31) << 10;
    for (; k + 1 < limit && room > 0; k += 2) {
      const pair = load<u32>(units + (<usize>k << 2));
      const next = load<u32>(units + (<usize>k << 2) + 4);
      const gram = before | ((pair & 31) << 5) | ((pair >>> 16) & 31);
      const nextGram = ((pair >>> 6) & (31 << 10)) | ((next & 31) << 5) | ((next >>> 16) & 31);
      if ((load<u8>(covering + gram) | load<u8>(covering + nextGram)) != 0) {
        if (load<u8>(covering + gram) != 0) {
          if (mayStart(((<u32>load<u16>(units + (<usize>k << 2) - 4) & 31) << 10) | (gram >> 5))) tryStart(units, n, 2 * k - 2);
          if (room > 0 && mayStart(gram)) tryStart(units, n, 2 * k - 1);
        }
        if (room > 0 && load<u8>(covering + nextGram) != 0) {
          if (mayStart(((gram & 1023) << 5) | (next & 31))) tryStart(units, n, 2 * k);
          if (room > 0 && mayStart(nextGram)) tryStart(units, n, 2 * k + 1);
        }
      }
      before = (next >>> 6) & (31 << 10);
    }
    if (k + 1 == limit && room > 0) {
      const pair = load<u32>(units + (<usize>k << 2));
      const gram = before | ((pair & 31) << 5) | ((pair >>> 16) & 31);
      if (load<u8>(covering + gram) != 0) {
        if (mayStart(((<u32>load<u16>(units + (<usize>k << 2) - 4) & 31) << 10) | (gram >> 5))) tryStart(units, n, 2 * k - 2);
        if (room > 0 && mayStart(gram)) tryStart(units, n, 2 * k - 1);
      }
      k++;
    }
  }
  // The starts after those the last pair covers, one by one (0 past the end).
  if (room > 0 && k >= limit) {
    for (let i = max(from, 2 * limit - 2); i < n && room > 0; i++) {
      const second: u32 = i + 1 < n ? <u32>load<u16>(units + (<usize>(i + 1) << 1)) & 31 : 0;
      const third: u32 = i + 2 < n ? <u32>load<u16>(units + (<usize>(i + 2) << 1)) & 31 : 0;
      if (mayStart(((<u32>load<u16>(units + (<usize>i << 1)) & 31) << 10) | (second << 5) | third)) tryStart(units, n, i);
    }
  }
  return capacity - room;
}

/** Per lane of eight units, 0xffff where the unit is one of the leetspeak stand-ins 0 1 3 4 5 7 @ $ ! |. */
// @ts-ignore: decorator
@inline
function standIns(eight: v128): v128 {
  let found = v128.or(i16x8.eq(eight, i16x8.splat(0x30)), i16x8.eq(eight, i16x8.splat(0x31)));
  found = v128.or(found, i16x8.eq(eight, i16x8.splat(0x33)));
  found = v128.or(found, i16x8.eq(eight, i16x8.splat(0x34)));
  found = v128.or(found, i16x8.eq(eight, i16x8.splat(0x35)));
  found = v128.or(found, i16x8.eq(eight, i16x8.splat(0x37)));
  found = v128.or(found, i16x8.eq(eight, i16x8.splat(0x40)));
  found = v128.or(found, i16x8.eq(eight, i16x8.splat(0x24)));
  found = v128.or(found, i16x8.eq(eight, i16x8.splat(0x21)));
  return v128.or(found, i16x8.eq(eight, i16x8.splat(0x7c)));
}

/** Whether the unit is a leetspeak stand-in (`standIns` of one unit). */
// @ts-ignore: decorator
@inline
function isStandIn(unit: u32): bool {
  return unit == 0x30 || unit == 0x31 || unit == 0x33 || unit == 0x34 || unit == 0x35 || unit == 0x37 || unit == 0x40 || unit == 0x24 || unit == 0x21 || unit == 0x7c;
}

/**
 * Whether `units[start, end)` holds an ASCII letter next to a leetspeak
 * stand-in, both inside the stretch: what `hasLeetInWord` answers for it.
 * Eight units a step: a bit per unit for letters and one for stand-ins, each
 * with the last unit of the step before as bit 0, and a letter bit next to a
 * stand-in bit is a hit.
 */
export function leetInWord(units: usize, start: i32, end: i32): bool {
  let letters: u32 = 0;
  let stand: u32 = 0;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const eight = v128.load(units + (<usize>i << 1));
    letters = ((<u32>i16x8.bitmask(i16x8.lt_u(i16x8.sub(v128.or(eight, i16x8.splat(32)), i16x8.splat(97)), i16x8.splat(26)))) << 1) | (letters >> 8);
    stand = ((<u32>i16x8.bitmask(standIns(eight))) << 1) | (stand >> 8);
    // Bit j and j + 1 (j from 0 to 7) are neighbours; at the start of the stretch bit 0 is 0.
    if (((letters & (stand >> 1)) | (stand & (letters >> 1))) != 0) return true;
  }
  // The last units one by one, after the last unit of the steps (bit 8).
  let previousLetter = letters >> 8;
  let previousStandIn = stand >> 8;
  for (; i < end; i++) {
    const unit = <u32>load<u16>(units + (<usize>i << 1));
    const letter = <u32>((unit | 32) - 97 < 26);
    const standIn = <u32>isStandIn(unit);
    if (((previousLetter & standIn) | (previousStandIn & letter)) != 0) return true;
    previousLetter = letter;
    previousStandIn = standIn;
  }
  return false;
}
