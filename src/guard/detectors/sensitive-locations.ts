import { caseless } from '../patterns/caseless.js';
import { asciiSet, isNonAsciiOrIn, nextNonAsciiOrIn } from '../text/char-runs.js';
import { codeUnits, unitPairs } from '../text/code-units.js';
import { fillUnitTraits as fillUnitTraitsImported, lowersToAscii as lowersToAsciiImported, unitTraits as unitTraitsImported } from '../paths/non-ascii-in-paths.js';

/**
 * Files and directories that hold credentials or let an attacker persist.
 * Matched against a path normalized by `normalizeForLookup`: slashes only,
 * lower case, `.`/`..` resolved.
 */
export interface SensitiveLocation {
  label: string;
  pattern: RegExp;
}

const sensitiveLocations: SensitiveLocation[] = [
  { label: 'SSH keys and configuration (.ssh)', pattern: /(?:^|\/)\.ssh(?:\/|$)/ },
  { label: 'SSH private key', pattern: /(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/ },
  { label: 'SSH authorized_keys', pattern: /(?:^|\/)authorized_keys2?$/ },
  { label: 'environment file (.env)', pattern: /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults$)[\w.-]+)?$/ },
  { label: 'system account database', pattern: /(?:^|\/)etc\/(?:shadow|gshadow|passwd|master\.passwd|sudoers|security\/opasswd)-?$|(?:^|\/)etc\/sudoers\.d(?:\/|$)/ },
  { label: 'process environment (/proc)', pattern: /^\/proc\/(?:self|thread-self|\d+)\/(?:environ|mem|cmdline|maps)$/ },
  { label: 'AWS credentials', pattern: /(?:^|\/)\.aws\/(?:credentials|config|sso\/cache)(?:\/|$)/ },
  { label: 'Google Cloud credentials', pattern: /(?:^|\/)\.config\/gcloud(?:\/|$)|application_default_credentials\.json$/ },
  { label: 'Azure credentials', pattern: /(?:^|\/)\.azure\/(?:accesstokens\.json|msal_token_cache[\w.]*|azureprofile\.json|service_principal_entries\.json)$/ },
  { label: 'Kubernetes config', pattern: /(?:^|\/)\.kube\/config$/ },
  { label: 'Docker registry credentials', pattern: /(?:^|\/)\.docker\/config\.json$/ },
  { label: 'Git configuration or credentials', pattern: /(?:^|\/)\.git\/config$|(?:^|\/)\.git-credentials$/ },
  { label: 'package registry credentials', pattern: /(?:^|\/)\.(?:npmrc|yarnrc(?:\.yml)?|pypirc|gem\/credentials)$|(?:^|\/)\.cargo\/credentials(?:\.toml)?$/ },
  { label: 'netrc / database password file', pattern: /(?:^|\/)[._]netrc$|(?:^|\/)\.pgpass$|(?:^|\/)\.my\.cnf$|(?:^|\/)\.htpasswd$/ },
  { label: 'shell or REPL history', pattern: /(?:^|\/)\.(?:bash|zsh|sh|ash|python|mysql|psql|node_repl|sqlite)_history$|(?:^|\/)\.zhistory$/ },
  { label: 'GnuPG keyring', pattern: /(?:^|\/)\.gnupg(?:\/|$)/ },
  { label: 'secrets-tool token', pattern: /(?:^|\/)\.vault-token$|(?:^|\/)\.terraform\.d\/credentials\.tfrc\.json$|(?:^|\/)\.config\/gh\/hosts\.yml$/ },
  { label: 'MCP client configuration', pattern: /(?:^|\/)\.cursor\/mcp\.json$|(?:^|\/)claude_desktop_config\.json$|(?:^|\/)\.claude\.json$/ },
  { label: 'Windows credential store', pattern: /(?:^|\/)windows\/system32\/config\/(?:sam|system|security)$|(?:^|\/)ntds\.dit$/ },
  { label: 'macOS keychain', pattern: /(?:^|\/)library\/keychains(?:\/|$)/ },
];

/**
 * Every location above starts a path segment (after normalizing, which keeps
 * segments whole: it drops `.`, `..` and empty ones, lower-cases, turns `\`
 * into `/`) with one of these, except Google's application default
 * credentials file, which ends the path: an ASCII path without either names
 * none of the locations. Non-ASCII paths can gain ASCII letters when
 * lower-cased (the Kelvin sign becomes `k`), so a path holding such a unit
 * (`mayLowerToAscii`) is always looked up.
 */
const locationSegmentStart = new RegExp(
  '^(?:' + caseless(String.raw`\.|_netrc|id_|authorized_keys|(?:etc|proc|windows|library)(?:[\\/]|$)|claude_desktop_config\.json|ntds\.dit`) + ')',
);
const longestSegmentStart = 32;
/** The first three characters of the segment starts above other than ".". */
const segmentStarts = ['_ne', 'id_', 'aut', 'etc', 'pro', 'win', 'lib', 'cla', 'ntd'];
/** Their first two, lower case ('_' | 32 is 127), at `a * 128 + b`. */
const segmentStartPairs = new Uint8Array(128 * 128);
/** Their first three, lower case, as `(a * 128 + b) * 128 + c`. */
const segmentStartTriples = new Set<number>();
for (const start of segmentStarts) {
  const [a, b, c] = [0, 1, 2].map((i) => start.charCodeAt(i) | 32);
  segmentStartPairs[a * 128 + b] = 1;
  segmentStartTriples.add((a * 128 + b) * 128 + c);
}
const applicationDefaultCredentials = new RegExp(caseless(String.raw`application_default_credentials\.json`));

// Read per code unit of the shell words: as module constants, not through the import (several times faster, measured on Node 20).
const unitTraits = unitTraitsImported;
const fillUnitTraits = fillUnitTraitsImported;
const lowersToAscii = lowersToAsciiImported;

/** Whether lower-casing the non-ASCII code unit can give ASCII, which could complete a sensitive name. */
function mayLowerToAscii(unit: number): boolean {
  return ((unitTraits[unit] || fillUnitTraits(unit)) & lowersToAscii) !== 0;
}

/**
 * Whether a path segment starting with code units `a`, `b` (NaN for none)
 * may start a sensitive location: one lookup rules out most segments. True
 * for non-ASCII units that lower-casing can turn into ASCII letters; other
 * non-ASCII units stay non-ASCII when lower-cased, so no location starts
 * with them.
 */
export function maySegmentStartSensitiveLocation(a: number, b: number): boolean {
  if (a === 46) return true;
  if (a >= 128 || b >= 128) return (a >= 128 && mayLowerToAscii(a)) || (b >= 128 && mayLowerToAscii(b));
  return segmentStartPairs[(a | 32) * 128 + (b | 32)] === 1;
}

/**
 * Whether the segment of `path` starting at `i` may start a sensitive
 * location: a hidden name (a "." that does not start "." or ".."), or a
 * start above, looked for once its first three characters (ASCII) agree.
 */
function maySegmentAtStartSensitiveLocation(path: string, i: number): boolean {
  const a = path.charCodeAt(i);
  const b = path.charCodeAt(i + 1);
  if (!maySegmentStartSensitiveLocation(a, b)) return false;
  // Every hidden location has a letter after its ".": not "." or "..", which normalizing drops, nor "...".
  if (a === 46) return b >= 128 || ((b | 32) >= 97 && (b | 32) <= 122);
  const c = path.charCodeAt(i + 2);
  if (a < 128 && b < 128 && c < 128 && !segmentStartTriples.has(((a | 32) * 128 + (b | 32)) * 128 + (c | 32))) return false;
  return locationSegmentStart.test(path.slice(i, i + longestSegmentStart));
}

/** "/" and "\\", which a segment starts after, and "_": with the non-ASCII units, what `mayNameSensitiveLocation` looks at. */
const pathMark = asciiSet('/\\_');

/** From this length on, a path's units are read from a typed array, two per load: copying them costs more than that saves in a short path. */
const longPath = 4096;

/**
 * The position of the first path mark or non-ASCII unit of `path` at or after `from`
 * (`path.length` when there is none): read one by one, or, in a long path
 * (a single-token argument of a megabyte, base64 or hex, is a path candidate
 * too), two units per load from `pairs` (`nextNonAsciiOrIn`).
 */
function nextPathMark(path: string, units: Uint16Array | undefined, pairs: Uint32Array | undefined, from: number): number {
  if (units === undefined || pairs === undefined) {
    for (let i = from; i < path.length; i++) if (isNonAsciiOrIn(pathMark, path.charCodeAt(i))) return i;
    return path.length;
  }
  return nextNonAsciiOrIn(pathMark, units, pairs, from);
}

/** Whether `path` may name a sensitive location: false only when `sensitiveLocationOf` would find none. */
export function mayNameSensitiveLocation(path: string): boolean {
  return mayName(path, false);
}

/**
 * `mayNameSensitiveLocation`; of a path already lower-cased (`lowerCased`),
 * whose non-ASCII units can no longer become ASCII letters (emoji are looked
 * up otherwise: a surrogate pair may lower-case to anything for all a unit
 * tells).
 */
function mayName(path: string, lowerCased: boolean): boolean {
  if (maySegmentAtStartSensitiveLocation(path, 0)) return true;
  const units = path.length < longPath ? undefined : codeUnits(path);
  const pairs = units && unitPairs(units);
  let underscore = false;
  for (let i = nextPathMark(path, units, pairs, 0); i < path.length; i = nextPathMark(path, units, pairs, i + 1)) {
    const unit = path.charCodeAt(i);
    if (unit === 95) underscore = true;
    else if (unit >= 128) {
      if (!lowerCased && mayLowerToAscii(unit)) return true;
    } else if (i + 1 < path.length && maySegmentAtStartSensitiveLocation(path, i + 1)) return true;
  }
  // The one location that does not start a segment has an "_" in it.
  return underscore && applicationDefaultCredentials.test(path);
}

/** Slashes only, lower case, `.` and `..` resolved; a relative path that climbs past its start becomes absolute. */
export function normalizeForLookup(path: string): string {
  const slashed = path.replace(/\\/g, '/').toLowerCase();
  let absolute = slashed.startsWith('/');
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    // Climbing above the start of a relative path is aimed at the filesystem root.
    else if (segments.length === 0) absolute = true;
    else segments.pop();
  }
  return (absolute ? '/' : '') + segments.join('/');
}

/** The label of the sensitive location `path` points at, if any. */
export function sensitiveLocationOf(path: string): string | undefined {
  const normalized = normalizeForLookup(path);
  // Normalizing again changes nothing, so the quick test holds for the normalized path too, and rules out most (`./lib/index.js`).
  if (!mayName(normalized, true)) return undefined;
  return sensitiveLocations.find((location) => location.pattern.test(normalized))?.label;
}
