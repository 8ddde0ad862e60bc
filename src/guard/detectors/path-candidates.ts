import { caseless } from '../patterns/caseless.js';
import { decodedLayers } from '../text/decode-escapes.js';
import { isAscii } from '../text/fold.js';

/** Field names whose values are paths or locations: `path`, `file_path`, `targetDir`, `uri`, ... */
const pathWord = /^(?:path|paths|file|files|filename|filenames|filepath|filepaths|dir|dirs|directory|directories|folder|folders|src|source|sources|dest|destination|target|uri|uris|url|urls|location|root|roots|cwd|workdir|working_directory)$/;

function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words[words.length - 1] ?? '';
}

/** Field names seen so far (arguments repeat the same few names); emptied when it grows past `maxRemembered`. */
const pathFieldNames = new Map<string, boolean>();
const maxRemembered = 1024;

export function isPathFieldName(name: string | undefined): boolean {
  if (name === undefined) return false;
  let known = pathFieldNames.get(name);
  if (known === undefined) {
    known = pathWord.test(name.toLowerCase()) || pathWord.test(lastWord(name));
    if (pathFieldNames.size >= maxRemembered) pathFieldNames.clear();
    pathFieldNames.set(name, known);
  }
  return known;
}

const maxTokenLength = 4096;
const surroundingQuotes = /^["']+|["']+$/g;
/**
 * What a shell word needs to climb, hide behind an encoding, resolve outside
 * the roots or name a sensitive file: a separator, an escape, "~", NUL,
 * non-ASCII, "..", or one of the sensitive file names that stand alone
 * (`hintName`, tried only around a "." or "_", one of which each holds).
 */
const hintName = new RegExp(
  String.raw`^(?:\.\.|` +
    caseless(String.raw`\.env|id_(?:rsa|dsa|ecdsa|ed25519)|authorized_keys|[._]netrc|\.pgpass|\.npmrc|\.yarnrc|\.pypirc|\.git-credentials|\.htpasswd|_history|ntds\.dit|\.my\.cnf`) +
    ')',
);
const longestHintName = 16;
/** The first three characters of the hint names, lower case ('_' | 32 is 127). */
const hintNamePrefixes = new Set(
  ['.en', 'id_', 'aut', '.ne', '_ne', '.pg', '.np', '.ya', '.py', '.gi', '.ht', '_hi', 'ntd', '.my'].map(
    (p) => ((p.charCodeAt(0) | 32) * 128 + (p.charCodeAt(1) | 32)) * 128 + (p.charCodeAt(2) | 32),
  ),
);

/** Whether a hint name starts at `p` and is longer than `covering` characters (so it holds position `p + covering`). */
function hintNameAt(text: string, p: number, covering = 0): boolean {
  const a = text.charCodeAt(p);
  const b = text.charCodeAt(p + 1);
  const c = text.charCodeAt(p + 2);
  if (!(a < 128 && b < 128 && c < 128) || !hintNamePrefixes.has(((a | 32) * 128 + (b | 32)) * 128 + (c | 32))) return false;
  const name = hintName.exec(text.slice(p, p + longestHintName));
  return name !== null && name[0].length > covering;
}

/**
 * Whether the "." or "_" at `q` is part of ".." or a hint name: one starting
 * there, or `id_`, `authorized_keys`, `ntds.dit`, whose first "_" or "." comes
 * later. (What matters is whether a word holds a hint, not where in it.)
 */
function hintNameAround(text: string, q: number): boolean {
  const code = text.charCodeAt(q);
  if (code === 46 && text.charCodeAt(q + 1) === 46) return true;
  if (hintNameAt(text, q)) return true;
  if (code === 95) return (q >= 2 && hintNameAt(text, q - 2, 2)) || (q >= 10 && hintNameAt(text, q - 10, 10));
  return q >= 4 && hintNameAt(text, q - 4, 4);
}

/** Whitespace and the shell's operators end a word. */
function isWordEnd(code: number): boolean {
  return code <= 32 || code === 59 || code === 124 || code === 38 || code === 60 || code === 62 || code === 40 || code === 41 || code === 96;
}

/**
 * The words of a shell command that could be paths, found from each path hint
 * outwards (so the command is not split into every one of its words); each
 * character is looked at a bounded number of times.
 */
function shellPathWords(text: string): string[] {
  const words = new Set<string>();
  let coveredUntil = 0;
  // Created per call, so its lastIndex is this loop's alone; the regex engine skips other characters faster than a loop.
  const candidates = /[/%~\0\x80-\uffff._]/g;
  while (candidates.test(text)) {
    const hint = candidates.lastIndex - 1;
    const code = text.charCodeAt(hint);
    if ((code === 46 || code === 95) && !hintNameAround(text, hint)) continue;
    let start = hint;
    while (start > coveredUntil && !isWordEnd(text.charCodeAt(start - 1))) start--;
    // A hint holds no character that ends a word (NUL is one on its own): the word ends where it would after the whole hint.
    let end = hint + 1;
    while (end < text.length && !isWordEnd(text.charCodeAt(end))) end++;
    coveredUntil = end;
    candidates.lastIndex = end; // the next hint is looked for after this word
    if (end - start > maxTokenLength) continue;
    const word = text.slice(start, end);
    const bare = /^["']|["']$/.test(word) ? word.replace(surroundingQuotes, '') : word;
    if (bare.length > 0) words.add(bare);
  }
  return [...words];
}

export interface PathCandidateSource {
  text: string;
  isKey: boolean;
  fieldName: string | undefined;
  reachesShell: boolean;
}

/**
 * The parts of a string that a server could use as a path: the whole string
 * for path-named fields, object keys and single-token values; each word when
 * the value reaches a shell. Prose, code and documents (strings with spaces in
 * fields not named for paths) are not paths, so a `../` in an import statement
 * or a markdown link is not reported.
 */
export function pathCandidates(source: PathCandidateSource): string[] {
  const { text } = source;
  const singleToken = !/\s/.test(text.trim());
  if (source.isKey) return singleToken ? [text] : [];
  if (isPathFieldName(source.fieldName) || singleToken) return [text];
  return source.reachesShell ? shellPathWords(text) : [];
}

/** Look-alikes of "." and "/" that NFKC leaves alone but Windows "best fit" code pages turn into the real thing. */
const separatorLookalikes = /[\u2215\u2044\u29F8\u2571\uFF0F\u29F5\u2216\uFE68\uFF3C\u2024\uFF0E\uFE52\u3002]/g;
const lookalikeTargets: Record<string, string> = {
  '\u2215': '/', '\u2044': '/', '\u29F8': '/', '\u2571': '/', '\uFF0F': '/',
  '\u29F5': '\\', '\u2216': '\\', '\uFE68': '\\', '\uFF3C': '\\',
  '\u2024': '.', '\uFF0E': '.', '\uFE52': '.', '\u3002': '.',
};

/** One way a server could end up reading a candidate path, and how it got there (for the finding's detail). */
export interface PathForm {
  text: string;
  how: string;
}

/**
 * A candidate as sent, then with each layer of percent / `%u` / `\x` /
 * overlong-UTF-8 encoding peeled off, then (for non-ASCII) NFKC-normalized
 * with slash and dot look-alikes replaced.
 */
export function pathForms(candidate: string): PathForm[] {
  const forms: PathForm[] = [{ text: candidate, how: '' }];
  decodedLayers(candidate).forEach((text, i) => forms.push({ text, how: ` after ${i + 1} layer${i ? 's' : ''} of decoding` }));
  for (const { text } of [...forms]) {
    if (isAscii(text)) continue;
    const normalized = text.normalize('NFKC').replace(separatorLookalikes, (c) => lookalikeTargets[c]);
    if (normalized !== text) forms.push({ text: normalized, how: ' after Unicode normalization' });
  }
  return forms;
}
