import { caseless } from '../patterns/caseless.js';
import { maySegmentStartSensitiveLocation as maySegmentStartSensitiveLocationImported } from '../detectors/sensitive-locations.js';
import { asciiSet, isAsciiLetter, nextNonAsciiOrIn, nibbleTable } from '../text/char-runs.js';
import { codeUnits, unitPairs } from '../text/code-units.js';
import { kernel, kernelMemory, loadText, reserveTable } from '../text/kernels/kernel-memory.js';
import { DistinctWords } from './distinct-words.js';
import { fillFlagCodes, FlagTriggers, isUnfilled } from './flag-triggers.js';
import { sensitiveSegmentStarts } from './sensitive-segment-starts.js';
import { dotInPaths as dotInPathsImported, fillUnitTraits as fillUnitTraitsImported, quietInPaths as quietInPathsImported, unitTraits as unitTraitsImported } from './non-ascii-in-paths.js';

// Imported bindings read in the scan loops below, as module constants: read through the import, the classification of 1 MiB of Russian took 4 times as long (measured on Node 20).
const maySegmentStartSensitiveLocation = maySegmentStartSensitiveLocationImported;
const unitTraits = unitTraitsImported;
const fillUnitTraits = fillUnitTraitsImported;
const quietInPaths = quietInPathsImported;
const dotInPaths = dotInPathsImported;

const maxWordLength = 4096;

/** ASCII code units that hint at a path on their own ("/", "%", "~", NUL) or around a hint name (".", "_"); every non-ASCII unit is a hint too. */
const hintUnit = asciiSet('/%~\0._');

/** Whitespace, control characters and the shell's operators end a word. */
const wordEnd = 1;
/** A unit that may make a word one the path detectors could flag (see `mayBeFlagged`), so the word needs a closer look. */
const needsLook = 2;
const unknown = 255;
/**
 * Per code unit: `wordEnd`, `needsLook` or 0, read once per unit as the
 * scan finds a word's ends. Non-ASCII units are `unknown` until their block
 * of 256 is filled from `unitTraits` (quiet ones are 0).
 */
const wordUnit = new Uint8Array(65536).fill(unknown, 128);
for (let code = 0; code < 128; code++) wordUnit[code] = code <= 32 || ';|&<>()`'.includes(String.fromCharCode(code)) ? wordEnd : 0;
for (const c of '%\\_/') wordUnit[c.charCodeAt(0)] = needsLook;

function fillWordUnits(unit: number): number {
  const first = unit & 0xff00;
  for (let i = Math.max(first, 128); i < first + 256; i++) wordUnit[i] = ((unitTraits[i] || fillUnitTraits(i)) & quietInPaths) !== 0 ? 0 : needsLook;
  return wordUnit[unit];
}

function classOf(unit: number): number {
  const unitClass = wordUnit[unit];
  return unitClass === unknown ? fillWordUnits(unit) : unitClass;
}

function isQuote(unit: number): boolean {
  return unit === 34 || unit === 39;
}

/**
 * The sensitive file names that stand alone as hints (in either case),
 * tried only around a "." or "_", one of which each holds.
 */
const hintNames = [
  '.env', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'authorized_keys', '.netrc', '_netrc', '.pgpass', '.npmrc', '.yarnrc', '.pypirc', '.git-credentials',
  '.htpasswd', '_history', 'ntds.dit', '.my.cnf',
];
const hintName = new RegExp('^(?:' + caseless(hintNames.map((name) => name.replace(/\./g, '\\.')).join('|')) + ')');
const longestHintName = Math.max(...hintNames.map((name) => name.length));
const shortestHintName = Math.min(...hintNames.map((name) => name.length));

/** The first two characters of the hint names, lower case ('_' | 32 is 127), as `a * 128 + b`. */
const hintNamePairs = new Uint8Array(128 * 128);
/** The first three, as `(a * 128 + b) * 128 + c`. */
const hintNameTriples = new Set<number>();
/** The characters that follow a "." (at `unit * 128 + next`, lower case) or "_" in ".." and the hint names: most "." and "_" are ruled out by one lookup. */
const hintMarkFollowers = new Uint8Array(128 * 128);
hintMarkFollowers[46 * 128 + 46] = 1;
for (const name of hintNames) {
  const [a, b, c] = [0, 1, 2].map((i) => name.charCodeAt(i) | 32);
  hintNamePairs[a * 128 + b] = 1;
  hintNameTriples.add((a * 128 + b) * 128 + c);
  for (let i = 0; i + 1 < name.length; i++) if (name[i] === '.' || name[i] === '_') hintMarkFollowers[name.charCodeAt(i) * 128 + (name.charCodeAt(i + 1) | 32)] = 1;
}

/** Whether a hint name starts at `p` and is longer than `covering` units (so it holds position `p + covering`). */
function hintNameAt(text: string, units: Uint16Array, p: number, covering: number): boolean {
  if (p + shortestHintName > units.length) return false;
  const a = units[p];
  const b = units[p + 1];
  const c = units[p + 2];
  if (a >= 128 || b >= 128 || c >= 128 || hintNamePairs[(a | 32) * 128 + (b | 32)] === 0) return false;
  if (!hintNameTriples.has(((a | 32) * 128 + (b | 32)) * 128 + (c | 32))) return false;
  const name = hintName.exec(text.slice(p, p + longestHintName));
  return name !== null && name[0].length > covering;
}

/**
 * Whether the "." or "_" at `q` is part of ".." or a hint name: one starting
 * there, or `id_`, `authorized_keys`, `ntds.dit`, whose first "_" or "." comes
 * later. (What matters is whether a word holds a hint, not where in it.)
 */
function hintNameAround(text: string, units: Uint16Array, q: number): boolean {
  const unit = units[q];
  if (q + 1 === units.length || units[q + 1] >= 128 || hintMarkFollowers[unit * 128 + (units[q + 1] | 32)] === 0) return false;
  if (unit === 46 && units[q + 1] === 46) return true;
  if (hintNameAt(text, units, q, 0)) return true;
  if (unit === 95) return (q >= 2 && hintNameAt(text, units, q - 2, 2)) || (q >= 10 && hintNameAt(text, units, q - 10, 10));
  return q >= 4 && hintNameAt(text, units, q - 4, 4);
}

/** The position of the first hint unit at or after `from` (`units.length` when there is none). */
function nextHint(units: Uint16Array, pairs: Uint32Array, from: number): number {
  return nextNonAsciiOrIn(hintUnit, units, pairs, from);
}

/**
 * The words of a shell command that could be paths, one at a time (`next`
 * moves to the next one and sets `start` and `end`), without surrounding
 * quotes, in order, repeats included: words holding a separator, an escape,
 * "~", NUL, non-ASCII, ".." or a sensitive file name that stands alone
 * (`.env`, `id_rsa`, ...). Words are found from each hint outwards (so the
 * command is not split into every one of its words); each unit is looked at
 * a bounded number of times.
 */
class PathWordCursor {
  readonly units: Uint16Array;
  readonly pairs: Uint32Array;
  start = 0;
  end = 0;
  /** Whether the word holds a unit that may make it one the path detectors could flag (its start aside). */
  needsLook = false;
  private hint: number;
  private coveredUntil = 0;

  constructor(private readonly text: string) {
    this.units = codeUnits(text);
    this.pairs = unitPairs(this.units);
    this.hint = nextHint(this.units, this.pairs, 0);
  }

  /** `mayBeFlagged` of the word: its start alone when it holds no `needsLook` unit. */
  mayBeFlagged(): boolean {
    return this.needsLook ? mayBeFlagged(this.units, this.start, this.end) : startMayBeFlagged(this.units, this.start, this.end);
  }

  next(): boolean {
    const { units, pairs } = this;
    while (this.hint < units.length) {
      const hint = this.hint;
      const unit = units[hint];
      if ((unit === 46 || unit === 95) && !hintNameAround(this.text, units, hint)) {
        this.hint = nextHint(units, pairs, hint + 1);
        continue;
      }
      // NUL ends words, but a NUL hint is part of its word.
      let look = unit === 0 ? needsLook : classOf(unit);
      let start = hint;
      for (; start > this.coveredUntil; start--) {
        const unitClass = classOf(units[start - 1]);
        if (unitClass === wordEnd) break;
        look |= unitClass;
      }
      // A hint holds no unit that ends a word (NUL is one on its own): the word ends where it would after the whole hint.
      let end = hint + 1;
      for (; end < units.length; end++) {
        const unitClass = classOf(units[end]);
        if (unitClass === wordEnd) break;
        look |= unitClass;
      }
      this.coveredUntil = end;
      this.hint = nextHint(units, pairs, end);
      if (end - start > maxWordLength) continue;
      while (start < end && isQuote(units[start])) start++;
      while (end > start && isQuote(units[end - 1])) end--;
      if (end > start) {
        this.start = start;
        this.end = end;
        this.needsLook = look !== 0;
        return true;
      }
    }
    return false;
  }
}

/**
 * The words of a shell command that could be paths (see `PathWordCursor`),
 * each once, in order, with whether the path detectors could flag them
 * without roots (see `mayBeFlagged`).
 */
export function shellPathWords(text: string): Array<{ text: string; mayBeFlagged: boolean }> {
  const words = new Map<string, boolean>();
  for (const cursor = new PathWordCursor(text); cursor.next(); ) {
    const word = text.slice(cursor.start, cursor.end);
    if (!words.has(word)) words.set(word, cursor.mayBeFlagged());
  }
  return [...words].map(([word, flaggable]) => ({ text: word, mayBeFlagged: flaggable }));
}

/** "\" (a separator on Windows, and escapes) and NUL (cuts a path short). */
const flaggableUnit = asciiSet('\\\0');

function isHexDigit(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || ((unit | 32) >= 97 && (unit | 32) <= 102);
}

/** Whether the "%" at `i` starts an escape (`%HH`, `%uHHHH`) in the word ending at `end`: else it decodes to nothing. */
function startsEscape(units: Uint16Array, i: number, end: number): boolean {
  if (i + 2 < end && isHexDigit(units[i + 1]) && isHexDigit(units[i + 2])) return true;
  if (i + 5 >= end || (units[i + 1] | 32) !== 117) return false;
  for (let j = i + 2; j < i + 6; j++) if (!isHexDigit(units[j])) return false;
  return true;
}

/** Whether the "_" at `i` is followed by "c" or "d" in either case, as both of `application_default_credentials.json` are. */
function mayBeCredentialsUnderscore(units: Uint16Array, i: number, end: number): boolean {
  return i + 1 < end && ((units[i + 1] | 32) === 99 || (units[i + 1] | 32) === 100);
}

/**
 * Whether the path detectors could flag the word at [start, end) without
 * roots to resolve it against: it holds "\" (a separator, or an escape),
 * a "%" escape (so it has other forms), NUL, an "_" that may be one of
 * `application_default_credentials.json` (which need not start a segment),
 * a non-ASCII unit that is neither `quietInPaths` nor a `dotInPaths`
 * inside a segment or alone in one, or a segment (at the start or after "/")
 * that may start a sensitive location (`segmentMayBeFlagged`), or it starts
 * with "fi" (a `file:` URL, whose path is looked up without the scheme).
 * Any other word, and any other form of it, has no traversal and names no
 * sensitive location. Only the start can matter in a word without
 * `needsLook` units.
 */
function mayBeFlagged(units: Uint16Array, start: number, end: number): boolean {
  if (startMayBeFlagged(units, start, end)) return true;
  for (let i = start; i < end; i++) {
    const unit = units[i];
    if (unit < 128) {
      if (flaggableUnit[unit] === 1) return true;
      if (unit === 37 && startsEscape(units, i, end)) return true;
      if (unit === 95 && mayBeCredentialsUnderscore(units, i, end)) return true;
      if (unit === 47 && i + 1 < end && segmentMayBeFlagged(units, i + 1, end)) return true;
      continue;
    }
    const traits = unitTraits[unit] || fillUnitTraits(unit);
    // A dot look-alike alone in its segment becomes "." and is dropped by normalizing, as "." is.
    if ((traits & quietInPaths) === 0 && ((traits & dotInPaths) === 0 || ((i === start || units[i - 1] === 47) && i + 1 < end && units[i + 1] !== 47))) return true;
  }
  return false;
}

const sensitiveSegmentStartUnits = sensitiveSegmentStarts.map((start) => Array.from(start, (c) => c.charCodeAt(0)));
/** 1 + the index in `sensitiveSegmentStarts` of the start of each first two units (no two starts share them), at `pairKey`; 0 for none. */
const sensitiveSegmentStartOfPair = new Uint8Array(128 * 128);
sensitiveSegmentStarts.forEach((start, k) => (sensitiveSegmentStartOfPair[pairKey(start.charCodeAt(0), start.charCodeAt(1))] = k + 1));

/** Two units as a number below 128 * 128, letters in lower case (other units may share it: the units are compared after). */
function pairKey(a: number, b: number): number {
  return ((a | 32) & 127) * 128 + ((b | 32) & 127);
}

/** Whether the units from `i` (of a word ending at `end`) spell one of `sensitiveSegmentStarts`, letters in either case. */
function spellsSensitiveSegmentStart(units: Uint16Array, i: number, end: number): boolean {
  const index = i + 1 < end ? sensitiveSegmentStartOfPair[pairKey(units[i], units[i + 1])] : 0;
  if (index === 0) return false;
  const start = sensitiveSegmentStartUnits[index - 1];
  if (i + start.length > end) return false;
  let j = 0;
  while (j < start.length && (start[j] >= 97 && start[j] <= 122 ? units[i + j] | 32 : units[i + j]) === start[j]) j++;
  return j === start.length;
}

/**
 * Whether the segment starting at `i` (of a word ending at `end`) may start
 * a sensitive location: a hidden name, or (past a first look at its first
 * two units) one of `sensitiveSegmentStarts`. A segment starting with "."
 * may be hidden (so a ".." that can be a segment counts too), except "."
 * itself, which normalizing drops (`./dist/index.js`). Non-ASCII units that
 * may spell a start lower to ASCII, which makes the word flaggable anyway.
 */
function segmentMayBeFlagged(units: Uint16Array, i: number, end: number): boolean {
  const second = i + 1 < end ? units[i + 1] : NaN;
  if (!maySegmentStartSensitiveLocation(units[i], second)) return false;
  if (units[i] === 46) return second !== 47 && i + 1 !== end;
  return units[i] >= 128 || second >= 128 || spellsSensitiveSegmentStart(units, i, end);
}

/**
 * Whether the letter at `i`, where a word or segment starts, may make its
 * word flaggable (`startMayBeFlagged`, `segmentMayBeFlagged`) wherever the
 * word ends: it starts "fi", or one of `sensitiveSegmentStarts`, or a
 * non-ASCII unit follows it.
 */
function letterMayStartFlaggableSegment(units: Uint16Array, i: number): boolean {
  const second = i + 1 < units.length ? units[i + 1] : 0;
  if (second >= 128 || ((units[i] | 32) === 102 && (second | 32) === 105)) return true;
  return spellsSensitiveSegmentStart(units, i, units.length);
}

/** The part of `mayBeFlagged` about the word's first segment. */
function startMayBeFlagged(units: Uint16Array, start: number, end: number): boolean {
  return segmentMayBeFlagged(units, start, end) || (start + 1 < end && (units[start] | 32) === 102 && (units[start + 1] | 32) === 105);
}

/** The start of the word around `i`: just after the unit that ends words before it, or 0. */
function wordStartBefore(units: Uint16Array, i: number): number {
  let start = i;
  while (start > 0 && wordUnit[units[start - 1]] !== wordEnd) start--;
  return start;
}

/** 1 for the units that end words, 0 for the others (non-ASCII units never do). */
const endsWord = new Uint8Array(65536);
for (let code = 0; code < 128; code++) endsWord[code] = wordUnit[code] === wordEnd ? 1 : 0;

/** The kernel's nibble table of the units that end words (`nextWordEnd` in paths-kernels.as.ts): at each low nibble, a bit per high nibble. */
const endsWordNibbles = nibbleTable((unit) => endsWord[unit] === 1);
const endsWordAddress = reserveTable(endsWordNibbles.length, (memory) => new Uint8Array(memory.buffer).set(endsWordNibbles, endsWordAddress));
new Uint8Array(kernelMemory(0)).set(endsWordNibbles, endsWordAddress);
const nextWordEnd = kernel<(table: number, units: number, from: number, end: number) => number>('nextWordEnd');

/** Units looked through in JavaScript before the kernel takes over: most words end sooner than a kernel call is made. */
const nearWordEnd = 64;

/**
 * The end of the word that goes on at `i`: the first unit at or after it
 * that ends words, or `units.length`. A word found from a trigger may be a
 * megabyte of base64: past its first units, the kernel looks.
 */
function wordEndFrom(text: string, units: Uint16Array, i: number): number {
  const near = Math.min(units.length, i + nearWordEnd);
  for (; i < near; i++) if (endsWord[units[i]] === 1) return i;
  return i === units.length ? i : nextWordEnd(endsWordAddress, loadText(text), i, units.length);
}

/** Whether the units [start, end) hold a hint (see `PathWordCursor`): the word is one that could be a path. */
function holdsHint(text: string, units: Uint16Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const unit = units[i];
    if (unit >= 128 || (hintUnit[unit] === 1 && ((unit !== 46 && unit !== 95) || hintNameAround(text, units, i)))) return true;
  }
  return false;
}

/**
 * The words of `shellPathWords` that the path detectors could flag without
 * roots (see `mayBeFlagged`), each once, in order: the others (most URLs,
 * dotted names in code, prose in other scripts) are never copied out of the
 * text. Every such word holds a unit that may make it flaggable (see
 * flag-triggers.ts), which are rare in most texts: only the words around
 * them are looked at, and a word once however many triggers it holds. A NUL ends words,
 * but the cursor takes it into the word before it in some cases (see
 * `PathWordCursor.next`): a text holding one goes through every word that
 * could be a path instead.
 */
export function flaggableShellPathWords(text: string): string[] {
  const units = codeUnits(text);
  const words = new DistinctWords(text, units);
  const triggers = new FlagTriggers(text, units);
  for (let from = 0, trigger = triggers.next(0); trigger < units.length; trigger = triggers.next(from)) {
    const unit = units[trigger];
    if (isUnfilled(unit)) {
      fillFlagCodes(unit);
      triggers.restartAt(trigger);
      from = trigger;
      continue;
    }
    if (unit === 0) return flaggableWordsOfHints(text);
    // A letter is a trigger only where it starts a word or segment: a look at what follows it rules most out before any word is looked at.
    if (isAsciiLetter(unit) && !letterMayStartFlaggableSegment(units, trigger)) {
      from = trigger + 1;
      continue;
    }
    let start = wordStartBefore(units, trigger);
    let end = wordEndFrom(text, units, trigger + 1);
    from = end;
    if (end - start > maxWordLength) continue;
    while (start < end && isQuote(units[start])) start++;
    while (end > start && isQuote(units[end - 1])) end--;
    if (end > start && holdsHint(text, units, start, end) && mayBeFlagged(units, start, end)) words.add(start, end);
  }
  return words.words();
}

/** `flaggableShellPathWords` by going through every word that could be a path. */
export function flaggableWordsOfHints(text: string): string[] {
  const cursor = new PathWordCursor(text);
  const words = new Set<string>();
  while (cursor.next()) if (cursor.mayBeFlagged()) words.add(text.slice(cursor.start, cursor.end));
  return [...words];
}
