import type { TextMatch } from '../text-match.js';

const maxLocalLength = 64;
const maxDomainLength = 253;

function isLocalChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d // . _ % + -
  );
}

function isDomainChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ||
    code === 0x2e || code === 0x2d
  );
}

const validDomain = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
const retinaSuffix = /^\d+(?:\.\d+)?x\./i; // icon@2x.png, logo@1.5x.webp

/**
 * Email addresses, found from each "@" outwards with bounded scans (so the
 * cost is linear in the text, whatever it holds). Skips image density
 * suffixes (`icon@2x.png`) and scp-style remotes (`git@github.com:org/repo`).
 */
export function findEmails(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  let searchFrom = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', searchFrom)) {
    searchFrom = at + 1;
    let start = at;
    while (start > 0 && at - start < maxLocalLength && isLocalChar(text.charCodeAt(start - 1))) start--;
    if (start > 0 && isLocalChar(text.charCodeAt(start - 1))) continue; // local part too long
    while (start < at && text[start] === '.') start++;
    let end = at + 1;
    while (end < text.length && end - at - 1 < maxDomainLength && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    if (start === at || end === at + 1) continue;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (local.endsWith('.') || local.includes('..')) continue;
    if (!validDomain.test(domain) || retinaSuffix.test(domain)) continue;
    if (text[end] === ':' && /^[\w.-]*\//.test(text.slice(end + 1, end + 64))) continue;
    matches.push({ kind: 'pii.email', label: 'email address', start, end });
    searchFrom = end;
  }
  return matches;
}
