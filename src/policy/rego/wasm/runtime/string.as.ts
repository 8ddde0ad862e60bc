// String values: UTF-8 bytes (possibly pointing into the raw JSON they were
// parsed from, or into static data) with a lazily cached hash.
import { malloc } from "./heap.as";
import { T_STRING } from "./values.as";

export const STRING_SIZE: u32 = 16;

// @ts-ignore: decorator
@inline export function strLen(s: u32): u32 {
  return load<u32>(s, 4);
}

// @ts-ignore: decorator
@inline export function strPtr(s: u32): u32 {
  return load<u32>(s, 12);
}

/** A string value over existing bytes (not copied). */
export function stringRef(p: u32, n: u32): u32 {
  const s = malloc(STRING_SIZE);
  store<u32>(s, T_STRING);
  store<u32>(s, n, 4);
  store<u32>(s, 0, 8);
  store<u32>(s, p, 12);
  return s;
}

/** A new string value with room for n bytes right after its header; fill them through strPtr. */
export function stringAlloc(n: u32): u32 {
  const s = malloc(STRING_SIZE + n);
  store<u32>(s, T_STRING);
  store<u32>(s, n, 4);
  store<u32>(s, 0, 8);
  store<u32>(s, s + STRING_SIZE, 12);
  return s;
}

export function stringCopy(p: u32, n: u32): u32 {
  const s = stringAlloc(n);
  memory.copy(s + STRING_SIZE, p, n);
  return s;
}

/** A string value from an ASCII literal. */
export function stringFromLiteral(lit: string): u32 {
  const n = <u32>lit.length;
  const s = stringAlloc(n);
  for (let i: u32 = 0; i < n; i++) store<u8>(s + STRING_SIZE + i, <u8>lit.charCodeAt(i));
  return s;
}

export function hashBytes(p: u32, n: u32): u32 {
  let h: u32 = 0x811c9dc5 ^ n;
  let i: u32 = 0;
  while (i + 4 <= n) {
    h = (h ^ load<u32>(p + i)) * 0x01000193;
    h ^= h >>> 15;
    i += 4;
  }
  while (i < n) {
    h = (h ^ <u32>load<u8>(p + i)) * 0x01000193;
    i++;
  }
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  return h == 0 ? 1 : h;
}

export function strHash(s: u32): u32 {
  let h = load<u32>(s, 8);
  if (h == 0) {
    h = hashBytes(strPtr(s), strLen(s));
    store<u32>(s, h, 8);
  }
  return h;
}

export function bytesEqual(a: u32, b: u32, n: u32): bool {
  return memory.compare(a, b, n) == 0;
}

export function strEqual(a: u32, b: u32): bool {
  if (a == b) return true;
  const n = strLen(a);
  if (n != strLen(b)) return false;
  const ha = load<u32>(a, 8);
  const hb = load<u32>(b, 8);
  if (ha != 0 && hb != 0 && ha != hb) return false;
  return bytesEqual(strPtr(a), strPtr(b), n);
}

/** Bytewise order (the order of code points for UTF-8). */
export function strCompare(a: u32, b: u32): i32 {
  if (a == b) return 0;
  const na = strLen(a);
  const nb = strLen(b);
  const n = na < nb ? na : nb;
  const c = memory.compare(strPtr(a), strPtr(b), n);
  if (c != 0) return c < 0 ? -1 : 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Number of code points in UTF-8 bytes. */
export function utf8Count(p: u32, n: u32): u32 {
  let count: u32 = 0;
  for (let i: u32 = 0; i < n; i++) if ((<u32>load<u8>(p + i) & 0xc0) != 0x80) count++;
  return count;
}

/** Byte offset of the code point number `index` (clamped to n). */
export function utf8Offset(p: u32, n: u32, index: u32): u32 {
  let seen: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    if ((<u32>load<u8>(p + i) & 0xc0) != 0x80) {
      if (seen == index) return i;
      seen++;
    }
  }
  return n;
}

/** Decodes the code point at p (n bytes available); the length goes to utf8Width. */
export let utf8Width: u32 = 1;
export function utf8Decode(p: u32, n: u32): u32 {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80 || n < 2) {
    utf8Width = 1;
    return b0;
  }
  if (b0 < 0xe0) {
    utf8Width = 2;
    return ((b0 & 0x1f) << 6) | (<u32>load<u8>(p + 1) & 0x3f);
  }
  if (b0 < 0xf0 || n < 4) {
    if (n < 3) {
      utf8Width = 1;
      return 0xfffd;
    }
    utf8Width = 3;
    return ((b0 & 0x0f) << 12) | ((<u32>load<u8>(p + 1) & 0x3f) << 6) | (<u32>load<u8>(p + 2) & 0x3f);
  }
  utf8Width = 4;
  return ((b0 & 0x07) << 18) | ((<u32>load<u8>(p + 1) & 0x3f) << 12) | ((<u32>load<u8>(p + 2) & 0x3f) << 6) | (<u32>load<u8>(p + 3) & 0x3f);
}

/** Writes code point c as UTF-8 at p; returns the byte count. */
export function utf8Encode(p: u32, c: u32): u32 {
  if (c < 0x80) {
    store<u8>(p, <u8>c);
    return 1;
  }
  if (c < 0x800) {
    store<u8>(p, <u8>(0xc0 | (c >> 6)));
    store<u8>(p + 1, <u8>(0x80 | (c & 0x3f)));
    return 2;
  }
  if (c < 0x10000) {
    store<u8>(p, <u8>(0xe0 | (c >> 12)));
    store<u8>(p + 1, <u8>(0x80 | ((c >> 6) & 0x3f)));
    store<u8>(p + 2, <u8>(0x80 | (c & 0x3f)));
    return 3;
  }
  store<u8>(p, <u8>(0xf0 | (c >> 18)));
  store<u8>(p + 1, <u8>(0x80 | ((c >> 12) & 0x3f)));
  store<u8>(p + 2, <u8>(0x80 | ((c >> 6) & 0x3f)));
  store<u8>(p + 3, <u8>(0x80 | (c & 0x3f)));
  return 4;
}
