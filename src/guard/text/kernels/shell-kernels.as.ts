// Kernels of the shell lexer (shell-lexer.ts), over a text's units in linear memory (kernel-memory.ts).

// The shell's special characters \ $ ` ' " < > ; | & \n \r by their nibbles: a character is special when the bit its
// high nibble selects in hiTable is set in the entry of its low nibble in loTable (bytes of 128 and more select none).
const hiTable = i8x16(1, 0, 2, 4, 0, 8, 16, 32, 0, 0, 0, 0, 0, 0, 0, 0);
// low nibble: 0 -> ` (6x); 2,4,6,7 -> " $ & ' (2x); A, D -> \n \r (0x); B, E -> ; > (3x); C -> < \ | (3x, 5x, 7x)
const loTable = i8x16(16, 0, 2, 0, 2, 0, 2, 2, 0, 0, 1, 4, 4 | 8 | 32, 1, 4, 0);

@inline function isSpecial(u: u32): bool {
  return u == 92 || u == 36 || u == 96 || u == 39 || u == 34 || u == 60 || u == 62 || u == 59 || u == 124 || u == 38 || u == 10 || u == 13
    || (u - 0xfe50) < 0x1c || (u - 0xff01) < 0x5e;
}

@inline function compat(v: v128): v128 {
  return v128.or(i16x8.lt_u(i16x8.sub(v, i16x8.splat(<i16>0xfe50)), i16x8.splat(0x1c)), i16x8.lt_u(i16x8.sub(v, i16x8.splat(<i16>0xff01)), i16x8.splat(0x5e)));
}

// The tables `shellEvents` reads (written by shell-lexer.ts): the shapes of the known command names (a u32 per
// first * 128 + last character, bit `length` set when a name has that length), the word class of each code unit
// (shell-lexer.ts's `wordClass`), 1 for each ASCII character a file name standing for a known command may end with,
// and the length of the longest name (an i32).
const shapesOffset: usize = 0;
const wordClassOffset: usize = 65536;
const lastCharactersOffset: usize = 2 * 65536;
const longestOffset: usize = 2 * 65536 + 128;

const ordinary: u32 = 0;
const ends: u32 = 1;
const quoting: u32 = 2;
const kelvinSign: u32 = 0x212a;
const maxWordLength = 256;

// The reading in progress (one kernel call per block of it, in order, the first from 0).
let tables: usize = 0;
let text: usize = 0;
let textLength: i32 = 0;
let ruleOuts = false;
let out: usize = 0;
let count: i32 = 0;
/** No reader of the lexer skips a position from here on (the most any special seen so far makes one skip). */
let resumeBound: i32 = 0;
/** A quote every reader sees, not yet written: dropped with the next special if that is the same quote. */
let pendingQuote: i32 = -1;
/** The second character of a two-character operator dropped with its first. */
let dropAlso: i32 = -1;
/** The first `/` or `\\` at `separatorFrom` or after (`textLength` when none). */
let separatorFrom: i32 = 0;
let separatorAt: i32 = -1;

@inline function unit(i: i32): u32 {
  return <u32>load<u16>(text + (<usize>i << 1));
}

@inline function lowerAscii(code: u32): u32 {
  return code - 65 < 26 ? code + 32 : code;
}

@inline function wordClassOf(code: u32): u32 {
  return <u32>load<u8>(tables + wordClassOffset + code);
}

/** A character that `quotedAsciiVerdict` (shell-lexer.ts) counts in a word: an ordinary ASCII character but white space and the slash. */
@inline function isSimple(code: u32): bool {
  return code - 33 < 94 && wordClassOf(code) == ordinary;
}

@inline function lowerAsciiOrKelvin(code: u32): u32 {
  return code == kelvinSign ? 107 : lowerAscii(code);
}

@inline function startsLikePath(first: i32, second: i32, third: i32): bool {
  return first == 47 || (first == 126 && second == 47) || (first == 46 && (second == 47 || (second == 46 && third == 47)));
}

@inline function mayHave(length: i32, first: u32, last: u32): bool {
  return length >= 32 || ((load<u32>(tables + shapesOffset + ((<usize>(first * 128 + last)) << 2)) >>> <u32>length) & 1) == 1;
}

// Searches over eight units at a time, so that a loop whose length varies word to word does not end in a mispredicted
// branch. They may read up to seven units past `end`, which linear memory always holds (scratch space follows the text).

/** The first position in [from, end) whose unit is neither a space nor a tab, or `end`. */
function skipBlanks(from: i32, end: i32): i32 {
  for (let i = from; i < end; i += 8) {
    const eight = v128.load(text + (<usize>i << 1));
    const bits = ~i16x8.bitmask(v128.or(i16x8.eq(eight, i16x8.splat(32)), i16x8.eq(eight, i16x8.splat(9)))) & 0xff;
    if (bits != 0) return min(end, i + <i32>ctz(bits));
  }
  return end;
}

// The ASCII characters that are not ordinary in a word (`wordClass`: \t-\r, space, ; & | < > ( ) ` ' " \\ ^ /) by their
// nibbles, with the bits `hiTable` gives high nibbles, as `loTable` does for the special characters.
const wordLoTable = i8x16(2 | 16, 0, 2, 0, 0, 0, 2, 2, 2, 1 | 2, 1, 1 | 4, 1 | 4 | 8 | 32, 1, 4 | 8, 2);

/** The first position in [from, end) whose unit is not an ordinary ASCII character of a word, or `end`. */
function nextUnordinary(from: i32, end: i32): i32 {
  const low4 = i8x16.splat(0x0f);
  for (let i = from; i < end; i += 8) {
    const eight = v128.load(text + (<usize>i << 1));
    const bytes = i8x16.narrow_i16x8_u(eight, eight);
    const found = v128.and(i8x16.swizzle(wordLoTable, v128.and(bytes, low4)), i8x16.swizzle(hiTable, i8x16.shr_u(bytes, 4)));
    const bits = (i8x16.bitmask(i8x16.ne(found, i8x16.splat(0))) | i16x8.bitmask(i16x8.ne(v128.and(eight, i16x8.splat(<i16>0xff80)), i16x8.splat(0)))) & 0xff;
    if (bits != 0) return min(end, i + <i32>ctz(bits));
  }
  return end;
}

/** The first position in [from, end) holding `code`, or `end`. */
function nextUnit(from: i32, end: i32, code: u32): i32 {
  for (let i = from; i < end; i += 8) {
    const bits = i16x8.bitmask(i16x8.eq(v128.load(text + (<usize>i << 1)), i16x8.splat(<i16>code)));
    if (bits != 0) return min(end, i + <i32>ctz(bits));
  }
  return end;
}

/** The first `/` or `\\` at `from` or after, or `textLength`; remembered, as the positions asked about grow. */
function nextSeparator(from: i32): i32 {
  if (from >= separatorFrom && from <= separatorAt) return separatorAt;
  separatorFrom = from;
  let i = from;
  const slash = i16x8.splat(47);
  const backslash = i16x8.splat(92);
  for (; i + 8 <= textLength; i += 8) {
    const eight = v128.load(text + (<usize>i << 1));
    if (v128.any_true(v128.or(i16x8.eq(eight, slash), i16x8.eq(eight, backslash)))) break;
  }
  for (; i < textLength; i++) {
    const code = unit(i);
    if (code == 47 || code == 92) break;
  }
  separatorAt = i;
  return i;
}

/** shell-lexer.ts's `quotedKeyVerdict(...) === no` for the quoted word at `from`. */
function quotedKeyIsNoCommand(from: i32): bool {
  const quote = unit(from);
  const end = min(textLength, from + maxWordLength);
  const close = nextUnit(from + 1, end, quote);
  if (close - from < 4 || close + 1 >= end) return false;
  const last = unit(close + 1);
  if (last < 33 || last >= 127 || wordClassOf(last) != ordinary) return false;
  if (load<u8>(tables + lastCharactersOffset + lowerAscii(last)) != 0) return false;
  if (close + 2 < end && wordClassOf(unit(close + 2)) != ends) return false;
  return !startsLikePath(<i32>unit(from + 1), <i32>unit(from + 2), <i32>unit(from + 3));
}

/** Whether shell-lexer.ts's `quotedAsciiVerdict` is `no` (`certainly`), `maybe` or `unsure` for the word at `from`. */
const certainly = 0;
const maybe = 1;
const unsure = 2;

function quotedAsciiVerdict(from: i32): i32 {
  const end = min(textLength, from + maxWordLength);
  let quote: u32 = 0;
  let length = 0;
  let first: u32 = 0;
  let last: u32 = 0;
  for (let i = from; i < end; i++) {
    const code = unit(i);
    if (quote != 0 && code == quote) quote = 0;
    else if (isSimple(code)) {
      if (length++ == 0) first = code;
      last = code;
    } else if (quote != 0) return unsure;
    else if (code == 34 || code == 39) quote = code;
    else if (code < 128 && wordClassOf(code) == ends) break;
    else return unsure;
  }
  if (length == 0) return certainly;
  const lowerLast = lowerAscii(last);
  if (lowerLast == 101) return unsure;
  return length <= load<i32>(tables + longestOffset) + 4 && mayHave(length, lowerAscii(first), lowerLast) ? maybe : certainly;
}

/** shell-lexer.ts's `mayNameCommand` for the word at `from` (see there). */
function mayNameCommand(from: i32): bool {
  let wordLength = 0;
  let w1: i32 = -1;
  let w2: i32 = -1;
  let w3: i32 = -1;
  let length = 0;
  let first: u32 = 0;
  let asciiOrKelvin = true;
  let l1: u32 = 0;
  let l2: u32 = 0;
  let l3: u32 = 0;
  let l4: u32 = 0;
  let l5: u32 = 0;
  const longestName = load<i32>(tables + longestOffset) + 4;
  const reach = min(textLength, from + maxWordLength + 1);
  let quote: u32 = 0;
  for (let i = from; i < textLength && i - from < maxWordLength; i++) {
    let code = unit(i);
    if (quote != 0) {
      if (code == quote) {
        quote = 0;
        continue;
      }
    } else if (wordClassOf(code) == ends) break;
    else if (code == 39 || code == 34) {
      quote = code;
      continue;
    } else if (code == 92 && i + 1 < textLength) code = unit(++i);
    else if (code == 94) continue;
    if (++wordLength <= 3) {
      if (wordLength == 1) w1 = <i32>code;
      else if (wordLength == 2) w2 = <i32>code;
      else w3 = <i32>code;
    }
    if (code == 47 || code == 92) {
      length = 0;
      asciiOrKelvin = true;
      continue;
    }
    if (length++ == 0) first = code;
    if (length > longestName || (code >= 128 && code != kelvinSign)) {
      if (length == longestName + 1 || asciiOrKelvin) {
        asciiOrKelvin = false;
        if (w1 != 47 && w1 != 126 && w1 != 46 && nextSeparator(i + 1) >= reach) return false;
      }
      continue;
    } else if (asciiOrKelvin) {
      l5 = l4;
      l4 = l3;
      l3 = l2;
      l2 = l1;
      l1 = lowerAsciiOrKelvin(code);
    }
  }
  if (wordLength == 0) return false;
  if (startsLikePath(w1, w2, w3)) return true;
  if (length == 0) return true;
  if (!asciiOrKelvin || length > longestName) return false;
  const lowerFirst = lowerAsciiOrKelvin(first);
  if (length > 4 && l4 == 46 && l3 == 101 && l2 == 120 && l1 == 101) return mayHave(length - 4, lowerFirst, l5);
  return mayHave(length, lowerFirst, l1);
}

/**
 * Whether shell-lexer.ts's `commandAt(text, units, at, text.length, true, ...)`
 * certainly finds no command (and `operator` none when a line break follows
 * it): the word is empty, or is turned down by `quotedKeyVerdict`, `quickNo`,
 * the shape check of `plainCommand`, `quotedAsciiVerdict` or
 * `mayNameCommand`, in that order. False when unsure.
 */
function noCommandAt(at: i32): bool {
  if (at >= textLength) return true;
  const next = unit(at);
  if (next == 10 || next == 13) return true;
  if (!ruleOuts) return false;
  const from = skipBlanks(at, textLength);
  if (from == textLength) return true;
  const first = unit(from);
  if (first == 34 || first == 39) {
    if (quotedKeyIsNoCommand(from)) return true;
  } else if (first >= 128) {
    if (wordClassOf(first) == ends) return true;
    if (first != kelvinSign && nextSeparator(from + 1) >= min(textLength, from + maxWordLength + 1)) return true;
  }
  const plain = plainWordVerdict(from);
  if (plain != unsure) return plain == certainly;
  // quotedCommand: a word opening a substitution, a group or a variable is read; any other may be turned down.
  if (first == 36 || first == 96 || first == 40 || first == 123) return false;
  const verdict = quotedAsciiVerdict(from);
  return verdict == certainly || (verdict == unsure && !mayNameCommand(from));
}

/** `certainly` when shell-lexer.ts's `plainCommand` finds no command at `from`, `maybe` when it may, `unsure` when the word is not plain. */
function plainWordVerdict(from: i32): i32 {
  const first = unit(from);
  const end = min(textLength, from + maxWordLength);
  let lastSlash = -1;
  let i = from;
  for (; i < end; i++) {
    i = nextUnordinary(i, end);
    if (i == end) break;
    const kind = wordClassOf(unit(i));
    if (kind == ends) break;
    if (kind == quoting) return unsure;
    lastSlash = i;
  }
  if (i == from) return certainly;
  if (first == 36 || first == 123) return maybe;
  if (lastSlash >= 0 && startsLikePath(<i32>first, from + 1 < i ? <i32>unit(from + 1) : -1, from + 2 < i ? <i32>unit(from + 2) : -1)) return maybe;
  const nameStart = lastSlash + 1 > from ? lastSlash + 1 : from;
  let nameEnd = i;
  if (nameEnd - nameStart >= 4 && unit(nameEnd - 4) == 46 && lowerAscii(unit(nameEnd - 3)) == 101 && lowerAscii(unit(nameEnd - 2)) == 120 && lowerAscii(unit(nameEnd - 1)) == 101) nameEnd -= 4;
  const length = nameEnd - nameStart;
  return length == 0 || !mayHave(length, lowerAscii(unit(nameStart)), lowerAscii(unit(nameEnd - 1))) ? certainly : maybe;
}

@inline function write(position: i32): void {
  store<i32>(out + (<usize>count << 2), position);
  count++;
}

/**
 * What the lexer makes of the special character at `i`, decided here where
 * it does not depend on the readers' states: written when the lexer must see
 * it, dropped when every reader would do nothing with it. Dropped: a `$`
 * opening no substitution; `;`, a line break, `|` or `&` followed by no
 * command (and `&` next to `>`); a pair of the same quote in a row that every
 * reader sees (switched and switched back); `||` or `&&` followed by no
 * command, seen by every reader. The line breaks dropped are found again by
 * the lexer, which needs only where they are.
 */
@inline function event(i: i32): void {
  const code = unit(i);
  if (i == dropAlso) return;
  if (pendingQuote >= 0) {
    const pending = pendingQuote;
    pendingQuote = -1;
    if (code == unit(pending)) return;
    write(pending);
  }
  switch (code) {
    case 34: // "
    case 39: // '
      if (i >= resumeBound) pendingQuote = i;
      else write(i);
      return;
    case 36: // $
      if (i + 1 < textLength && (unit(i + 1) == 40 || unit(i + 1) == 123)) write(i);
      return;
    case 10: // \n
    case 13: // \r
    case 59: // ;
      resumeBound = max(resumeBound, i + 1);
      if (!noCommandAt(i + 1)) write(i);
      return;
    case 124: // |
    case 38: // &
      if (code == 38 && ((i > 0 && unit(i - 1) == 62) || (i + 1 < textLength && unit(i + 1) == 62))) return;
      if (i + 1 < textLength && unit(i + 1) == code) {
        const seenByAll = i >= resumeBound;
        resumeBound = max(resumeBound, i + 2);
        if (seenByAll && noCommandAt(i + 2)) dropAlso = i + 1;
        else write(i);
      } else {
        resumeBound = max(resumeBound, i + 1);
        if (!noCommandAt(i + 1)) write(i);
      }
      return;
    case 92: // \
      resumeBound = max(resumeBound, i + 2);
      write(i);
      return;
    case 60: // <
    case 62: // >
      resumeBound = max(resumeBound, i + 3);
      write(i);
      return;
    default: // ` and the compatibility forms
      write(i);
  }
}

/**
 * Writes to `output` as i32, in order, the positions in `units[from, to)`
 * (`units` holding `length` units) the lexer must visit, and returns how
 * many: the shell's special characters and the full-width and small forms
 * of ASCII characters (U+FE50-FE6B, U+FF01-FF5E), less those `event` drops.
 * The first call of a reading starts at 0, each further one where the last
 * ended. `commandTables` tells whether `shapes` and `lastCharacters` hold the
 * names the lexer reads (else no word is ruled out). Sixteen units at a
 * time: narrowed to bytes (saturating, the units read as signed: units from
 * 256 to 0x7fff become 255, larger ones 0, neither a special character) and
 * looked up by nibble, the forms by range.
 */
export function shellEvents(tableAddress: usize, units: usize, length: i32, from: i32, to: i32, output: usize, commandTables: bool): i32 {
  tables = tableAddress;
  text = units;
  textLength = length;
  ruleOuts = commandTables;
  out = output;
  count = 0;
  if (from == 0) {
    resumeBound = 0;
    dropAlso = -1;
    separatorFrom = 0;
    separatorAt = -1;
  }
  pendingQuote = -1;
  let i = from;
  const low4 = i8x16.splat(0x0f);
  for (; i + 16 <= to; i += 16) {
    const a = v128.load(units + (<usize>i << 1));
    const b = v128.load(units + (<usize>i << 1), 16);
    const bytes = i8x16.narrow_i16x8_u(a, b);
    const lo = i8x16.swizzle(loTable, v128.and(bytes, low4));
    const hi = i8x16.swizzle(hiTable, i8x16.shr_u(bytes, 4));
    const ascii = v128.and(lo, hi);
    let bits = i8x16.bitmask(i8x16.ne(ascii, i8x16.splat(0))) | i16x8.bitmask(compat(a)) | (i16x8.bitmask(compat(b)) << 8);
    while (bits != 0) {
      event(i + ctz(bits));
      bits &= bits - 1;
    }
  }
  for (; i < to; i++) if (isSpecial(unit(i))) event(i);
  if (pendingQuote >= 0) write(pendingQuote);
  return count;
}
