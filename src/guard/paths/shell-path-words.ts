import { caseless } from '../patterns/caseless.js';
import { maySegmentStartSensitiveLocation as maySegmentStartSensitiveLocationImported, segmentStartLetters } from '../detectors/sensitive-locations.js';
import { asciiSet } from '../text/char-runs.js';
import { codeUnits, unitPairs } from '../text/code-units.js';
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

function isHint(unit: number): boolean {
  return unit >= 128 || hintUnit[unit] === 1;
}

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

/**
 * The position of the first hint unit at or after `from` (`units.length` when
 * there is none). Two units are read at a time from `pairs` (the same memory
 * as 32-bit numbers): both are ASCII and no hint exactly when the pair has
 * no bit of 0xff80ff80 set and neither half is a hint in the table, which
 * takes one mask and two lookups per pair, whatever the byte order.
 */
function nextHint(units: Uint16Array, pairs: Uint32Array, from: number): number {
  let p = from >> 1;
  if ((from & 1) === 1 && p < pairs.length) {
    if (isHint(units[from])) return from;
    p++;
  }
  for (; p < pairs.length; p++) {
    const pair = pairs[p];
    if (((pair & 0xff80ff80) | hintUnit[pair & 0x7f] | hintUnit[(pair >>> 16) & 0x7f]) !== 0) {
      return isHint(units[2 * p]) ? 2 * p : 2 * p + 1;
    }
  }
  // An odd-length text's last unit is in no pair.
  const last = units.length - 1;
  return (units.length & 1) === 1 && last >= from && isHint(units[last]) ? last : units.length;
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

  /** Where the last word ends, quotes included: a unit that ends words, or the end of the text. */
  get after(): number {
    return this.coveredUntil;
  }

  /**
   * Goes on from `position`, skipping the words before it. The words that
   * follow are those a cursor that did not skip finds when the unit before
   * `position` ends words and is not NUL: the one word that reaches back
   * across a unit that ends words is that of a NUL hint, which takes in the
   * stretch before the NUL when that holds no hint of its own.
   */
  restartAt(position: number): void {
    this.coveredUntil = position;
    this.hint = nextHint(this.units, this.pairs, position);
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

/** "%", "\" (escapes), NUL (cuts a path short) and "_" (in `application_default_credentials.json`). */
const flaggableUnit = asciiSet('%\\\0_');

/**
 * Whether the path detectors could flag the word at [start, end) without
 * roots to resolve it against: it holds an escape (so it has other forms),
 * NUL, an "_", a non-ASCII unit that is neither `quietInPaths` nor a
 * `dotInPaths` inside a segment, or a segment (at the start or after "/")
 * that may start a sensitive location, which every segment starting with
 * "." may (so a ".." that can be a segment is one), or it starts with "fi"
 * (a `file:` URL, whose path is looked up without the scheme). Any other
 * word, and any other form of it, has no traversal and names no sensitive
 * location. Only the start can matter in a word without `needsLook` units.
 */
function mayBeFlagged(units: Uint16Array, start: number, end: number): boolean {
  if (startMayBeFlagged(units, start, end)) return true;
  for (let i = start; i < end; i++) {
    const unit = units[i];
    if (unit < 128) {
      if (flaggableUnit[unit] === 1) return true;
      if (unit === 47 && i + 1 < end && maySegmentStartSensitiveLocation(units[i + 1], i + 2 < end ? units[i + 2] : NaN)) return true;
      continue;
    }
    const traits = unitTraits[unit] || fillUnitTraits(unit);
    if ((traits & quietInPaths) === 0 && ((traits & dotInPaths) === 0 || i === start || units[i - 1] === 47)) return true;
  }
  return false;
}

/** The part of `mayBeFlagged` about the word's first segment. */
function startMayBeFlagged(units: Uint16Array, start: number, end: number): boolean {
  const second = start + 1 < end ? units[start + 1] : NaN;
  return maySegmentStartSensitiveLocation(units[start], second) || ((units[start] | 32) === 102 && (second | 32) === 105);
}

/** A unit that may be in a word the path detectors could flag wherever it stands in it (see `mayBeFlagged`). */
const anywhere = 1;
/** A unit that may make a word one the path detectors could flag when it starts the word: ".", the first letter of a sensitive segment start, "f" (`file:`). */
const atStart = 2;
/**
 * Per code unit: `anywhere`, `atStart` or 0. Every word `mayBeFlagged` holds
 * an `anywhere` unit or starts with an `atStart` one. Non-ASCII units are
 * `unknown` until their block of 256 is filled from `unitTraits`.
 */
const triggerUnit = new Uint8Array(65536).fill(unknown, 128);
for (const c of '%\\_/\0') triggerUnit[c.charCodeAt(0)] = anywhere;
for (const c of ['.', 'f', ...segmentStartLetters.map((start) => start[0])]) {
  for (const unit of [c.charCodeAt(0), c.toUpperCase().charCodeAt(0)]) triggerUnit[unit] ||= atStart;
}

function fillTriggerUnits(unit: number): number {
  const first = unit & 0xff00;
  for (let i = Math.max(first, 128); i < first + 256; i++) {
    const traits = unitTraits[i] || fillUnitTraits(i);
    triggerUnit[i] = (traits & quietInPaths) !== 0 ? 0 : (traits & dotInPaths) !== 0 ? atStart : anywhere;
  }
  return triggerUnit[unit];
}

function triggerOf(unit: number): number {
  const trigger = triggerUnit[unit];
  return trigger === unknown ? fillTriggerUnits(unit) : trigger;
}

/**
 * The position of the first unit at or after `from` that may make its word
 * one the path detectors could flag: an `anywhere` unit, or an `atStart` one
 * after a unit that ends words or a quote (`units.length` when there is
 * none). Pairs of units are read as in `nextHint`.
 */
function nextTrigger(units: Uint16Array, pairs: Uint32Array, from: number): number {
  for (let i = from; i < units.length; ) {
    if ((i & 1) === 1 || i === units.length - 1) {
      if (isTriggerAt(units, i)) return i;
      i++;
      continue;
    }
    const pair = pairs[i >> 1];
    if ((triggerUnit[pair & 0xffff] | triggerUnit[pair >>> 16]) === 0) {
      i += 2;
      continue;
    }
    if (isTriggerAt(units, i)) return i;
    i++;
  }
  return units.length;
}

function isTriggerAt(units: Uint16Array, i: number): boolean {
  const trigger = triggerOf(units[i]);
  if (trigger === anywhere) return true;
  return trigger === atStart && (i === 0 || isWordEnd(units[i - 1]) || isQuote(units[i - 1]));
}

function isWordEnd(unit: number): boolean {
  return unit < 128 && wordUnit[unit] === wordEnd;
}

/**
 * The words of `shellPathWords` that the path detectors could flag without
 * roots (see `mayBeFlagged`), each once, in order: the others (most URLs,
 * dotted names in code, prose in other scripts) are never copied out of the
 * text. Two ways give the same words: going through every word that could be
 * a path suits most texts; in prose in other scripts nearly every word could
 * be one, so only the stretches around units that may make a word flaggable
 * are split into words.
 */
export function flaggableShellPathWords(text: string): string[] {
  const cursor = new PathWordCursor(text);
  return mostlyNonAscii(cursor.units) ? flaggableWordsAroundTriggers(text, cursor) : flaggableWordsOfHints(text, cursor);
}

/** Whether most units of the text are non-ASCII, judged from one in 251 (a prime, so no stride of the text lines up with it). */
function mostlyNonAscii(units: Uint16Array): boolean {
  let nonAscii = 0;
  let looked = 0;
  for (let i = 0; i < units.length; i += 251, looked++) if (units[i] >= 128) nonAscii++;
  return nonAscii * 2 > looked;
}

/** `flaggableShellPathWords` by going through every word that could be a path. */
export function flaggableWordsOfHints(text: string, cursor = new PathWordCursor(text)): string[] {
  const words = new Set<string>();
  while (cursor.next()) if (cursor.mayBeFlagged()) words.add(text.slice(cursor.start, cursor.end));
  return [...words];
}

/**
 * `flaggableShellPathWords` by splitting into words only the stretches from
 * the last unit that ends words (other than NUL) before each unit that may
 * make its word flaggable (`nextTrigger`) to the end of a word past it:
 * every flaggable word holds such a unit.
 */
export function flaggableWordsAroundTriggers(text: string, cursor = new PathWordCursor(text)): string[] {
  const words = new Set<string>();
  const { units, pairs } = cursor;
  for (let from = 0, trigger = nextTrigger(units, pairs, 0); trigger < units.length; trigger = nextTrigger(units, pairs, from)) {
    // Back to a unit that ends words, which is not NUL: NUL is a trigger, so none stands between `from` and the first trigger.
    let restart = trigger;
    while (restart > from && !isWordEnd(units[restart - 1])) restart--;
    cursor.restartAt(restart);
    from = units.length;
    while (cursor.next()) {
      if (cursor.mayBeFlagged()) words.add(text.slice(cursor.start, cursor.end));
      const after = cursor.after;
      if (after > trigger && (after === units.length || units[after] !== 0)) {
        from = after + 1;
        break;
      }
    }
  }
  return [...words];
}
