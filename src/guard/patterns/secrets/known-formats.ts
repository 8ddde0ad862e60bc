import { base64Chars } from '../../text/base64-payloads.js';
import { codeUnits } from '../../text/code-units.js';
import { asciiSet, charRuns } from '../../text/char-runs.js';
import { caseless } from '../caseless.js';
import { allMatches, matchesStartingAt, type TextMatch } from '../text-match.js';
import { holdsPemBegin } from './pem-marker.js';
import { PrefixIndex } from './run-prefixes.js';
import { authorizationAnchor, awsSecretAnchor, awsSecretNames, matchesBeforeSeparators, schemeSeparators, type SeparatorAnchor } from './separator-anchors.js';

/**
 * Credentials with a recognisable shape. Patterns start with a literal prefix
 * (fast to search for) and repeat only boundedly, so each start costs a
 * bounded amount: linear time. That the token does not continue a longer word
 * is checked on the character before the match (`notAfter`) rather than with
 * a lookbehind, which would stop V8 from searching for the prefix. Patterns
 * whose long runs (up to 250 characters) can contain their own prefix, and
 * the unbounded JWT, keep a lookbehind instead, so they only start where a
 * token starts: otherwise "sk-sk-sk-..." would cost a 250-character scan every
 * three characters. (`ghp_` and `sk_live_` runs stop at the next "_".)
 */
interface SecretFormat {
  kind: string;
  label: string;
  /** Global; with the `d` flag when `valueGroup` is set. */
  pattern: RegExp;
  /** The capture group holding the secret itself, when the pattern also matches its surroundings. */
  valueGroup?: number;
  /** Extra check on the matched value, for shapes that ordinary words can take. */
  accept?: (value: string) => boolean;
  /** Characters that, right before the match, mean it is the middle of a longer token. */
  notAfter?: RegExp;
  /**
   * Strings, exactly as written, one of which every match contains: when the
   * text holds none, the pattern is not run. `includes` finds a literal (or
   * its absence) several times faster than the regex engine scans for the
   * pattern (most of all a literal starting with a rare character: `_live_`
   * rather than `sk_live_`). Left out for patterns matched in either case and
   * for literals as costly to look for as the pattern (`sk-`, `AKIA`). Large
   * texts use `runPrefixes`, `urlPrefix` or `startLiteral` instead where a format has them.
   */
  literals?: string[];
  /**
   * Every match starts with one of these and lies inside one run of 20 or
   * more base64 characters (its own characters are base64 characters and it
   * is at least 20 long): a large text is searched by trying the pattern only
   * where its runs hold one of the prefixes (run-prefixes.ts).
   */
  runPrefixes?: string[];
  /**
   * Every match starts with this URL prefix: a large text is searched by
   * trying the pattern only at the URLs (found from their "://") that start
   * with it.
   */
  urlPrefix?: string;
  /** Every match starts with this: a large text is searched by trying the pattern only where `indexOf` finds it. */
  startLiteral?: string;
  /** The pattern starts with a name and a separator: it is tried only just before such separators (separator-anchors.ts). */
  anchor?: SeparatorAnchor;
}

/** The shortest run a `runPrefixes` format can lie in: an AWS key ID, 20 characters. */
const minRunLength = 20;
/** Below this length, scanning the text for each format's literals costs less than finding the places to try. */
const startsMinimum = 16 * 1024;

const alnum = /[A-Za-z0-9]/;
const word = /[A-Za-z0-9_]/;
const wordOrDash = /[A-Za-z0-9_-]/;

const mixedAlphanumeric = (value: string) => /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);

const secretFormats: SecretFormat[] = [
  {
    kind: 'secret.aws_access_key_id',
    label: 'AWS access key ID',
    pattern: /(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
    notAfter: alnum,
    runPrefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  },
  {
    kind: 'secret.aws_secret_access_key',
    label: 'AWS secret access key',
    pattern: new RegExp(awsSecretNames + String.raw`["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`, 'dg'),
    notAfter: alnum,
    valueGroup: 1,
    anchor: awsSecretAnchor,
  },
  {
    kind: 'secret.github_token',
    literals: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', '_pat_'],
    label: 'GitHub token',
    pattern: /(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    notAfter: word,
    runPrefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  },
  {
    kind: 'secret.gitlab_token',
    literals: ['glpat-'],
    label: 'GitLab token',
    pattern: /glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    notAfter: wordOrDash,
    runPrefixes: ['glpat-'],
  },
  {
    kind: 'secret.slack_token',
    literals: ['xox'],
    startLiteral: 'xox',
    label: 'Slack token',
    pattern: /(?<![A-Za-z0-9_-])xox[abposre]-[A-Za-z0-9-]{10,250}/g,
  },
  {
    kind: 'secret.slack_webhook',
    literals: ['https://hooks.slack.com/'],
    urlPrefix: 'https://hooks.slack.com/',
    label: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9]{8,12}\/[A-Za-z0-9]{8,12}\/[A-Za-z0-9]{20,32}/g,
  },
  {
    kind: 'secret.stripe_key',
    literals: ['_live_', '_test_'],
    label: 'Stripe secret key',
    pattern: /[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
    notAfter: word,
    runPrefixes: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
  },
  {
    kind: 'secret.stripe_webhook_secret',
    literals: ['whsec_'],
    label: 'Stripe webhook signing secret',
    pattern: /whsec_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_])/g,
    notAfter: word,
    runPrefixes: ['whsec_'],
  },
  {
    kind: 'secret.google_api_key',
    literals: ['AIza'],
    label: 'Google API key',
    pattern: /AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    notAfter: wordOrDash,
    runPrefixes: ['AIza'],
  },
  {
    kind: 'secret.anthropic_api_key',
    literals: ['-ant-'],
    label: 'Anthropic API key',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{2,10}\d{2}-[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g,
    runPrefixes: ['sk-ant-'],
  },
  {
    kind: 'secret.openai_api_key',
    label: 'OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    accept: mixedAlphanumeric,
    runPrefixes: ['sk-'],
  },
  {
    kind: 'secret.npm_token',
    label: 'npm access token',
    pattern: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    notAfter: word,
    runPrefixes: ['npm_'],
  },
  {
    kind: 'secret.azure_storage_key',
    literals: ['Key='],
    startLiteral: 'AccountKey=',
    label: 'Azure storage account key',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/dg,
    valueGroup: 1,
  },
  {
    kind: 'secret.jwt',
    // The payload's "eyJ" after the header: much faster to look for than the header's, which starts many words.
    literals: ['.eyJ'],
    startLiteral: 'eyJ',
    label: 'JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{8,}/g,
  },
  {
    kind: 'secret.bearer_token',
    label: 'HTTP authorization credential',
    pattern: new RegExp(
      caseless('authorization') + String.raw`["']?\s{0,4}[:=]\s{0,4}["']?` + caseless('(?:bearer|basic|token)') + String.raw`\s{1,4}([A-Za-z0-9._~+/=-]{16,})`,
      'dg',
    ),
    notAfter: alnum,
    valueGroup: 1,
    anchor: authorizationAnchor,
  },
];

const privateKeyBegin = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const maxPemLength = 64 * 1024;

/** PEM private key blocks, from BEGIN to the end of the matching END line (or of the key body). */
function findPrivateKeys(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  if (!holdsPemBegin(text)) return matches;
  let coveredUntil = 0;
  // The next END marker, looked up again only once passed, so many BEGINs cost one scan.
  let endMarker = -1;
  let searchedEnd = false;
  for (const match of allMatches(privateKeyBegin, text)) {
    if (match.index < coveredUntil) continue;
    const bodyStart = match.index + match[0].length;
    if (!searchedEnd || (endMarker >= 0 && endMarker < bodyStart)) {
      endMarker = text.indexOf('-----END', bodyStart);
      searchedEnd = true;
    }
    let end: number;
    if (endMarker >= 0 && endMarker - bodyStart <= maxPemLength) {
      const close = text.indexOf('-----', endMarker + 8);
      end = close >= 0 && close - endMarker < 80 ? close + 5 : endMarker + 8;
    } else {
      end = bodyStart;
      while (end < text.length && end - bodyStart < maxPemLength && /[A-Za-z0-9+/=\s:,-]/.test(text[end])) end++;
    }
    matches.push({ kind: 'secret.private_key', label: 'private key', start: match.index, end });
    coveredUntil = end;
  }
  return matches;
}

const maxUrlPartLength = 128;
const placeholderPassword = /^(?:\*+|x+|\$\{?\w+\}?|<[^>]*>|password|pass|secret|pwd)$/i;
const schemeChars = asciiSet('A-Za-z0-9+.-');

function isUrlCredentialChar(code: number): boolean {
  // Not whitespace, ':', '/', '@', quotes or angle brackets (`undefined`, past the end, is none either).
  return code > 0x20 && code !== 0x3a && code !== 0x2f && code !== 0x40 && code !== 0x22 && code !== 0x27 && code !== 0x3c && code !== 0x3e;
}

/** `scheme://user:password@host`: found from each "://" (`separators`) with bounded scans. */
function findUrlPasswords(text: string, separators: readonly number[]): TextMatch[] {
  const matches: TextMatch[] = [];
  if (separators.length === 0) return matches;
  const units = codeUnits(text);
  for (const sep of separators) {
    if (sep === 0) continue;
    const before = units[sep - 1];
    if (before >= 128 || schemeChars[before] === 0) continue;
    let i = sep + 3;
    const userStart = i;
    while (i - userStart < maxUrlPartLength && isUrlCredentialChar(units[i])) i++;
    if (i === userStart || units[i] !== 0x3a) continue;
    const passwordStart = ++i;
    while (i - passwordStart < maxUrlPartLength && isUrlCredentialChar(units[i])) i++;
    if (i === passwordStart || units[i] !== 0x40) continue;
    if (placeholderPassword.test(text.slice(passwordStart, i))) continue;
    matches.push({ kind: 'secret.url_password', label: 'password in a URL', start: passwordStart, end: i });
  }
  return matches;
}

/** Whether the code units from `position` on spell `literal`. */
function unitsStartWith(units: Uint16Array, position: number, literal: string): boolean {
  if (position < 0 || position + literal.length > units.length) return false;
  for (let k = 0; k < literal.length; k++) if (units[position + k] !== literal.charCodeAt(k)) return false;
  return true;
}

/** Where the URLs (their "://" at `schemes`) that start with `prefix` start, in text order. */
function urlsStartingWith(prefix: string, units: Uint16Array, schemes: readonly number[]): number[] {
  const offset = prefix.indexOf('://');
  // Past the "://" every scheme position has, the host tells URLs apart sooner than the scheme: it is compared first.
  const host = prefix.slice(offset + 3);
  const scheme = prefix.slice(0, offset);
  const starts: number[] = [];
  for (const sep of schemes) {
    if (unitsStartWith(units, sep + 3, host) && unitsStartWith(units, sep - offset, scheme)) starts.push(sep - offset);
  }
  return starts;
}

const runFormats = secretFormats.filter((format) => format.runPrefixes !== undefined);
const runPrefixIndex = new PrefixIndex(runFormats.map((format) => format.runPrefixes!));

/**
 * A pattern starting with this lookbehind matches only where no token
 * character comes before: its candidates elsewhere are dropped before the
 * regex runs (in "sk-sk-sk-..." every third position is a candidate).
 */
const tokenStart = '(?<![A-Za-z0-9_-])';
const tokenChars = asciiSet('A-Za-z0-9_-');

function atTokenStart(units: Uint16Array, positions: number[]): number[] {
  return positions.filter((p) => p === 0 || units[p - 1] >= 128 || tokenChars[units[p - 1]] === 0);
}

/** More candidate places than one per this many characters: the formats' own regex scans are cheaper (and bounded). */
const denseCandidates = 64;

/**
 * For the formats with `runPrefixes`, a `urlPrefix` or a `startLiteral`,
 * every position where one of their matches can start, in text order: where
 * their prefixes start inside runs, where a URL starts with their prefix,
 * where their literal is. The `runPrefixes` formats are left out when their
 * prefixes are dense (they then scan the text).
 */
function candidateStarts(text: string, schemes: readonly number[]): Map<SecretFormat, number[]> {
  const units = codeUnits(text);
  const starts = new Map<SecretFormat, number[]>();
  const runs = charRuns(text, base64Chars, minRunLength);
  runPrefixIndex.positions(text, runs, text.length / denseCandidates)?.forEach((positions, k) => {
    const format = runFormats[k];
    starts.set(format, format.pattern.source.startsWith(tokenStart) ? atTokenStart(units, positions) : positions);
  });
  for (const format of secretFormats) {
    if (format.urlPrefix !== undefined) starts.set(format, urlsStartingWith(format.urlPrefix, units, schemes));
    // The format's `literals` first: `eyJ` starts with a common letter, `.eyJ` is quick to rule out.
    if (format.startLiteral !== undefined) starts.set(format, mayMatch(format, text) ? occurrences(text, format.startLiteral) : []);
  }
  return starts;
}

/** Where `literal` starts in `text`, overlapping occurrences included, in text order. */
function occurrences(text: string, literal: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) found.push(at);
  return found;
}

/** False when the text holds none of the strings every match of `format` contains. */
function mayMatch(format: SecretFormat, text: string): boolean {
  return !format.literals || format.literals.some((literal) => text.includes(literal));
}

/** The matches of `format` in `text`: tried at `starts` when given, just before its separators when it has an anchor. */
function formatMatches(format: SecretFormat, text: string, starts: number[] | undefined): RegExpExecArray[] {
  if (format.anchor) return matchesBeforeSeparators(format.pattern, format.anchor, text);
  if (starts) return matchesStartingAt(format.pattern, text, starts);
  return mayMatch(format, text) ? allMatches(format.pattern, text) : [];
}

/**
 * Every credential of a known format in `text`, in text order. `viaStarts`
 * (the default for large texts) tries the formats with `runPrefixes`, a
 * `urlPrefix` or a `startLiteral` only where their matches can start instead
 * of scanning the whole text for them; the results are the same either way.
 */
export function findKnownSecrets(text: string, viaStarts = text.length >= startsMinimum): TextMatch[] {
  const schemes = schemeSeparators(text);
  const matches = [...findPrivateKeys(text), ...findUrlPasswords(text, schemes)];
  const starts = viaStarts ? candidateStarts(text, schemes) : undefined;
  for (const format of secretFormats) {
    for (const match of formatMatches(format, text, starts?.get(format))) {
      const span = format.valueGroup === undefined ? [match.index, match.index + match[0].length] : match.indices?.[format.valueGroup];
      if (!span) continue;
      if (format.notAfter && match.index > 0 && format.notAfter.test(text[match.index - 1])) continue;
      const value = text.slice(span[0], span[1]);
      if (format.accept && !format.accept(value)) continue;
      matches.push({ kind: format.kind, label: format.label, start: span[0], end: span[1] });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}
