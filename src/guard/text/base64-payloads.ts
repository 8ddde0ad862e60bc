import { isUtf8 } from 'node:buffer';
import { codeUnits } from './code-units.js';
import { asciiSet, charRuns } from './char-runs.js';

/**
 * Text hidden in base64: runs of base64 (standard or URL-safe alphabet) that
 * decode to readable UTF-8. Used where a model or a program downstream could
 * decode the payload (prompt injection, secrets); not for paths.
 */

/** 18 bytes: shorter payloads cannot hold a credential or an instruction worth finding. */
const minRunLength = 24;
const maxRunLength = 1 << 20;
const maxNesting = 2;
/** Padding is left out: decoding does not need it, and a run like `key=...` must still start after the `=`. */
export const base64Chars = asciiSet('A-Za-z0-9+/_-');
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedPayload {
  /** Offset of the run in the text it was found in (the outermost text for nested payloads). */
  start: number;
  end: number;
  text: string;
}

export function decodeBase64Payloads(text: string): DecodedPayload[] {
  const payloads: DecodedPayload[] = [];
  collect(text, 1, payloads);
  return payloads;
}

function collect(text: string, depth: number, out: DecodedPayload[], outer?: { start: number; end: number }): void {
  // Decoded payloads are scanned past the cache, which keeps the argument's runs for the secret scan.
  const runs = charRuns(text, base64Chars, minRunLength, { cache: depth === 1 });
  if (runs.length === 0) return;
  const units = codeUnits(text);
  for (const [start, end] of runs) {
    if (end - start > maxRunLength) continue;
    const decoded = decodeRun(text, units, start, end);
    if (decoded === undefined) continue;
    // Offsets inside a decoded text mean nothing in the original: nested payloads point at the outer run.
    const range = outer ?? { start, end };
    out.push({ ...range, text: decoded });
    if (depth < maxNesting) collect(decoded, depth + 1, out, range);
  }
}

/** Per code unit, 1 for A-Z and a-f: the first character of a group of base64 of an ASCII byte. */
const leadsAscii = new Uint8Array(65536);
leadsAscii.fill(1, 65, 91);
leadsAscii.fill(1, 97, 103);

/**
 * Cheap tests that rule out most non-base64 bodies (words, identifiers, paths,
 * hex) before decoding: `units` [start, end). In base64 of text, the first
 * character of each 4-character group carries the top six bits of a byte,
 * which for ASCII is below 32 (A-Z, a-f); UTF-8 text may break that for a
 * minority of groups. That test reads a quarter of the characters, stops
 * soon after too many groups fail it, and rules out most runs, so it goes
 * first; then one alphabet only.
 */
export function plausibleBase64(units: Uint16Array, start: number, end: number): boolean {
  if ((end - start) % 4 === 1) return false;
  const groups = Math.ceil((end - start) / 4);
  const needed = groups * 0.7;
  let asciiLed = 0;
  // Counted without a branch per group (whether a group leads with an ASCII character is a coin toss in binary data),
  // checked every `stride` groups: even if every group left led with an ASCII character, would too few?
  const stride = 64;
  for (let block = start; block < end; block += 4 * stride) {
    const blockEnd = Math.min(end, block + 4 * stride);
    for (let i = block; i < blockEnd; i += 4) asciiLed += leadsAscii[units[i]];
    if (asciiLed + groups - Math.ceil((blockEnd - start) / 4) < needed) return false;
  }
  if (asciiLed < needed) return false;
  let urlSafe = false;
  let standard = false;
  for (let i = start; i < end; i++) {
    const c = units[i];
    if (c === 0x2d || c === 0x5f) urlSafe = true;
    else if (c === 0x2b || c === 0x2f) standard = true;
  }
  return !(urlSafe && standard);
}

/** The readable UTF-8 text a base64 run decodes to, or undefined for binary data and non-base64. */
export function decodeReadable(run: string): string | undefined {
  const body = run.endsWith('=') ? run.replace(/=+$/, '') : run;
  return plausibleBase64(codeUnits(body), 0, body.length) ? decodePlausible(body) : undefined;
}

/**
 * `decodeReadable` of the run [start, end) of `text` (base64 characters, no
 * padding), read from the text's `units`: most runs (identifiers, paths) are
 * ruled out before being copied out of the text.
 */
export function decodeRun(text: string, units: Uint16Array, start: number, end: number): string | undefined {
  return plausibleBase64(units, start, end) ? decodePlausible(text.slice(start, end)) : undefined;
}

/** The readable text a base64 body (no padding) that passed `plausibleBase64` decodes to. */
function decodePlausible(body: string): string | undefined {
  const bytes = Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64');
  if (bytes.length < 8) return undefined;
  let readable = 0;
  let nonAscii = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d) readable++;
    else if (b >= 0x80) nonAscii = true;
    else return undefined;
  }
  if (!nonAscii) return bytes.toString('latin1');
  // The decoder throws on invalid UTF-8, and a thrown error costs microseconds: `isUtf8` (the same rules) answers first.
  if (!isUtf8(bytes)) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  for (const char of text) if (char.codePointAt(0)! >= 0x80) readable++;
  return readable / bytes.length >= 0.95 ? text : undefined;
}
