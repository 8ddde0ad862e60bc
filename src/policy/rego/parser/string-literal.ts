/**
 * Decodes the inside of a double-quoted Rego string whose escapes the lexer
 * has already validated. Like OPA (which decodes with Go's JSON decoder), a
 * `\u` surrogate pair becomes one character and a lone surrogate becomes
 * U+FFFD.
 */
export function decodeStringLiteral(input: string, start: number, end: number): string {
  let out = '';
  let chunk = start;
  let i = start;
  while (i < end) {
    if (input.charCodeAt(i) !== 92) {
      i++;
      continue;
    }
    out += input.slice(chunk, i);
    const e = input.charCodeAt(i + 1);
    if (e === 117 /* u */) {
      const unit = parseInt(input.slice(i + 2, i + 6), 16);
      i += 6;
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const low = followingLowSurrogate(input, i, end);
        if (low >= 0) {
          out += String.fromCharCode(unit, low);
          i += 6;
        } else {
          out += '\ufffd';
        }
      } else if (unit >= 0xdc00 && unit <= 0xdfff) {
        out += '\ufffd';
      } else {
        out += String.fromCharCode(unit);
      }
    } else {
      out += simpleEscape(e);
      i += 2;
    }
    chunk = i;
  }
  return out + input.slice(chunk, end);
}

function followingLowSurrogate(input: string, at: number, end: number): number {
  if (at + 6 > end || input.charCodeAt(at) !== 92 || input.charCodeAt(at + 1) !== 117) return -1;
  const unit = parseInt(input.slice(at + 2, at + 6), 16);
  return unit >= 0xdc00 && unit <= 0xdfff ? unit : -1;
}

function simpleEscape(c: number): string {
  switch (c) {
    case 98:
      return '\b';
    case 102:
      return '\f';
    case 110:
      return '\n';
    case 114:
      return '\r';
    case 116:
      return '\t';
    default:
      return String.fromCharCode(c); // " \ /
  }
}
