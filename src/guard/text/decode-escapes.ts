/**
 * Undoes the encodings attackers wrap path and command payloads in, the way a
 * lenient server would: percent-encoding (any number of layers), `%uXXXX`,
 * `\xHH` / `\uHHHH` escapes, and overlong UTF-8 (`%c0%ae` is "."), which strict
 * decoders reject but old and hand-rolled ones accept.
 */

const maxLayers = 4;

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 102);
}

function hexRun(text: string, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) if (!isHex(text.charCodeAt(i))) return false;
  return true;
}

/** Length of the escape starting at `i` (`%HH`, `%uHHHH`, `\xHH`, `\uHHHH`), or 0. */
function escapeLengthAt(text: string, i: number): number {
  const next = text.charCodeAt(i + 1) | 32;
  if (text.charCodeAt(i) === 37) {
    if (hexRun(text, i + 1, 2)) return 3;
    return next === 117 && hexRun(text, i + 2, 4) ? 6 : 0;
  }
  if (next === 120) return hexRun(text, i + 2, 2) ? 4 : 0;
  return next === 117 && hexRun(text, i + 2, 4) ? 6 : 0;
}

/**
 * [start, end) of each escape of the kinds decoded here, in text order and
 * not overlapping: what `matchAll` of
 * `/%[0-9a-fA-F]{2}|%[uU][0-9a-fA-F]{4}|\\[xX][0-9a-fA-F]{2}|\\[uU][0-9a-fA-F]{4}/g`
 * finds, found from each "%" and "\" with `indexOf` (many times faster on a
 * large text than the regex, which tries every position). `first` stops at
 * the first one. Command and prompt injection both ask for the spans of the
 * same argument: the last text's are kept, and handed out again, so callers
 * must not modify them.
 */
export function escapeSpans(text: string, first = false): Array<[number, number]> {
  if (first) return findEscapeSpans(text, true);
  if (text !== lastText) {
    lastSpans = findEscapeSpans(text, false);
    lastText = text;
  }
  return lastSpans;
}

let lastText = '';
let lastSpans: Array<[number, number]> = [];

function findEscapeSpans(text: string, first: boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let percent = text.indexOf('%');
  let backslash = text.indexOf('\\');
  while (percent >= 0 || backslash >= 0) {
    const i = backslash < 0 || (percent >= 0 && percent < backslash) ? percent : backslash;
    const length = escapeLengthAt(text, i);
    const resume = length > 0 ? i + length : i + 1;
    if (length > 0) {
      spans.push([i, i + length]);
      if (first) break;
    }
    if (percent >= 0 && percent < resume) percent = text.indexOf('%', resume);
    if (backslash >= 0 && backslash < resume) backslash = text.indexOf('\\', resume);
  }
  return spans;
}

/** Successively decoded forms of `text`, each different from the one before; empty when nothing is encoded. */
export function decodedLayers(text: string): string[] {
  const layers: string[] = [];
  let current = text;
  for (let i = 0; i < maxLayers && escapeSpans(current, true).length > 0; i++) {
    const next = decodeOnce(current);
    if (next === current) break;
    layers.push(next);
    current = next;
  }
  return layers;
}

function hexAt(text: string, start: number, length: number): number {
  if (start + length > text.length) return -1;
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = parseInt(text[i], 16);
    if (Number.isNaN(digit)) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Reads one escaped byte (`%HH` or `\xHH`) at `i`: [byte, length] or undefined. */
function escapedByteAt(text: string, i: number): [number, number] | undefined {
  const c = text[i];
  if (c === '%') {
    const byte = hexAt(text, i + 1, 2);
    return byte < 0 ? undefined : [byte, 3];
  }
  if (c === '\\' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
    const byte = hexAt(text, i + 2, 2);
    return byte < 0 ? undefined : [byte, 4];
  }
  return undefined;
}

/** Reads one escaped UTF-16 unit (`%uHHHH` or `\uHHHH`) at `i`. */
function escapedUnitAt(text: string, i: number): number {
  const c = text[i];
  if ((c === '%' || c === '\\') && (text[i + 1] === 'u' || text[i + 1] === 'U')) return hexAt(text, i + 2, 4);
  return -1;
}

function decodeOnce(text: string): string {
  const parts: string[] = [];
  // Next positions of each escape introducer, refreshed only once passed, so the scan stays linear.
  let nextPercent = -1;
  let nextBackslash = -1;
  let i = 0;
  while (i < text.length) {
    if (nextPercent !== text.length && nextPercent < i) nextPercent = indexOrEnd(text, '%', i);
    if (nextBackslash !== text.length && nextBackslash < i) nextBackslash = indexOrEnd(text, '\\', i);
    const candidate = Math.min(nextPercent, nextBackslash);
    if (candidate > i) parts.push(text.slice(i, candidate));
    i = candidate;
    if (i >= text.length) break;
    const unit = escapedUnitAt(text, i);
    if (unit >= 0) {
      parts.push(String.fromCharCode(unit));
      i += 6;
      continue;
    }
    const bytes: number[] = [];
    for (let escaped = escapedByteAt(text, i); escaped; escaped = escapedByteAt(text, i)) {
      bytes.push(escaped[0]);
      i += escaped[1];
    }
    if (bytes.length > 0) {
      parts.push(decodeUtf8Leniently(bytes));
      continue;
    }
    parts.push(text[i]);
    i++;
  }
  return parts.join('');
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const index = text.indexOf(needle, from);
  return index < 0 ? text.length : index;
}

/** UTF-8 that also accepts overlong forms; anything else malformed becomes U+FFFD. */
export function decodeUtf8Leniently(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc0 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf8 ? 4 : 0;
    if (length === 0) {
      out += '\uFFFD';
      i++;
      continue;
    }
    let code = length === 1 ? lead : lead & (0xff >> (length + 1));
    let valid = i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) valid = false;
      else code = (code << 6) | (next & 0x3f);
    }
    if (!valid || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      out += '\uFFFD';
      i++;
      continue;
    }
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}
