// concat, startswith, endswith, contains, lower, upper, indexof, substring,
// trim, trim_left, trim_right, trim_prefix, trim_suffix, trim_space, split, replace.
// Indexes and lengths count code points, as in OPA.
import { T_STRING, boolValue, typeOf } from "../values.as";
import {
  STRING_SIZE, stringAlloc, stringCopy, stringRef, strLen, strPtr, utf8Count, utf8Decode, utf8Encode, utf8Offset,
  utf8Width,
} from "../string.as";
import { arrNew, arrPush } from "../array.as";
import { numGetInt, numInt } from "../number.as";
import { builtinError, checkIntOperand, elementTypeError, typeError } from "../errors.as";
import { isList, listCount, listFindOtherType, listGet } from "./collections.as";
import { bufBytes, bufLen, bufNew, bufPtr } from "../buffer.as";
import { casemap } from "util/casemap";

// @ts-ignore: decorator
@inline function isStr(v: u32): bool {
  return typeOf(v) == T_STRING;
}

/** Byte index of needle in haystack at or after `from`, or -1. */
function findBytes(h: u32, hn: u32, n: u32, nn: u32, from: u32): i32 {
  if (nn == 0) return <i32>from;
  if (nn > hn) return -1;
  const first = load<u8>(n);
  const last = hn - nn;
  for (let i = from; i <= last; i++) {
    if (load<u8>(h + i) == first && memory.compare(h + i, n, nn) == 0) return <i32>i;
  }
  return -1;
}

export function bi_concat(delim: u32, coll: u32): u32 {
  if (!isStr(delim)) return typeError("concat", 1, "string", delim);
  if (!isList(coll)) return typeError("concat", 2, "one of {array, set}", coll);
  const bad = listFindOtherType(coll, T_STRING);
  if (bad != 0) return elementTypeError("concat", 2, coll, "string", bad);
  const n = listCount(coll);
  let total: u32 = n > 0 ? (n - 1) * strLen(delim) : 0;
  for (let i: u32 = 0; i < n; i++) total += strLen(listGet(coll, i));
  const s = stringAlloc(total);
  let out = s + STRING_SIZE;
  for (let i: u32 = 0; i < n; i++) {
    if (i > 0) {
      memory.copy(out, strPtr(delim), strLen(delim));
      out += strLen(delim);
    }
    const e = listGet(coll, i);
    memory.copy(out, strPtr(e), strLen(e));
    out += strLen(e);
  }
  return s;
}

export function bi_startswith(s: u32, p: u32): u32 {
  if (!isStr(s)) return typeError("startswith", 1, "string", s);
  if (!isStr(p)) return typeError("startswith", 2, "string", p);
  const n = strLen(p);
  return boolValue(n <= strLen(s) && memory.compare(strPtr(s), strPtr(p), n) == 0);
}

export function bi_endswith(s: u32, p: u32): u32 {
  if (!isStr(s)) return typeError("endswith", 1, "string", s);
  if (!isStr(p)) return typeError("endswith", 2, "string", p);
  const n = strLen(p);
  const m = strLen(s);
  return boolValue(n <= m && memory.compare(strPtr(s) + m - n, strPtr(p), n) == 0);
}

export function bi_contains(s: u32, p: u32): u32 {
  if (!isStr(s)) return typeError("contains", 1, "string", s);
  if (!isStr(p)) return typeError("contains", 2, "string", p);
  return boolValue(findBytes(strPtr(s), strLen(s), strPtr(p), strLen(p), 0) >= 0);
}

function mapCase(name: string, s: u32, upper: bool): u32 {
  if (!isStr(s)) return typeError(name, 1, "string", s);
  const p = strPtr(s);
  const n = strLen(s);
  let ascii = true;
  for (let i: u32 = 0; i < n; i++) {
    if (load<u8>(p + i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const out = stringAlloc(n);
    const q = out + STRING_SIZE;
    for (let i: u32 = 0; i < n; i++) {
      let c = <u32>load<u8>(p + i);
      if (upper && c - 97 < 26) c -= 32;
      else if (!upper && c - 65 < 26) c += 32;
      store<u8>(q + i, <u8>c);
    }
    return out;
  }
  // simple case mappings, as Go's unicode.ToUpper/ToLower (ß has no simple uppercase);
  // a case mapping can change the UTF-8 length by at most a factor of 3/2 (2 -> 3 bytes)
  const out = stringAlloc(n * 2);
  let q = out + STRING_SIZE;
  let i: u32 = 0;
  while (i < n) {
    const c = utf8Decode(p + i, n - i);
    i += utf8Width;
    q += utf8Encode(q, c >= 0x20000 || c == 0xdf ? c : <u32>casemap(c, upper ? 1 : 0) & 0x1fffff);
  }
  store<u32>(out, q - (out + STRING_SIZE), 4);
  return out;
}

export function bi_lower(s: u32): u32 {
  return mapCase("lower", s, false);
}

export function bi_upper(s: u32): u32 {
  return mapCase("upper", s, true);
}

export function bi_indexof(s: u32, p: u32): u32 {
  if (!isStr(s)) return typeError("indexof", 1, "string", s);
  if (!isStr(p)) return typeError("indexof", 2, "string", p);
  const i = findBytes(strPtr(s), strLen(s), strPtr(p), strLen(p), 0);
  if (i < 0) return numInt(-1);
  return numInt(utf8Count(strPtr(s), <u32>i));
}

export function bi_substring(s: u32, start: u32, length: u32): u32 {
  if (!isStr(s)) return typeError("substring", 1, "string", s);
  if (!checkIntOperand("substring", 2, start) || !checkIntOperand("substring", 3, length)) return 0;
  const st = numGetInt(start);
  const ln = numGetInt(length);
  if (st < 0) return builtinError("substring", "negative offset");
  const p = strPtr(s);
  const n = strLen(s);
  const runes = <i64>utf8Count(p, n);
  if (st >= runes) return stringRef(p, 0);
  const from = utf8Offset(p, n, <u32>st);
  let to = n;
  if (ln >= 0 && st + ln < runes) to = utf8Offset(p, n, <u32>(st + ln));
  return stringRef(p + from, to - from);
}

/** Whether code point c occurs in the UTF-8 cutset. */
function inCutset(c: u32, cs: u32, cn: u32): bool {
  let i: u32 = 0;
  while (i < cn) {
    const d = utf8Decode(cs + i, cn - i);
    i += utf8Width;
    if (d == c) return true;
  }
  return false;
}

/** Byte length of the code point that ends at p + n. */
function lastWidth(p: u32, n: u32): u32 {
  let w: u32 = 1;
  while (w < n && w < 4 && (load<u8>(p + n - w) & 0xc0) == 0x80) w++;
  return w;
}

function trimCut(s: u32, cut: u32, left: bool, right: bool): u32 {
  const p = strPtr(s);
  const n = strLen(s);
  const cs = strPtr(cut);
  const cn = strLen(cut);
  let a: u32 = 0;
  let b = n;
  if (left) {
    while (a < b) {
      const c = utf8Decode(p + a, b - a);
      if (!inCutset(c, cs, cn)) break;
      a += utf8Width;
    }
  }
  if (right) {
    while (b > a) {
      const w = lastWidth(p + a, b - a);
      const c = utf8Decode(p + b - w, w);
      if (!inCutset(c, cs, cn)) break;
      b -= w;
    }
  }
  return stringRef(p + a, b - a);
}

export function bi_trim(s: u32, cut: u32): u32 {
  if (!isStr(s)) return typeError("trim", 1, "string", s);
  if (!isStr(cut)) return typeError("trim", 2, "string", cut);
  return trimCut(s, cut, true, true);
}

export function bi_trim_left(s: u32, cut: u32): u32 {
  if (!isStr(s)) return typeError("trim_left", 1, "string", s);
  if (!isStr(cut)) return typeError("trim_left", 2, "string", cut);
  return trimCut(s, cut, true, false);
}

export function bi_trim_right(s: u32, cut: u32): u32 {
  if (!isStr(s)) return typeError("trim_right", 1, "string", s);
  if (!isStr(cut)) return typeError("trim_right", 2, "string", cut);
  return trimCut(s, cut, false, true);
}

export function bi_trim_prefix(s: u32, pre: u32): u32 {
  if (!isStr(s)) return typeError("trim_prefix", 1, "string", s);
  if (!isStr(pre)) return typeError("trim_prefix", 2, "string", pre);
  const n = strLen(pre);
  if (n <= strLen(s) && memory.compare(strPtr(s), strPtr(pre), n) == 0) return stringRef(strPtr(s) + n, strLen(s) - n);
  return s;
}

export function bi_trim_suffix(s: u32, suf: u32): u32 {
  if (!isStr(s)) return typeError("trim_suffix", 1, "string", s);
  if (!isStr(suf)) return typeError("trim_suffix", 2, "string", suf);
  const n = strLen(suf);
  const m = strLen(s);
  if (n <= m && memory.compare(strPtr(s) + m - n, strPtr(suf), n) == 0) return stringRef(strPtr(s), m - n);
  return s;
}

/** Unicode White_Space, as Go's unicode.IsSpace. */
function isSpace(c: u32): bool {
  if (c <= 0xff) return c == 32 || (c >= 9 && c <= 13) || c == 0x85 || c == 0xa0;
  return c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

export function bi_trim_space(s: u32): u32 {
  if (!isStr(s)) return typeError("trim_space", 1, "string", s);
  const p = strPtr(s);
  const n = strLen(s);
  let a: u32 = 0;
  let b = n;
  while (a < b) {
    const c = utf8Decode(p + a, b - a);
    if (!isSpace(c)) break;
    a += utf8Width;
  }
  while (b > a) {
    const w = lastWidth(p + a, b - a);
    if (!isSpace(utf8Decode(p + b - w, w))) break;
    b -= w;
  }
  return stringRef(p + a, b - a);
}

export function bi_split(s: u32, d: u32): u32 {
  if (!isStr(s)) return typeError("split", 1, "string", s);
  if (!isStr(d)) return typeError("split", 2, "string", d);
  const p = strPtr(s);
  const n = strLen(s);
  const out = arrNew(4);
  const dn = strLen(d);
  if (dn == 0) {
    let i: u32 = 0;
    while (i < n) {
      utf8Decode(p + i, n - i);
      arrPush(out, stringRef(p + i, utf8Width));
      i += utf8Width;
    }
    return out;
  }
  let from: u32 = 0;
  while (true) {
    const i = findBytes(p, n, strPtr(d), dn, from);
    if (i < 0) break;
    arrPush(out, stringRef(p + from, <u32>i - from));
    from = <u32>i + dn;
  }
  arrPush(out, stringRef(p + from, n - from));
  return out;
}

export function bi_replace(s: u32, old: u32, rep: u32): u32 {
  if (!isStr(s)) return typeError("replace", 1, "string", s);
  if (!isStr(old)) return typeError("replace", 2, "string", old);
  if (!isStr(rep)) return typeError("replace", 3, "string", rep);
  const p = strPtr(s);
  const n = strLen(s);
  const on = strLen(old);
  const b = bufNew(n + 16);
  if (on == 0) {
    // as Go's strings.Replace: the replacement before every code point and at the end
    let i: u32 = 0;
    while (i < n) {
      bufBytes(b, strPtr(rep), strLen(rep));
      utf8Decode(p + i, n - i);
      bufBytes(b, p + i, utf8Width);
      i += utf8Width;
    }
    bufBytes(b, strPtr(rep), strLen(rep));
    return stringRef(bufPtr(b), bufLen(b));
  }
  let from: u32 = 0;
  let found = false;
  while (true) {
    const i = findBytes(p, n, strPtr(old), on, from);
    if (i < 0) break;
    found = true;
    bufBytes(b, p + from, <u32>i - from);
    bufBytes(b, strPtr(rep), strLen(rep));
    from = <u32>i + on;
  }
  if (!found) return s;
  bufBytes(b, p + from, n - from);
  return stringCopy(bufPtr(b), bufLen(b));
}
