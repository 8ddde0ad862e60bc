// glob.match patterns (gobwas/glob semantics, as OPA) -> regular expression
// text for the same engine: `*` any run of non-delimiters, `**` any run at all,
// `?` one non-delimiter, `[...]`/`[!...]` classes, `{a,b}` alternatives, `\`
// escapes. Malformed globs return false and are left to the host.
import { bufByte, bufBytes, bufNew, bufText } from "../buffer.as";
import { utf8Decode, utf8Width } from "../string.as";

let end: u32 = 0;
let pos: u32 = 0;
let out: u32 = 0;
let delims: u32 = 0;
let ndelims: u32 = 0;
let failed = false;

function isMeta(c: u32): bool {
  // \ . + * ? ( ) | [ ] { } ^ $ -
  return c == 92 || c == 46 || c == 43 || c == 42 || c == 63 || c == 40 || c == 41 || c == 124 || c == 91 || c == 93 ||
    c == 123 || c == 125 || c == 94 || c == 36 || c == 45;
}

/** Copies the code point at pos, escaped for the regex syntax. */
function literalAt(): void {
  const c = utf8Decode(pos, end - pos);
  if (c < 128 && isMeta(c)) bufByte(out, 92);
  bufBytes(out, pos, utf8Width);
  pos += utf8Width;
}

function notDelimiter(): void {
  if (ndelims == 0) {
    bufText(out, "(?s:.)");
    return;
  }
  bufText(out, "[^");
  let i: u32 = 0;
  while (i < ndelims) {
    const c = utf8Decode(delims + i, ndelims - i);
    if (c < 128 && isMeta(c)) bufByte(out, 92);
    bufBytes(out, delims + i, utf8Width);
    i += utf8Width;
  }
  bufByte(out, 93);
}

function parseClass(): void {
  pos++;
  bufByte(out, 91);
  if (pos < end && load<u8>(pos) == 33) {
    bufByte(out, 94);
    pos++;
  }
  let empty = true;
  while (pos < end && load<u8>(pos) != 93) {
    if (load<u8>(pos) == 92) {
      pos++;
      if (pos >= end) {
        failed = true;
        return;
      }
    }
    const lo = utf8Decode(pos, end - pos);
    literalAt();
    empty = false;
    if (pos + 1 < end && load<u8>(pos) == 45 && load<u8>(pos + 1) != 93) {
      pos++;
      if (utf8Decode(pos, end - pos) < lo) {
        failed = true;
        return;
      }
      bufByte(out, 45);
      literalAt();
    }
  }
  if (pos >= end || empty) {
    failed = true;
    return;
  }
  pos++;
  bufByte(out, 93);
}

function parseSequence(inAlternatives: bool): void {
  while (pos < end && !failed) {
    const c = <u32>load<u8>(pos);
    if (inAlternatives && (c == 44 || c == 125)) return;
    if (c == 42) {
      if (pos + 1 < end && load<u8>(pos + 1) == 42) {
        bufText(out, "(?s:.*)");
        pos += 2;
      } else {
        notDelimiter();
        bufByte(out, 42);
        pos++;
      }
    } else if (c == 63) {
      notDelimiter();
      pos++;
    } else if (c == 91) {
      parseClass();
    } else if (c == 123) {
      pos++;
      bufText(out, "(?:");
      parseSequence(true);
      while (!failed && pos < end && load<u8>(pos) == 44) {
        pos++;
        bufByte(out, 124);
        parseSequence(true);
      }
      if (failed || pos >= end || load<u8>(pos) != 125) {
        failed = true;
        return;
      }
      pos++;
      bufByte(out, 41);
    } else if (c == 92) {
      if (pos + 1 >= end) {
        failed = true;
        return;
      }
      pos++;
      literalAt();
    } else if (c == 93 || c == 125) {
      failed = true;
      return;
    } else {
      literalAt();
    }
  }
}

/** Writes the regex for the glob into a new buffer; 0 if the glob is malformed. */
export function globToRegex(p: u32, n: u32, delimiters: u32, delimitersLen: u32): u32 {
  end = p + n;
  pos = p;
  delims = delimiters;
  ndelims = delimitersLen;
  failed = false;
  out = bufNew(n * 2 + 16);
  bufByte(out, 94);
  parseSequence(false);
  bufByte(out, 36);
  return failed ? 0 : out;
}
