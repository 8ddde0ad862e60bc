/**
 * Text hidden in base64: runs of base64 (standard or URL-safe alphabet) that
 * decode to readable UTF-8. Used where a model or a program downstream could
 * decode the payload (prompt injection, secrets); not for paths.
 */

const minRunLength = 16;
const maxRunLength = 1 << 20;
const maxNesting = 2;
const base64Run = new RegExp(`[A-Za-z0-9+/_-]{${minRunLength},}={0,2}`, 'g');
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
  for (const match of text.matchAll(base64Run)) {
    const run = match[0];
    if (run.length > maxRunLength) continue;
    const decoded = decodeReadable(run);
    if (decoded === undefined) continue;
    // Offsets inside a decoded text mean nothing in the original: nested payloads point at the outer run.
    const range = outer ?? { start: match.index, end: match.index + run.length };
    out.push({ ...range, text: decoded });
    if (depth < maxNesting) collect(decoded, depth + 1, out, range);
  }
}

/** The readable UTF-8 text a base64 run decodes to, or undefined for binary data and non-base64. */
export function decodeReadable(run: string): string | undefined {
  const body = run.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  let text: string;
  try {
    text = utf8.decode(Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64'));
  } catch {
    return undefined;
  }
  if (text.length < 8) return undefined;
  let readable = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x20 && code < 0x7f) || code === 0x09 || code === 0x0a || code === 0x0d || code >= 0xa0) readable++;
  }
  return readable / text.length >= 0.95 ? text : undefined;
}
