import { base64Chars, decodeRun } from '../../text/base64-payloads.js';
import { codeUnits } from '../../text/code-units.js';
import { asciiSet, charRuns } from '../../text/char-runs.js';
import { shannonEntropy } from '../../text/entropy.js';
import { allMatches, type TextMatch } from '../text-match.js';
import { holdsPemBegin } from './pem-marker.js';
import { assignmentAnchor, assignmentKeys, matchesBeforeSeparators } from './separator-anchors.js';

/** Names under which credentials are stored: `password`, `DB_PASSWORD`, `apiKey`, `client_secret`, ... */
const secretName = /(?:^|[^a-z0-9])(?:pass(?:word|wd|phrase)?|pwd|secret(?:[_-]?(?:key|access[_-]?key))?|client[_-]?secret|api[_-]?key|access[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|bearer[_-]?token|session[_-]?token|private[_-]?key|token|credentials?)$/i;
const camelCaseSecretName = /(?:Password|Passwd|Secret|ApiKey|AccessKey|AccessToken|AuthToken|RefreshToken|PrivateKey|Token)$/;

const paginationName = /(?:page|next|prev(?:ious)?|continuation|sync|cursor)[_-]?token$/i;

export function isSecretName(name: string): boolean {
  return (secretName.test(name) || camelCaseSecretName.test(name)) && !paginationName.test(name);
}

const placeholder = /^(?:x{3,}|\*{3,}|\.{3,}|#{3,}|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Z_]+%|(?:your|my|the|some|example|sample|dummy|fake|test)[_-]?\w*|changeme|redacted|placeholder|none|null|undefined|true|false|required|optional|string|secret|password|\[redacted[^\]]*\])$/i;
const codeReference = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|[({[\]})]|^\$|^process\.env|^os\.environ|^getenv/i;

/** A value plausibly being a credential rather than a placeholder, a code expression or a plain word. */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 8 || value.length > 512 || /\s/.test(value)) return false;
  if (placeholder.test(value) || codeReference.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  return classes >= 2 && shannonEntropy(value) >= 2.5;
}

/** `password = "..."`, `API_KEY: ...`, `"client_secret": "..."` in free text (config files, env dumps, logs). */
export const assignment = new RegExp(
  `(?<![A-Za-z0-9])${assignmentKeys}` + String.raw`["']?[ \t]{0,4}(?::=|=>|[:=])[ \t]{0,4}(["']?)([^\s"'\`,;)}\]]{8,200})\1`,
  'd',
);

/** What `matchAll` of `assignment` (made global) finds, found from the separators after secret-named keys. */
export function assignmentMatches(text: string): RegExpExecArray[] {
  return matchesBeforeSeparators(assignment, assignmentAnchor, text);
}

function findAssignedSecrets(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  for (const match of assignmentMatches(text)) {
    const [start, end] = match.indices![2];
    if (!looksLikeSecretValue(match[2])) continue;
    matches.push({ kind: 'secret.assigned', label: 'credential assigned to a secret-named key', start, end });
  }
  return matches;
}

/** The base64 alphabets (padding excluded), shared with base64 decoding so the text is scanned for runs once. */
const tokenChars = base64Chars;
const minTokenLength = 32;
const maxTokenLength = 256;
const integrityHash = /^sha(?:1|256|384|512)-/;
/** Alphabet tables (base64 and hex digit strings in code) are as varied as a key but are not one. */
const alphabetTable = /abcdefgh|ABCDEFGH|01234567/;
/** SSH public keys in wire format are base64 of a length-prefixed record, so they start "AAAA". */
const sshWireFormat = /^AAAA[A-Z0-9]/;
/** Certificates and public keys are long base64 lines that are meant to be shared. */
const publicPemBlock = /-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST|PGP PUBLIC KEY BLOCK|PGP SIGNATURE|SSH2 PUBLIC KEY)-----/g;

function publicPemRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // "BEGIN" first: a search starting with a common character ("-") is several times slower.
  if (!holdsPemBegin(text) || !text.includes('BEGIN ') || !text.includes('-----BEGIN ')) return ranges;
  let coveredUntil = 0;
  for (const match of allMatches(publicPemBlock, text)) {
    if (match.index < coveredUntil) continue;
    const end = text.indexOf('-----END ', match.index + match[0].length);
    coveredUntil = end < 0 ? text.length : end;
    ranges.push([match.index, coveredUntil]);
  }
  return ranges;
}

/** Word-like pieces (`Convert`, `basic`, `traits`): identifiers, mangled names and paths are mostly made of them. */
const wordPiece = /[A-Z]?[a-z]{3,}/g;

/**
 * Whether a run reads as an identifier rather than random characters: most of
 * its letters in word-like pieces, or a fair share of them with the vowel rate
 * of words (a third of lower-case letters) rather than of random text (a fifth).
 * Random base62 tokens pass as identifiers about 4% of the time at 32
 * characters, 2% at 64.
 */
function looksLikeIdentifier(run: string): boolean {
  let letters = 0;
  let lower = 0;
  let vowels = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (c >= 97 && c <= 122) {
      letters++;
      lower++;
      if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) vowels++;
    }
  }
  let inWords = 0;
  for (const piece of run.match(wordPiece) ?? []) inWords += piece.length;
  const coverage = letters === 0 ? 0 : inWords / letters;
  return coverage >= 0.6 || (coverage >= 0.25 && lower > 0 && vowels / lower >= 0.33);
}

/** How far back a URL's scheme is looked for. */
const maxUrlReach = 512;

/** What ends a URL's token going back from a run: ASCII white space, an opening parenthesis, quotes, angle brackets. */
const urlTokenBounds = asciiSet('\t\n\v\f\r ("\'<>');
const whiteSpace = /\s/;

function boundsUrlToken(unit: number): boolean {
  return unit < 128 ? urlTokenBounds[unit] === 1 : unit >= 0xa0 && whiteSpace.test(String.fromCharCode(unit));
}

/** Whether the run sits in a URL (`https://host/...<run>`): IDs in URLs are addresses, not credentials. */
function insideUrl(text: string, units: Uint16Array, start: number): boolean {
  let tokenStart = start;
  while (tokenStart > 0 && start - tokenStart < maxUrlReach && !boundsUrlToken(units[tokenStart - 1])) tokenStart--;
  return text.slice(tokenStart, start).includes('://');
}

/**
 * Whether `units` [start, end) hold at least two each of digits, upper-case
 * and lower-case ASCII letters. Digits are counted first, alone: most runs
 * (identifiers, paths) have fewer than two, and a test that is nearly always
 * false costs the processor no mispredicted branches.
 */
function twoOfEachClass(units: Uint16Array, start: number, end: number): boolean {
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = units[i];
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 2) return false;
  let upper = 0;
  let lower = 0;
  for (let i = start; i < end; i++) {
    const c = units[i];
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return upper >= 2 && lower >= 2;
}

/**
 * Random-looking tokens of 32 to 256 characters: at least two each of upper
 * case, lower case and digits, and Shannon entropy of 4.2 bits per character
 * or more (random base62 of that length scores about 4.6; identifiers and
 * prose under 4.1). Hex digests, UUIDs, subresource-integrity hashes, SSH
 * public keys, certificates, base64 of readable text, word-like runs
 * (identifiers, mangled names, paths) and IDs inside URLs are not tokens; longer runs are data (images,
 * archives), not credentials.
 */
function findHighEntropyTokens(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  const runs = charRuns(text, tokenChars, minTokenLength);
  if (runs.length === 0) return matches;
  const shared = publicPemRanges(text);
  const units = codeUnits(text);
  let range = 0;
  for (const [start, end] of runs) {
    // Runs and ranges both come in text order: one pointer walks the ranges.
    while (range < shared.length && shared[range][1] <= start) range++;
    if (end - start > maxTokenLength || (range < shared.length && shared[range][0] <= start)) continue;
    // Most runs (identifiers, paths) fail this: they are ruled out before being copied out of the text.
    if (!twoOfEachClass(units, start, end)) continue;
    const run = text.slice(start, end);
    if (integrityHash.test(run) || sshWireFormat.test(run) || alphabetTable.test(run)) continue;
    if (shannonEntropy(run) < 4.2 || looksLikeIdentifier(run) || decodeRun(text, units, start, end) !== undefined || insideUrl(text, units, start)) continue;
    matches.push({ kind: 'secret.high_entropy', label: 'high-entropy token', start, end });
  }
  return matches;
}

export function findGenericSecrets(text: string): TextMatch[] {
  return [...findAssignedSecrets(text), ...findHighEntropyTokens(text)];
}
