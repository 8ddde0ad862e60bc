import { base64Chars } from '../../text/base64-payloads.js';
import { charRuns } from '../../text/char-runs.js';
import { RunText } from '../../text/run-text.js';
import { caseless } from '../caseless.js';
import { allMatches, type TextMatch } from '../text-match.js';
import { authorizationAnchor, awsSecretAnchor, awsSecretNames, matchesBeforeSeparators, type SeparatorAnchor } from './separator-anchors.js';

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
   * for literals as costly to look for as the pattern (`sk-`, `AKIA`).
   */
  literals?: string[];
  /**
   * Every match lies inside one run of 24 or more base64 characters (its own
   * characters are base64 characters and it is at least 24 long) and its
   * lookaheads and `notAfter` only look for base64 characters: a large text
   * is searched through its joined runs (`RunText`), which finds the same.
   */
  withinRun?: true;
  /**
   * Strings one of which lies inside a base64 run of 24 or more characters of
   * every match: when the joined runs of a large text hold none, the pattern
   * is not run (in place of `literals`, which would search the whole text).
   */
  runLiterals?: string[];
  /** The pattern starts with a name and a separator: it is tried only just before such separators (separator-anchors.ts). */
  anchor?: SeparatorAnchor;
}

/** The shortest run `RunText` is built from: the length base64 decoding and the token scan ask for (and cache). */
const minRunLength = 24;
/** Below this length, joining the runs costs more than scanning the text. */
const runTextMinimum = 16 * 1024;

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
    withinRun: true,
  },
  {
    kind: 'secret.gitlab_token',
    literals: ['glpat-'],
    label: 'GitLab token',
    pattern: /glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    notAfter: wordOrDash,
    withinRun: true,
  },
  {
    kind: 'secret.slack_token',
    literals: ['xox'],
    label: 'Slack token',
    pattern: /(?<![A-Za-z0-9_-])xox[abposre]-[A-Za-z0-9-]{10,250}/g,
  },
  {
    kind: 'secret.slack_webhook',
    literals: ['https://hooks.slack.com/'],
    // The path after "hooks.slack.com" is one run: "com/services/T0.../B0.../...".
    runLiterals: ['com/services/', 'com/workflows/'],
    label: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9]{8,12}\/[A-Za-z0-9]{8,12}\/[A-Za-z0-9]{20,32}/g,
  },
  {
    kind: 'secret.stripe_key',
    literals: ['_live_', '_test_'],
    label: 'Stripe secret key',
    pattern: /[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
    notAfter: word,
    withinRun: true,
  },
  {
    kind: 'secret.stripe_webhook_secret',
    literals: ['whsec_'],
    label: 'Stripe webhook signing secret',
    pattern: /whsec_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_])/g,
    notAfter: word,
    withinRun: true,
  },
  {
    kind: 'secret.google_api_key',
    literals: ['AIza'],
    label: 'Google API key',
    pattern: /AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    notAfter: wordOrDash,
    withinRun: true,
  },
  {
    kind: 'secret.anthropic_api_key',
    literals: ['-ant-'],
    label: 'Anthropic API key',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{2,10}\d{2}-[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g,
    withinRun: true,
  },
  {
    kind: 'secret.openai_api_key',
    label: 'OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    accept: mixedAlphanumeric,
  },
  {
    kind: 'secret.npm_token',
    label: 'npm access token',
    pattern: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    notAfter: word,
    withinRun: true,
  },
  {
    kind: 'secret.azure_storage_key',
    literals: ['Key='],
    label: 'Azure storage account key',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/dg,
    valueGroup: 1,
  },
  {
    kind: 'secret.jwt',
    // The payload's "eyJ" after the header: much faster to look for than the header's, which starts many words.
    literals: ['.eyJ'],
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
  // Looking for "BEGIN" is much faster than for the marker, whose dashes are common in text.
  if (!text.includes('BEGIN')) return matches;
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

function isUrlCredentialChar(code: number): boolean {
  // Not whitespace, ':', '/', '@', quotes or angle brackets.
  return code > 0x20 && code !== 0x3a && code !== 0x2f && code !== 0x40 && code !== 0x22 && code !== 0x27 && code !== 0x3c && code !== 0x3e;
}

/** `scheme://user:password@host`: found from each "://" with bounded scans. */
function findUrlPasswords(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 3)) {
    if (sep === 0 || !/[A-Za-z0-9+.-]/.test(text[sep - 1])) continue;
    let i = sep + 3;
    const userStart = i;
    while (i < text.length && i - userStart < maxUrlPartLength && isUrlCredentialChar(text.charCodeAt(i))) i++;
    if (i === userStart || text[i] !== ':') continue;
    const passwordStart = ++i;
    while (i < text.length && i - passwordStart < maxUrlPartLength && isUrlCredentialChar(text.charCodeAt(i))) i++;
    if (i === passwordStart || text[i] !== '@') continue;
    if (placeholderPassword.test(text.slice(passwordStart, i))) continue;
    matches.push({ kind: 'secret.url_password', label: 'password in a URL', start: passwordStart, end: i });
  }
  return matches;
}

/** False when the text holds none of the strings every match of `format` contains. */
function mayMatch(format: SecretFormat, text: string, runs: RunText | undefined): boolean {
  // The joined runs are short: the pattern is searched there about as fast as its literals would be.
  if (runs && format.withinRun) return true;
  if (runs && format.runLiterals) return format.runLiterals.some((literal) => runs.text.includes(literal));
  return !format.literals || format.literals.some((literal) => text.includes(literal));
}

/**
 * Every credential of a known format in `text`, in text order. `viaRuns`
 * (the default for large texts) searches the formats marked `withinRun` in
 * the text's joined base64 runs instead of the whole text; the results are
 * the same either way.
 */
export function findKnownSecrets(text: string, viaRuns = text.length >= runTextMinimum): TextMatch[] {
  const matches = [...findPrivateKeys(text), ...findUrlPasswords(text)];
  const runs = viaRuns ? new RunText(text, charRuns(text, base64Chars, minRunLength)) : undefined;
  for (const format of secretFormats) {
    const scanned = format.withinRun && runs ? runs : undefined;
    const searched = scanned?.text ?? text;
    if (!mayMatch(format, text, runs)) continue;
    for (const match of format.anchor ? matchesBeforeSeparators(format.pattern, format.anchor, text) : allMatches(format.pattern, searched)) {
      const span = format.valueGroup === undefined ? [match.index, match.index + match[0].length] : match.indices?.[format.valueGroup];
      if (!span) continue;
      if (format.notAfter && match.index > 0 && format.notAfter.test(searched[match.index - 1])) continue;
      const value = searched.slice(span[0], span[1]);
      if (format.accept && !format.accept(value)) continue;
      const start = scanned ? scanned.sourcePosition(span[0]) : span[0];
      matches.push({ kind: format.kind, label: format.label, start, end: start + value.length });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}
