import { foldForMatching } from './normalize-text.js';

/**
 * Finds secret-looking substrings in free text (command lines, URLs, headers,
 * file contents). Known token formats first; a strict high-entropy rule last.
 * `secretGroup` names the capture group holding the secret itself when the
 * pattern also matches its label ("Bearer ", "password=").
 */
interface SecretPattern {
  kind: string;
  pattern: RegExp;
  secretGroup?: number;
  /** Rejects look-alikes the regular expression cannot tell apart (prose, paths, hashes). */
  accept?: (found: RegExpExecArray) => boolean;
}

const SECRET_PATTERNS: SecretPattern[] = [
  { kind: 'private-key', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g },
  { kind: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'stripe-key', pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'api-key', pattern: /\bsk-[A-Za-z0-9_-]{20,}/g },
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: 'bearer-credential',
    pattern: /\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/-]{8,}=*)/dgi,
    secretGroup: 1,
    // "Basic authentication" is prose; a credential has capitals, digits or symbols.
    accept: (found) => /[A-Z0-9._~+/=]/.test(found[1] ?? ''),
  },
  { kind: 'url-credentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/dgi, secretGroup: 1 },
  {
    kind: 'assigned-secret',
    pattern: /\b[\w.-]*?(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)(["']?)\s*([:=])\s*("[^"\n]*"|'[^'\n]*'|[^\s,;&"'}]+)/dgi,
    secretGroup: 3,
    // "password=x" always; "password: x" only when quoted or not a plain word ("Password: click here").
    accept: (found) => found[2] === '=' || found[1] !== '' || !/^[A-Za-z]+$/.test(found[3] ?? ''),
  },
  { kind: 'high-entropy', pattern: /[A-Za-z0-9+/_=-]{32,}/g, accept: (found) => looksRandom(found[0]) },
];

export interface SecretMatch {
  kind: string;
  start: number;
  end: number;
}

const MIN_ENTROPY_BITS_PER_CHAR = 4.5;

/** Random-looking: mixed case and digits, not hex, high Shannon entropy per character. */
function looksRandom(token: string): boolean {
  const alnum = token.replace(/[^A-Za-z0-9]/g, '');
  if (!/[a-z]/.test(alnum) || !/[A-Z]/.test(alnum) || !/[0-9]/.test(alnum)) return false;
  if (/^[0-9a-fA-F]*$/.test(alnum)) return false;
  const counts = new Map<string, number>();
  for (const char of token) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / token.length;
    entropy -= p * Math.log2(p);
  }
  return entropy >= MIN_ENTROPY_BITS_PER_CHAR;
}

// No pattern matches fewer characters than this ("pass=x1").
const SHORTEST_SECRET_TEXT = 7;

export function findSecrets(text: string): SecretMatch[] {
  const matches: SecretMatch[] = [];
  if (text.length < SHORTEST_SECRET_TEXT) return matches;
  const covered = (start: number, end: number) => matches.some((m) => start < m.end && end > m.start);
  for (const { kind, pattern, secretGroup, accept } of SECRET_PATTERNS) {
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      if (found[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      let start = found.index;
      let end = start + found[0].length;
      if (secretGroup !== undefined) {
        const span = found.indices?.[secretGroup];
        if (span === undefined) continue;
        [start, end] = span;
      }
      if (accept !== undefined && !accept(found)) continue;
      if (!covered(start, end)) matches.push({ kind, start, end });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

export interface RedactedText {
  text: string;
  /** Kinds of secret found, in order of appearance; empty when nothing was redacted. */
  kinds: string[];
}

function replaceMatches(text: string, matches: SecretMatch[]): string {
  let out = '';
  let last = 0;
  for (const match of matches) {
    out += `${text.slice(last, match.start)}[REDACTED:${match.kind}]`;
    last = match.end;
  }
  return out + text.slice(last);
}

function percentDecoded(text: string): string | undefined {
  if (!/%[0-9a-f]{2}/i.test(text)) return undefined;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Replaces each secret with `[REDACTED:<kind>]`. A secret that shows once the
 * text is folded (zero-width characters, fullwidth forms, a lone surrogate) or
 * percent-decoded cannot be cut out in place, so the whole string is replaced.
 */
export function redactSecretsInText(text: string): RedactedText {
  const direct = findSecrets(text);
  for (const [variant, label] of [
    [foldForMatching(text), 'obfuscated'],
    [percentDecoded(text), 'percent-encoded'],
  ] as const) {
    if (variant === undefined || variant === text) continue;
    const hidden = findSecrets(variant);
    if (hidden.length > 0) {
      const kinds = [...direct.map((m) => m.kind), ...hidden.map((m) => m.kind)];
      return { text: `[REDACTED:${hidden[0].kind}, ${label}]`, kinds };
    }
  }
  return { text: direct.length > 0 ? replaceMatches(text, direct) : text, kinds: direct.map((m) => m.kind) };
}
