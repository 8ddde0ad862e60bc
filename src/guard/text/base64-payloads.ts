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
  for (const [start, end] of charRuns(text, base64Chars, minRunLength, { cache: depth === 1 })) {
    if (end - start > maxRunLength) continue;
    const decoded = decodeReadable(text.slice(start, end));
    if (decoded === undefined) continue;
    // Offsets inside a decoded text mean nothing in the original: nested payloads point at the outer run.
    const range = outer ?? { start, end };
    out.push({ ...range, text: decoded });
    if (depth < maxNesting) collect(decoded, depth + 1, out, range);
  }
}

/**
 * Cheap tests that rule out most non-base64 runs (words, identifiers, paths)
 * before decoding. In base64 of text, the first character of each 4-character
 * group carries the top six bits of a byte, which for ASCII is below 32
 * (A-Z, a-f); UTF-8 text may break that for a minority of groups.
 */
function plausibleBase64(body: string): boolean {
  if (body.length % 4 === 1) return false;
  const urlSafe = body.includes('-') || body.includes('_');
  if (urlSafe && (body.includes('+') || body.includes('/'))) return false;
  let groups = 0;
  let asciiLed = 0;
  for (let i = 0; i < body.length; i += 4) {
    const c = body.charCodeAt(i);
    groups++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 102)) asciiLed++;
  }
  return asciiLed >= groups * 0.7;
}

/** The readable UTF-8 text a base64 run decodes to, or undefined for binary data and non-base64. */
export function decodeReadable(run: string): string | undefined {
  const body = run.endsWith('=') ? run.replace(/=+$/, '') : run;
  if (!plausibleBase64(body)) return undefined;
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
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  for (const char of text) if (char.codePointAt(0)! >= 0x80) readable++;
  return readable / bytes.length >= 0.95 ? text : undefined;
}
