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

/** A bit for each of the sixteen units from `i` on that is in the set, the first lowest: one narrowing and lookup for all. */
// @ts-ignore: decorator
@inline
function members16(table: usize, units: usize, i: i32): i32 {
  const bytes = i8x16.narrow_i16x8_u(v128.load(units + (<usize>i << 1)), v128.load(units + (<usize>(i + 8) << 1)));
  const low = i8x16.swizzle(v128.load(table), v128.and(bytes, i8x16.splat(0x0f)));
  const high = i8x16.swizzle(v128.load(table + 16), i8x16.shr_u(bytes, 4));
  return i8x16.bitmask(i8x16.ne(v128.and(low, high), i8x16.splat(0)));
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
 * (`from` is 0 or follows one), or `end`. Sixteen units are read at once:
 * a run is counted across them, and runs shorter than 16 are also looked for
 * inside them. (A run inside eight units is at most six long: the eight-unit
 * steps that finish the text count only runs crossing from one to the next.)
 */
function nextClassRun(table: usize, units: usize, from: i32, end: i32, minLength: i32): i32 {
  let i = from;
  // Units of the set right before `i`, back to the last unit outside it (or `from`).
  let count = 0;
  while (i + 16 <= end) {
    const m = members16(table, units, i);
    if (count + <i32>ctz(~m) >= minLength) return i - count;
    // A run shorter than 16 may lie inside these sixteen: the first one starts at the lowest bit of `inside`.
    if (minLength < 16) {
      const inside = startsOfRuns(m, minLength);
      if (inside != 0) return i + <i32>ctz(inside);
    }
    count = select(count + 16, <i32>clz(~m & 0xffff) - 16, m == 0xffff);
    i += 16;
  }
  while (i + 8 <= end) {
    const m = members(table, units, i);
    // The run reaches `minLength` within these eight: it started `count` units back.
    if (count + <i32>ctz(~m) >= minLength) return i - count;
    // Without a branch on whether all eight are in the set: in prose that is a coin toss.
    count = select(count + 8, <i32>clz(~m & 0xff) - 24, m == 0xff);
    i += 8;
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

/** The bits of `m` that start `length` (8 to 16) set bits in a row within `m`: eight in a row by doubling, then the rest. */
// @ts-ignore: decorator
@inline
function startsOfRuns(m: i32, length: i32): i32 {
  let eight = m & (m >> 1);
  eight &= eight >> 2;
  eight &= eight >> 4;
  return eight & (eight >> (length - 8));
}

/** The end of the run of units of the set going on at `from` (before `end`). */
function classRunEnd(table: usize, units: usize, from: i32, end: i32): i32 {
  let i = from;
  while (i + 16 <= end) {
    const m = members16(table, units, i);
    if (m != 0xffff) return i + <i32>ctz(~m);
    i += 16;
  }
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
 * are ASCII and `pairs[first << 7 | second]` is not 0, or `end`. Sixteen
 * units are narrowed to bytes at once and tested against two sets: `firsts`
 * (every pair's first character) and `seconds` (every pair's second); only
 * positions with a first followed by a second are looked up (in base64 one
 * unit in ten is a first, one in a hundred is followed by a second).
 */
export function nextPairStart(pairs: usize, firsts: usize, seconds: usize, units: usize, from: i32, end: i32): i32 {
  let i = from;
  while (i + 16 <= end) {
    const bytes = i8x16.narrow_i16x8_u(v128.load(units + (<usize>i << 1)), v128.load(units + (<usize>(i + 8) << 1)));
    const low = v128.and(bytes, i8x16.splat(0x0f));
    const high = i8x16.shr_u(bytes, 4);
    const first = i8x16.bitmask(i8x16.ne(v128.and(i8x16.swizzle(v128.load(firsts), low), i8x16.swizzle(v128.load(firsts + 16), high)), i8x16.splat(0)));
    const second = i8x16.bitmask(i8x16.ne(v128.and(i8x16.swizzle(v128.load(seconds), low), i8x16.swizzle(v128.load(seconds + 16), high)), i8x16.splat(0)));
    // Bit p of `second >> 1` tells whether the unit after p is a second; the last unit's next one is looked up.
    let m = first & ((second >> 1) | 0x8000);
    while (m != 0) {
      const p = i + <i32>ctz(m);
      if (p + 1 < end && isPairStart(pairs, units, p)) return p;
      m &= m - 1;
    }
    i += 16;
  }
  for (; i + 1 < end; i++) if (isMember(firsts, units, i) && isPairStart(pairs, units, i)) return i;
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
 * Writes the position of each `:` and `=` of `units[0, length)` that starts
 * a "://" or may follow a secret's name (`separatorFollowsName`) to `out` as
 * an i32, in text order, and returns how many there are; eight units
 * compared at once. Code and JSON have tens of thousands of separators,
 * nearly all after other names: they are ruled out here, not in JavaScript.
 */
export function separatorCandidates(units: usize, length: i32, out: usize): i32 {
  const colons = i16x8.splat(0x3a);
  const equals = i16x8.splat(0x3d);
  let count = 0;
  let i = 0;
  for (; i + 8 <= length; i += 8) {
    const eight = v128.load(units + (<usize>i << 1));
    let m = i16x8.bitmask(v128.or(i16x8.eq(eight, colons), i16x8.eq(eight, equals)));
    while (m != 0) {
      const p = i + <i32>ctz(m);
      store<i32>(out + (<usize>count << 2), p);
      count += <i32>isSeparatorCandidate(units, length, p);
      m &= m - 1;
    }
  }
  for (; i < length; i++) {
    const unit = load<u16>(units + (<usize>i << 1));
    if (unit == 0x3a || unit == 0x3d) {
      store<i32>(out + (<usize>count << 2), i);
      count += <i32>isSeparatorCandidate(units, length, i);
    }
  }
  return count;
}

// @ts-ignore: decorator
@inline
function unitAt(units: usize, p: i32): u32 {
  return <u32>load<u16>(units + (<usize>p << 1));
}

// @ts-ignore: decorator
@inline
function isSeparatorCandidate(units: usize, length: i32, p: i32): bool {
  const scheme = p + 2 < length && unitAt(units, p) == 0x3a && unitAt(units, p + 1) == 0x2f && unitAt(units, p + 2) == 0x2f;
  return scheme || separatorFollowsName(units, p);
}

/**
 * Whether the separator at `p` may have a secret's name before it (the
 * names of separator-anchors.ts, in either case, behind at most four blanks
 * and a quote): three ASCII letters ending like one of them, lowered `ord`
 * (password), `swd`, `pwd`, `ase` (passphrase), `ret` (secret), `key`, `ken`
 * (token), `ion` (authorization). A unit past ASCII where a blank may stand
 * could be a Unicode blank: the separator is kept for JavaScript to decide.
 */
function separatorFollowsName(units: usize, p: i32): bool {
  let j = p - 1;
  for (let blanks = 0; blanks < 4 && j >= 0; blanks++) {
    const unit = unitAt(units, j);
    if (unit >= 0x80) return true;
    if (unit != 0x20 && (unit < 9 || unit > 13)) break;
    j--;
  }
  if (j >= 0) {
    const quote = unitAt(units, j);
    if (quote == 0x22 || quote == 0x27) j--;
  }
  if (j < 2) return false;
  const a = unitAt(units, j - 2);
  const b = unitAt(units, j - 1);
  const c = unitAt(units, j);
  const ending = ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
  // The last three letters of the names in `nameSuffixes` (separator-anchors.ts): ord swd pwd ase ret key ken ion.
  return (
    <bool>((a | b | c) < 0x80) &
    ((ending == 0x6f7264) | (ending == 0x737764) | (ending == 0x707764) | (ending == 0x617365) |
      (ending == 0x726574) | (ending == 0x6b6579) | (ending == 0x6b656e) | (ending == 0x696f6e))
  );
}

/**
 * The PII number places (number-starts.ts) in `units[0, length)`: in each
 * run of eight or more units of the set at `tables` (digits, capitals,
 * space, dash, dot), the scan state of number-starts.ts carried over the
 * run, and the position of each unit ending a place written to `out` as an
 * i32; returns how many. From `tables + 32`: each ASCII unit's entry (class
 * in the low three bits, 8 for "a labelled SSN's digits may follow", 16 for
 * a digit, 32 for a space or dash), then eight u32: the masks and shapes of
 * the SSN, phone and IBAN places, the card chain length and the labelled
 * run length.
 */
export function numberPlaces(tables: usize, units: usize, length: i32, out: usize): i32 {
  const entries = tables + 32;
  const ssnMask = load<u32>(tables + 160);
  const ssnShape = load<u32>(tables + 164);
  const phoneMask = load<u32>(tables + 168);
  const phoneShape = load<u32>(tables + 172);
  const ibanMask = load<u32>(tables + 176);
  const ibanShape = load<u32>(tables + 180);
  const cardChain = load<u32>(tables + 184);
  const labelledRun = load<u32>(tables + 188);
  let count = 0;
  let start = nextClassRun(tables, units, 0, length, 8);
  while (start < length) {
    const end = classRunEnd(tables, units, start + 8, length);
    // The scan starts after the unit before the run: only its class counts (every place lies inside the run).
    let before: u32 = 0;
    if (start > 0) {
      const unit = unitAt(units, start - 1);
      before = unit < 128 ? <u32>load<u8>(entries + unit) : 8;
    }
    // Most runs hold no place: those are not scanned unit by unit.
    const scanned = mayHoldPlace(units, start, end, <u32>((before & 7) < 4));
    let shape = before & 7;
    let chain: u32 = 0;
    let run = (before & 8) << 1;
    // The unit before the run is no digit.
    let previousDigit: u32 = 0;
    for (let i = start; scanned && i < end; i++) {
      // Units inside the run are ASCII. Without branches: digits and separators alternate unpredictably in hex and logs.
      const entry = <u32>load<u8>(entries + <usize>unitAt(units, i));
      shape = ((shape << 3) | (entry & 7)) & 0x3fffffff;
      const isDigit = (entry >> 4) & 1;
      const continues = isDigit | ((entry >> 5) & previousDigit);
      previousDigit = isDigit;
      chain = (chain + isDigit) & (0 - continues);
      run = ((run + 1) & (0 - isDigit)) | (((entry & 8) << 1) & (isDigit - 1));
      const found =
        <u32>(chain == cardChain) | <u32>((shape & ssnMask) == ssnShape) | <u32>((shape & phoneMask) == phoneShape) |
        <u32>((shape & ibanMask) == ibanShape) | <u32>(run == labelledRun);
      if (found != 0) {
        store<i32>(out + (<usize>count << 2), i);
        count++;
      }
    }
    start = end < length ? nextClassRun(tables, units, end + 1, length, 8) : length;
  }
  return count;
}

/**
 * Whether the run [start, end) of digits, capitals, space, dash and dot may
 * hold a place: `d[.-]dddd` (phone), `d S dd S dddd` (SSN), two capitals and
 * two digits after a space, dash, dot (or `otherBefore`, the unit before the
 * run, for one right at its start) (IBAN), nine digits in a row (labelled
 * SSN), thirteen digits (card chain). Sixteen units at a time, each class as
 * a bit mask over them and the sixteen before; most runs in logs and JSON
 * hold none, and the scan of the run unit by unit is skipped.
 */
function mayHoldPlace(units: usize, start: i32, end: i32, otherBefore: u32): bool {
  let digits = 0;
  let previousDigits: u32 = 0;
  let previousCapitals: u32 = 0;
  let previousSpaceDash: u32 = 0;
  let previousDotDash: u32 = 0;
  let previousBreaks: u32 = otherBefore << 15;
  for (let i = start; i < end; i += 16) {
    const bytes = i8x16.narrow_i16x8_u(v128.load(units + (<usize>i << 1)), v128.load(units + (<usize>(i + 8) << 1)));
    // Units past the run's end are left out.
    const valid: u32 = end - i >= 16 ? 0xffff : (1 << (end - i)) - 1;
    const digit = <u32>i8x16.bitmask(i8x16.lt_u(i8x16.sub(bytes, i8x16.splat(0x30)), i8x16.splat(10))) & valid;
    const capital = <u32>i8x16.bitmask(i8x16.lt_u(i8x16.sub(bytes, i8x16.splat(0x41)), i8x16.splat(26))) & valid;
    const space = <u32>i8x16.bitmask(i8x16.eq(bytes, i8x16.splat(0x20)));
    const dash = <u32>i8x16.bitmask(i8x16.eq(bytes, i8x16.splat(0x2d)));
    const dot = <u32>i8x16.bitmask(i8x16.eq(bytes, i8x16.splat(0x2e)));
    digits += <i32>popcnt(digit);
    // Bit k + 16 is unit i + k, bit k the unit sixteen before it: a place ending here is read back through both.
    const d = previousDigits | (digit << 16);
    const spaceDash = previousSpaceDash | (((space | dash) & valid) << 16);
    const dotDash = previousDotDash | (((dot | dash) & valid) << 16);
    const two = d & (d << 1);
    const four = two & (two << 2);
    const phone = four & (dotDash << 4) & (d << 5);
    const ssn = four & (spaceDash << 4) & (d << 5) & (d << 6) & (spaceDash << 7) & (d << 8);
    const capitals = previousCapitals | (capital << 16);
    const breaks = previousBreaks | (((space | dash | dot) & valid) << 16);
    const iban = two & (capitals << 2) & (capitals << 3) & (breaks << 4);
    const nine = four & (four << 4) & (d << 8);
    if ((phone | ssn | iban | nine) >>> 16 != 0) return true;
    previousDigits = digit;
    previousCapitals = capital;
    previousSpaceDash = (space | dash) & valid;
    previousDotDash = (dot | dash) & valid;
    previousBreaks = (space | dash | dot) & valid;
  }
  return digits >= 13;
}
