// RE2 regular expression syntax (as Go's regexp/syntax with Perl flags) ->
// an AST on the transient heap. Anything this parser does not support (Unicode
// classes \p, invalid syntax) yields 0, and the caller leaves the whole call to
// the host's RE2 implementation, which also produces the proper error.
//
// node: [u32 kind][u32 a][u32 b][u32 c]
import { malloc } from "../heap.as";
import { utf8Decode, utf8Width } from "../string.as";
import { lowerOf, rangesAdd, rangesFold, rangesNegate, rangesNew, rangesNormalize, upperOf } from "./ranges.as";

export const N_LIT: u32 = 1; // a = code point
export const N_CLASS: u32 = 2; // a = ranges list (normalized)
export const N_ANY: u32 = 3; // a = 1 when it also matches \n
export const N_EMPTY: u32 = 4;
export const N_CONCAT: u32 = 5; // a = children (u32 list), b = count
export const N_ALT: u32 = 6; // a = children, b = count
export const N_REPEAT: u32 = 7; // a = child, b = min, c = max (INF)
export const N_ASSERT: u32 = 8; // a = assertion kind

export const INF: u32 = 0xffffffff;
export const MAX_REPEAT: u32 = 1000;

export const A_BEGIN_TEXT: u32 = 1;
export const A_END_TEXT: u32 = 2;
export const A_BEGIN_LINE: u32 = 3;
export const A_END_LINE: u32 = 4;
export const A_WORD: u32 = 5;
export const A_NOT_WORD: u32 = 6;

const F_FOLD: u32 = 1;
const F_MULTILINE: u32 = 2;
const F_DOTNL: u32 = 4;
const F_UNGREEDY: u32 = 8;

const MAX_DEPTH: u32 = 200;

let end: u32 = 0;
let pos: u32 = 0;
let flags: u32 = 0;
let failed = false;
let depth: u32 = 0;

function node(kind: u32, a: u32, b: u32, c: u32): u32 {
  const n = malloc(16);
  store<u32>(n, kind);
  store<u32>(n, a, 4);
  store<u32>(n, b, 8);
  store<u32>(n, c, 12);
  return n;
}

function fail(): u32 {
  failed = true;
  return 0;
}

// @ts-ignore: decorator
@inline function peek(): u32 {
  return pos < end ? <u32>load<u8>(pos) : 0xffffffff;
}

/** The code point at pos (advancing). */
function nextRune(): u32 {
  const c = utf8Decode(pos, end - pos);
  pos += utf8Width;
  return c;
}

// A growable u32 list [count][cap][items]
function listNew(): u32 {
  const l = malloc(12);
  store<u32>(l, 0);
  store<u32>(l, 4, 4);
  store<u32>(l, malloc(16), 8);
  return l;
}

function listPush(l: u32, v: u32): void {
  const n = load<u32>(l);
  let cap = load<u32>(l, 4);
  if (n == cap) {
    cap *= 2;
    const items = malloc(cap << 2);
    memory.copy(items, load<u32>(l, 8), n << 2);
    store<u32>(l, items, 8);
    store<u32>(l, cap, 4);
  }
  store<u32>(load<u32>(l, 8) + (n << 2), v);
  store<u32>(l, n + 1);
}

function literal(c: u32): u32 {
  if ((flags & F_FOLD) != 0) {
    const l = lowerOf(c);
    const u = upperOf(c);
    if (l != c || u != c || c == 0x212a || c == 0x17f || c == 107 || c == 75 || c == 115 || c == 83) {
      const r = rangesNew();
      rangesAdd(r, c, c);
      rangesFold(r);
      return node(N_CLASS, r, 0, 0);
    }
  }
  return node(N_LIT, c, 0, 0);
}

function classNode(r: u32, negated: bool): u32 {
  if ((flags & F_FOLD) != 0) rangesFold(r);
  else rangesNormalize(r);
  return node(N_CLASS, negated ? rangesNegate(r) : r, 0, 0);
}

/** Adds a Perl class (\d \s \w, upper case = negated) to r. */
function addPerl(r: u32, letter: u32): void {
  const lower = letter | 32;
  const add = rangesNew();
  if (lower == 100) rangesAdd(add, 48, 57);
  else if (lower == 115) {
    rangesAdd(add, 9, 10);
    rangesAdd(add, 12, 13);
    rangesAdd(add, 32, 32);
  } else {
    rangesAdd(add, 48, 57);
    rangesAdd(add, 65, 90);
    rangesAdd(add, 95, 95);
    rangesAdd(add, 97, 122);
  }
  rangesNormalize(add);
  const src = letter == lower ? add : rangesNegate(add);
  const n = load<u32>(src);
  const p = load<u32>(src, 8);
  for (let i: u32 = 0; i < n; i++) rangesAdd(r, load<u32>(p + (i << 3)), load<u32>(p + (i << 3), 4));
}

function isPerlClass(c: u32): bool {
  const l = c | 32;
  return l == 100 || l == 115 || l == 119;
}

function hexValue(c: u32): i32 {
  if (c - 48 < 10) return <i32>(c - 48);
  const l = c | 32;
  if (l - 97 < 6) return <i32>(l - 87);
  return -1;
}

/**
 * A single-character escape after the backslash (pos is past the backslash):
 * its code point, or 0xffffffff if it is not one.
 */
function escapeChar(): u32 {
  const c = peek();
  if (c == 0xffffffff) return 0xffffffff;
  if (c - 48 < 8) {
    // octal, up to three digits (\0 alone is NUL)
    let v: u32 = 0;
    let k = 0;
    while (k < 3 && peek() - 48 < 8) {
      v = v * 8 + (peek() - 48);
      pos++;
      k++;
    }
    return v;
  }
  pos++;
  switch (c) {
    case 97: return 7; // \a
    case 102: return 12; // \f
    case 116: return 9; // \t
    case 110: return 10; // \n
    case 114: return 13; // \r
    case 118: return 11; // \v
    case 120: {
      // \xHH or \x{H...}
      if (peek() == 123) {
        pos++;
        let v: u32 = 0;
        let digits = 0;
        while (peek() != 125) {
          const h = hexValue(peek());
          if (h < 0 || v > 0x10ffff) return 0xffffffff;
          v = v * 16 + <u32>h;
          pos++;
          digits++;
        }
        pos++;
        if (digits == 0 || v > 0x10ffff) return 0xffffffff;
        return v;
      }
      const h1 = hexValue(peek());
      if (h1 < 0) return 0xffffffff;
      pos++;
      const h2 = hexValue(peek());
      if (h2 < 0) return 0xffffffff;
      pos++;
      return <u32>(h1 * 16 + h2);
    }
  }
  // punctuation may be escaped
  if (c < 128 && !((c | 32) - 97 < 26) && !(c - 48 < 10) && c != 95) return c;
  pos--;
  return 0xffffffff;
}

function nameIs(p: u32, n: u32, lit: string): bool {
  if (n != <u32>lit.length) return false;
  for (let i: u32 = 0; i < n; i++) if (<u32>load<u8>(p + i) != <u32>lit.charCodeAt(i)) return false;
  return true;
}

/** Adds the ASCII class [:name:] to r; false for unknown names. */
function addPosix(r: u32, name: u32, n: u32): bool {
  if (nameIs(name, n, "alnum")) { rangesAdd(r, 48, 57); rangesAdd(r, 65, 90); rangesAdd(r, 97, 122); }
  else if (nameIs(name, n, "alpha")) { rangesAdd(r, 65, 90); rangesAdd(r, 97, 122); }
  else if (nameIs(name, n, "ascii")) rangesAdd(r, 0, 127);
  else if (nameIs(name, n, "blank")) { rangesAdd(r, 9, 9); rangesAdd(r, 32, 32); }
  else if (nameIs(name, n, "cntrl")) { rangesAdd(r, 0, 31); rangesAdd(r, 127, 127); }
  else if (nameIs(name, n, "digit")) rangesAdd(r, 48, 57);
  else if (nameIs(name, n, "graph")) rangesAdd(r, 33, 126);
  else if (nameIs(name, n, "lower")) rangesAdd(r, 97, 122);
  else if (nameIs(name, n, "print")) rangesAdd(r, 32, 126);
  else if (nameIs(name, n, "punct")) { rangesAdd(r, 33, 47); rangesAdd(r, 58, 64); rangesAdd(r, 91, 96); rangesAdd(r, 123, 126); }
  else if (nameIs(name, n, "space")) { rangesAdd(r, 9, 13); rangesAdd(r, 32, 32); }
  else if (nameIs(name, n, "upper")) rangesAdd(r, 65, 90);
  else if (nameIs(name, n, "word")) { rangesAdd(r, 48, 57); rangesAdd(r, 65, 90); rangesAdd(r, 95, 95); rangesAdd(r, 97, 122); }
  else if (nameIs(name, n, "xdigit")) { rangesAdd(r, 48, 57); rangesAdd(r, 65, 70); rangesAdd(r, 97, 102); }
  else return false;
  return true;
}

/** A bracketed class; pos is at '['. */
function parseClass(): u32 {
  pos++;
  let negated = false;
  if (peek() == 94) {
    negated = true;
    pos++;
  }
  const r = rangesNew();
  let first = true;
  while (true) {
    const c = peek();
    if (c == 0xffffffff) return fail();
    if (c == 93 && !first) {
      pos++;
      break;
    }
    first = false;
    if (c == 91 && pos + 1 < end && load<u8>(pos + 1) == 58) {
      // [:name:] or [:^name:]
      let q = pos + 2;
      let neg = false;
      if (q < end && load<u8>(q) == 94) {
        neg = true;
        q++;
      }
      const nameStart = q;
      while (q < end && load<u8>(q) != 58) q++;
      if (q + 1 < end && load<u8>(q + 1) == 93) {
        const inner = rangesNew();
        if (!addPosix(inner, nameStart, q - nameStart)) return fail();
        rangesNormalize(inner);
        const add = neg ? rangesNegate(inner) : inner;
        const n = load<u32>(add);
        const pp = load<u32>(add, 8);
        for (let i: u32 = 0; i < n; i++) rangesAdd(r, load<u32>(pp + (i << 3)), load<u32>(pp + (i << 3), 4));
        pos = q + 2;
        continue;
      }
    }
    let lo: u32;
    if (c == 92) {
      pos++;
      const e = peek();
      if (e == 112 || e == 80) return fail(); // \p{...}: Unicode classes are left to the host
      if (isPerlClass(e)) {
        pos++;
        addPerl(r, e);
        continue;
      }
      lo = escapeChar();
      if (lo == 0xffffffff) return fail();
    } else {
      lo = nextRune();
    }
    let hi = lo;
    if (peek() == 45 && pos + 1 < end && load<u8>(pos + 1) != 93) {
      pos++;
      const d = peek();
      if (d == 92) {
        pos++;
        hi = escapeChar();
        if (hi == 0xffffffff) return fail();
      } else {
        hi = nextRune();
      }
      if (hi < lo) return fail();
    }
    rangesAdd(r, lo, hi);
  }
  return classNode(r, negated);
}

/** {n}, {n,}, {n,m} at pos: sets repMin/repMax and advances; false (pos unchanged) if not a repetition. */
let repMin: u32 = 0;
let repMax: u32 = 0;
function parseBraces(): bool {
  const save = pos;
  pos++;
  let n: u32 = 0;
  let digits = 0;
  while (peek() - 48 < 10) {
    n = n * 10 + (peek() - 48);
    if (n > 100000) n = 100000;
    pos++;
    digits++;
  }
  if (digits == 0) {
    pos = save;
    return false;
  }
  let m = n;
  if (peek() == 44) {
    pos++;
    if (peek() == 125) {
      m = INF;
    } else {
      m = 0;
      let md = 0;
      while (peek() - 48 < 10) {
        m = m * 10 + (peek() - 48);
        if (m > 100000) m = 100000;
        pos++;
        md++;
      }
      if (md == 0) {
        pos = save;
        return false;
      }
    }
  }
  if (peek() != 125) {
    pos = save;
    return false;
  }
  pos++;
  repMin = n;
  repMax = m;
  return true;
}

/** Applies (?flags) letters at pos up to ')' or ':'; returns the terminator or 0 on error. */
function parseFlags(): u32 {
  let negate = false;
  let any = false;
  while (true) {
    const c = peek();
    if (c == 41 || c == 58) {
      if (!any && !negate && c == 41) return 0;
      return c;
    }
    pos++;
    let bit: u32 = 0;
    if (c == 105) bit = F_FOLD;
    else if (c == 109) bit = F_MULTILINE;
    else if (c == 115) bit = F_DOTNL;
    else if (c == 85) bit = F_UNGREEDY;
    else if (c == 45 && !negate) {
      negate = true;
      continue;
    } else return 0;
    any = true;
    flags = negate ? flags & ~bit : flags | bit;
  }
}

function parseAtom(): u32 {
  const c = peek();
  if (c == 40) {
    pos++;
    const saved = flags;
    if (peek() == 63) {
      pos++;
      const d = peek();
      if (d == 80 || d == 60) {
        // (?P<name>...) or (?<name>...)
        if (d == 80) pos++;
        if (peek() != 60) return fail();
        pos++;
        const nameStart = pos;
        while (pos < end && load<u8>(pos) != 62) pos++;
        if (pos >= end || pos == nameStart) return fail();
        pos++;
      } else {
        const t = parseFlags();
        if (t == 0) return fail();
        pos++;
        if (t == 41) return node(N_EMPTY, 0, 0, 0); // (?i): flags for the rest of the group
      }
    }
    if (++depth > MAX_DEPTH) return fail();
    const inner = parseAlt();
    depth--;
    if (failed) return 0;
    if (peek() != 41) return fail();
    pos++;
    flags = saved;
    return inner;
  }
  if (c == 91) return parseClass();
  if (c == 46) {
    pos++;
    return node(N_ANY, (flags & F_DOTNL) != 0 ? 1 : 0, 0, 0);
  }
  if (c == 94) {
    pos++;
    return node(N_ASSERT, (flags & F_MULTILINE) != 0 ? A_BEGIN_LINE : A_BEGIN_TEXT, 0, 0);
  }
  if (c == 36) {
    pos++;
    return node(N_ASSERT, (flags & F_MULTILINE) != 0 ? A_END_LINE : A_END_TEXT, 0, 0);
  }
  if (c == 42 || c == 43 || c == 63) return fail(); // missing argument to repetition
  if (c == 123) {
    if (parseBraces()) return fail();
    pos++;
    return literal(123);
  }
  if (c == 92) {
    pos++;
    const e = peek();
    if (e == 65) {
      pos++;
      return node(N_ASSERT, A_BEGIN_TEXT, 0, 0);
    }
    if (e == 122) {
      pos++;
      return node(N_ASSERT, A_END_TEXT, 0, 0);
    }
    if (e == 98) {
      pos++;
      return node(N_ASSERT, A_WORD, 0, 0);
    }
    if (e == 66) {
      pos++;
      return node(N_ASSERT, A_NOT_WORD, 0, 0);
    }
    if (isPerlClass(e)) {
      pos++;
      const r = rangesNew();
      addPerl(r, e);
      return classNode(r, false);
    }
    if (e == 81) {
      // \Q...\E: literal text
      pos++;
      const parts = listNew();
      while (pos < end) {
        if (load<u8>(pos) == 92 && pos + 1 < end && load<u8>(pos + 1) == 69) {
          pos += 2;
          break;
        }
        listPush(parts, literal(nextRune()));
      }
      return node(N_CONCAT, load<u32>(parts, 8), load<u32>(parts), 0);
    }
    const v = escapeChar();
    if (v == 0xffffffff) return fail();
    return literal(v);
  }
  return literal(nextRune());
}

function parseConcat(): u32 {
  const items = listNew();
  while (pos < end && peek() != 124 && peek() != 41) {
    let atom = parseAtom();
    if (failed) return 0;
    const q = peek();
    let min: u32 = 0;
    let max: u32 = 0;
    let isRepeat = false;
    if (q == 42) {
      pos++;
      min = 0;
      max = INF;
      isRepeat = true;
    } else if (q == 43) {
      pos++;
      min = 1;
      max = INF;
      isRepeat = true;
    } else if (q == 63) {
      pos++;
      min = 0;
      max = 1;
      isRepeat = true;
    } else if (q == 123 && parseBraces()) {
      min = repMin;
      max = repMax;
      if (min > MAX_REPEAT || (max != INF && (max > MAX_REPEAT || max < min))) return fail();
      isRepeat = true;
    }
    if (isRepeat) {
      if (peek() == 63) pos++; // lazy: the same set of matches
      const r = peek();
      if (r == 42 || r == 43 || r == 63 || (r == 123 && parseBraces())) return fail(); // nested repetition
      if (load<u32>(atom) == N_EMPTY && load<u32>(atom, 4) == 0) return fail();
      atom = node(N_REPEAT, atom, min, max);
    }
    listPush(items, atom);
  }
  return node(N_CONCAT, load<u32>(items, 8), load<u32>(items), 0);
}

function parseAlt(): u32 {
  const alts = listNew();
  listPush(alts, parseConcat());
  if (failed) return 0;
  while (peek() == 124) {
    pos++;
    listPush(alts, parseConcat());
    if (failed) return 0;
  }
  if (load<u32>(alts) == 1) return load<u32>(load<u32>(alts, 8));
  return node(N_ALT, load<u32>(alts, 8), load<u32>(alts), 0);
}

/** Parses the pattern at [p, p+n); 0 if it is invalid or uses syntax left to the host. */
export function parseRegex(p: u32, n: u32): u32 {
  end = p + n;
  pos = p;
  flags = 0;
  failed = false;
  depth = 0;
  const ast = parseAlt();
  if (failed || pos != end) return 0;
  return ast;
}
