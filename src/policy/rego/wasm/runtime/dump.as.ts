// Values -> text: JSON (objects with sorted keys, sets as sorted arrays,
// non-string object keys as their JSON text in a string) or Rego (sets as
// {...} / set(), any key type); JSON for the host may be tagged (sets and big
// integers kept, see host-call.as.ts). Iterative, like the parser.
import { malloc } from "./heap.as";
import { T_ARRAY, T_BOOLEAN, T_NULL, T_NUMBER, T_OBJECT, T_SET, T_STRING, typeOf } from "./values.as";
import { bufByte, bufBytes, bufInt, bufLen, bufNew, bufPtr, bufReserve, bufAdvance, bufText } from "./buffer.as";
import { numGetInt, numIsInt, numIsIntegral, numTextLen, numTextPtr } from "./number.as";
import { strLen, strPtr } from "./string.as";
import { arrGet, arrLen } from "./array.as";
import { entryAt, tableCount, tableSort } from "./table.as";

const HEX = "0123456789abcdef";

/**
 * A quoted JSON string. goStyle: as Go's encoding/json writes it (what OPA's
 * json.marshal returns): < > & and U+2028/U+2029 escaped, \b and \f as \u escapes.
 */
export function writeJsonString(b: u32, p: u32, n: u32, goStyle: bool = false): void {
  bufByte(b, 34);
  writeJsonStringBody(b, p, n, goStyle);
  bufByte(b, 34);
}

function writeJsonStringBody(b: u32, p: u32, n: u32, goStyle: bool): void {
  let run = p;
  const stop = p + n;
  for (let q = p; q < stop; q++) {
    const c = <u32>load<u8>(q);
    let sep2028 = false;
    if (c >= 32 && c != 34 && c != 92) {
      if (!goStyle) continue;
      sep2028 = c == 0xe2 && q + 2 < stop && load<u8>(q + 1) == 0x80 && (load<u8>(q + 2) == 0xa8 || load<u8>(q + 2) == 0xa9);
      if (c != 60 && c != 62 && c != 38 && !sep2028) continue;
    }
    if (q > run) bufBytes(b, run, q - run);
    run = q + 1;
    bufByte(b, 92);
    if (sep2028) {
      bufText(b, load<u8>(q + 2) == 0xa8 ? "u2028" : "u2029");
      q += 2;
      run = q + 1;
    } else if (c == 34 || c == 92) bufByte(b, c);
    else if (c == 10) bufByte(b, 110);
    else if (c == 9) bufByte(b, 116);
    else if (c == 13) bufByte(b, 114);
    else if (c == 8 && !goStyle) bufByte(b, 98);
    else if (c == 12 && !goStyle) bufByte(b, 102);
    else {
      bufText(b, "u00");
      bufByte(b, HEX.charCodeAt(c >> 4));
      bufByte(b, HEX.charCodeAt(c & 15));
    }
  }
  if (stop > run) bufBytes(b, run, stop - run);
}

const MAX_SAFE_INTEGER: i64 = 9007199254740991;

function writeNumber(b: u32, v: u32, tagged: bool): void {
  const exact = tagged && (numIsInt(v) ? numGetInt(v) > MAX_SAFE_INTEGER || numGetInt(v) < -MAX_SAFE_INTEGER : numIsIntegral(v));
  if (exact) bufText(b, '{"\\u0000int":"');
  if (numIsInt(v)) bufInt(b, numGetInt(v));
  else bufBytes(b, numTextPtr(v), numTextLen(v));
  if (exact) bufText(b, '"}');
}

/** A key for tagged JSON: one starting with U+0000 gets another in front, so it never reads as a tag. */
function writeTaggedKey(b: u32, k: u32): void {
  bufByte(b, 34);
  if (strLen(k) > 0 && load<u8>(strPtr(k)) == 0) bufText(b, "\\u0000");
  writeJsonStringBody(b, strPtr(k), strLen(k), false);
  bufByte(b, 34);
}

// Frames: [u32 container][u32 next index][u32 phase (objects: 0 = key next, 1 = value next)]
const FRAME: u32 = 12;

/**
 * Appends the text of v to buffer b; spaced: ", " and ": " separators (OPA's
 * term text, for sprintf); goStyle: strings escaped as Go's encoding/json does;
 * tagged: JSON for toolgate's host codec (never with rego).
 */
export function dumpInto(b: u32, v: u32, rego: bool, spaced: bool = false, goStyle: bool = false, tagged: bool = false): void {
  let cap: u32 = 16;
  let stack = malloc(cap * FRAME);
  let depth: u32 = 0;
  let next = v;
  while (true) {
    if (next != 0) {
      const t = typeOf(next);
      if (t == T_NULL) bufText(b, "null");
      else if (t == T_BOOLEAN) bufText(b, load<u32>(next, 4) != 0 ? "true" : "false");
      else if (t == T_NUMBER) writeNumber(b, next, tagged);
      else if (t == T_STRING) writeJsonString(b, strPtr(next), strLen(next), goStyle);
      else {
        let count: u32;
        if (t == T_ARRAY) {
          count = arrLen(next);
          bufByte(b, 91);
        } else {
          tableSort(next);
          count = tableCount(next);
          if (t == T_SET && tagged) bufText(b, '{"\\u0000set":');
          if (t == T_SET && rego && count == 0) bufText(b, "set()");
          else bufByte(b, t == T_SET && !rego ? 91 : 123);
        }
        if (count == 0) {
          if (!(t == T_SET && rego)) bufByte(b, t == T_OBJECT || rego ? 125 : 93);
          if (t == T_SET && tagged) bufByte(b, 125);
        } else {
          if (depth == cap) {
            const s = malloc(cap * 2 * FRAME);
            memory.copy(s, stack, depth * FRAME);
            stack = s;
            cap *= 2;
          }
          const f = stack + depth * FRAME;
          store<u32>(f, next);
          store<u32>(f, 0, 4);
          store<u32>(f, 0, 8);
          depth++;
        }
      }
      next = 0;
    }
    if (depth == 0) return;
    const f = stack + (depth - 1) * FRAME;
    const c = load<u32>(f);
    const i = load<u32>(f, 4);
    const t = typeOf(c);
    if (t == T_OBJECT && load<u32>(f, 8) == 1) {
      bufByte(b, 58);
      if (spaced) bufByte(b, 32);
      store<u32>(f, 0, 8);
      store<u32>(f, i + 1, 4);
      next = load<u32>(entryAt(c, i), 4);
      continue;
    }
    const n = t == T_ARRAY ? arrLen(c) : tableCount(c);
    if (i == n) {
      bufByte(b, t == T_ARRAY || (t == T_SET && !rego) ? 93 : 125);
      if (t == T_SET && tagged) bufByte(b, 125);
      depth--;
      continue;
    }
    if (i > 0) {
      bufByte(b, 44);
      if (spaced) bufByte(b, 32);
    }
    if (t == T_ARRAY) {
      store<u32>(f, i + 1, 4);
      next = arrGet(c, i);
    } else if (t == T_SET) {
      store<u32>(f, i + 1, 4);
      next = load<u32>(entryAt(c, i));
    } else {
      const key = load<u32>(entryAt(c, i));
      store<u32>(f, 1, 8);
      if (tagged && typeOf(key) == T_STRING) {
        writeTaggedKey(b, key);
      } else if (rego || typeOf(key) == T_STRING) {
        next = key;
      } else {
        // JSON keys must be strings: the key's own JSON text, quoted
        const kb = bufNew(32);
        dumpInto(kb, key, false);
        writeJsonString(b, bufPtr(kb), bufLen(kb));
      }
    }
  }
}

/** A NUL-terminated dump of v. */
export function dumpToCString(v: u32, rego: bool, tagged: bool = false): u32 {
  const b = bufNew(64);
  dumpInto(b, v, rego, false, false, tagged);
  store<u8>(bufReserve(b, 1), 0);
  bufAdvance(b, 1);
  return bufPtr(b);
}
