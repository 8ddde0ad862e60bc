// sprintf for the verbs policies use in messages: %s and %v of any value, %d
// of integers, %q of strings, %%, without flags, width or precision. Arguments
// are converted as OPA does (numbers: see numberArg; floats printed as Go's %v;
// strings verbatim; everything else as Rego text).
// Any other format goes to the host implementation.
import { T_ARRAY, T_NUMBER, T_STRING, typeOf } from "../values.as";
import { STRING_SIZE, stringCopy, strLen, strPtr, utf8Decode, utf8Width } from "../string.as";
import { arrGet, arrLen } from "../array.as";
import { bufByte, bufBytes, bufInt, bufLen, bufNew, bufPtr, bufText } from "../buffer.as";
import { numGetInt, numIsInt, numTextLen, numTextPtr, numToF64 } from "../number.as";
import { decDigits, decCount, decExp, decNeg, decFromF64 } from "../decimal.as";
import { dumpInto } from "../dump.as";
import { hostCall2 } from "../host-call.as";

const HEX = "0123456789abcdef";

/** Go's %v of a float64: %g with the shortest digits (exponent form below 1e-4 or from 1e6). */
function writeFloat(b: u32, f: f64): void {
  const d = decFromF64(f);
  const n = decCount(d);
  if (n == 0) {
    bufByte(b, 48);
    return;
  }
  if (decNeg(d)) bufByte(b, 45);
  const digits = decDigits(d);
  const exp = <i32>n + decExp(d) - 1; // decimal exponent of the first digit
  if (exp < -4 || exp >= 6) {
    bufByte(b, 48 + load<u8>(digits));
    if (n > 1) {
      bufByte(b, 46);
      for (let i: u32 = 1; i < n; i++) bufByte(b, 48 + load<u8>(digits + i));
    }
    bufByte(b, 101);
    bufByte(b, exp < 0 ? 45 : 43);
    const x = exp < 0 ? -exp : exp;
    if (x < 10) bufByte(b, 48);
    bufInt(b, x);
    return;
  }
  if (exp < 0) {
    bufText(b, "0.");
    for (let i: i32 = -1; i > exp; i--) bufByte(b, 48);
    for (let i: u32 = 0; i < n; i++) bufByte(b, 48 + load<u8>(digits + i));
    return;
  }
  for (let i: u32 = 0; i < n || <i32>i <= exp; i++) {
    if (<i32>i == exp + 1) bufByte(b, 46);
    bufByte(b, i < n ? 48 + load<u8>(digits + i) : 48);
  }
}

// How OPA hands a number to Go's fmt: an int64; else a big.Int when the text is
// a plain integer; else a float64 when finite; else its text.
const ARG_INT: u32 = 1;
const ARG_BIGINT: u32 = 2;
const ARG_FLOAT: u32 = 3;
const ARG_TEXT: u32 = 4;

function numberArg(v: u32): u32 {
  if (numIsInt(v)) return ARG_INT;
  const p = numTextPtr(v);
  const n = numTextLen(v);
  let plain = n > 0;
  for (let i: u32 = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (!(c - 48 < 10 || (i == 0 && c == 45 && n > 1))) {
      plain = false;
      break;
    }
  }
  if (plain) return ARG_BIGINT;
  return isFinite(numToF64(v)) ? ARG_FLOAT : ARG_TEXT;
}

function writeNumber(b: u32, v: u32): void {
  const kind = numberArg(v);
  if (kind == ARG_INT) bufInt(b, numGetInt(v));
  else if (kind == ARG_FLOAT) writeFloat(b, numToF64(v));
  else bufBytes(b, numTextPtr(v), numTextLen(v));
}

function writeValue(b: u32, v: u32): void {
  const t = typeOf(v);
  if (t == T_STRING) bufBytes(b, strPtr(v), strLen(v));
  else if (t == T_NUMBER) writeNumber(b, v);
  else dumpInto(b, v, true, true);
}

/** Go's strconv.Quote. */
function writeQuoted(b: u32, s: u32): void {
  const p = strPtr(s);
  const n = strLen(s);
  bufByte(b, 34);
  let i: u32 = 0;
  while (i < n) {
    const c = utf8Decode(p + i, n - i);
    const w = utf8Width;
    if (c == 34 || c == 92) {
      bufByte(b, 92);
      bufByte(b, c);
    } else if (c == 10) bufText(b, "\\n");
    else if (c == 9) bufText(b, "\\t");
    else if (c == 13) bufText(b, "\\r");
    else if (c == 7) bufText(b, "\\a");
    else if (c == 8) bufText(b, "\\b");
    else if (c == 12) bufText(b, "\\f");
    else if (c == 11) bufText(b, "\\v");
    else if (c < 32 || c == 127) {
      bufText(b, "\\x");
      bufByte(b, HEX.charCodeAt(c >> 4));
      bufByte(b, HEX.charCodeAt(c & 15));
    } else bufBytes(b, p + i, w);
    i += w;
  }
  bufByte(b, 34);
}

export function bi_sprintf(host: i32, format: u32, args: u32): u32 {
  if (typeOf(format) != T_STRING || typeOf(args) != T_ARRAY) return hostCall2(host, format, args);
  const p = strPtr(format);
  const n = strLen(format);
  const count = arrLen(args);
  const b = bufNew(n + 32);
  let next: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    const c = <u32>load<u8>(p + i);
    if (c != 37) {
      let j = i + 1;
      while (j < n && load<u8>(p + j) != 37) j++;
      bufBytes(b, p + i, j - i);
      i = j;
      continue;
    }
    if (i + 1 >= n) return hostCall2(host, format, args);
    const verb = <u32>load<u8>(p + i + 1);
    i += 2;
    if (verb == 37) {
      bufByte(b, 37);
      continue;
    }
    if (next >= count) return hostCall2(host, format, args);
    const v = arrGet(args, next++);
    if (verb == 115 || verb == 118) {
      writeValue(b, v);
    } else if (verb == 100 && typeOf(v) == T_NUMBER && numberArg(v) <= ARG_BIGINT) {
      writeNumber(b, v);
    } else if (verb == 113 && typeOf(v) == T_STRING) {
      writeQuoted(b, v);
    } else {
      return hostCall2(host, format, args);
    }
  }
  if (next != count) return hostCall2(host, format, args);
  return stringCopy(bufPtr(b), bufLen(b));
}
