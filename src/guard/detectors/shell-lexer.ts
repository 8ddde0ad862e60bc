import { asciiSet } from '../text/char-runs.js';
import { copyCodeUnits, littleEndianHost } from '../text/code-units.js';
import { kernel, kernelMemory, loadText, readInt32s, reserveTable, scratchAddress } from '../text/kernels/kernel-memory.js';
import { commandTable, knownCommands as defaultCommandNames, type KnownCommands } from './shell-commands.js';

/**
 * A single-pass reading of a string the way a POSIX shell (and, for `&`/`|`,
 * cmd.exe) would, reporting what could run another command: substitutions,
 * operators followed by a command, redirections. Quoting is honoured: inside
 * single quotes nothing is special, inside double quotes only substitutions.
 */

export type QuoteState = 'unquoted' | 'single' | 'double';

export interface ShellHazard {
  /** "command substitution $(...)", "';' then 'rm'", ... */
  description: string;
}

export interface ShellReading {
  /** For each starting quote state asked for (in order), the hazards in the order first found. */
  hazards: ShellHazard[][];
  /**
   * Where the text holds full-width or small forms of ASCII characters
   * (U+FE50-FE6B, U+FF01-FF5E), as [start, end) spans of consecutive ones:
   * NFKC normalization turns them into ASCII, shell metacharacters included.
   * Found by the same pass at no extra cost.
   */
  compatibilityForms: Array<[number, number]>;
}

const maxWordLength = 256;

/** How a word is read at each code unit: part of a plain word, */
const ordinary = 0;
/** white space (`\s`, Unicode's too) or one of the operators `;&|<>()` and backtick, which end a word, */
const ends = 1;
/** quotes, backslash, cmd.exe's caret, or any other character outside ASCII: the word is not read as the raw text (see `quotedWordAt`), */
const quoting = 2;
/** or the slash. */
const slash = 3;
const wordClass = new Uint8Array(65536).fill(quoting, 128);
for (const c of '\t\n\v\f\r ;&|<>()`\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff') wordClass[c.charCodeAt(0)] = ends;
wordClass.fill(ends, 0x2000, 0x200b);
for (const c of '\'"\\^') wordClass[c.charCodeAt(0)] = quoting;
wordClass[47] = slash;

/** The command names the lexer is mostly asked about, whose tables the kernel `shellEvents` reads to rule out words. */
const defaultCommands = commandTable(defaultCommandNames);
/** The tables of `shellEvents` (shell-kernels.as.ts): the shapes of `defaultCommands`, `wordClass`, the last characters and the longest name of `defaultCommands`. */
const eventTables = reserveTable(2 * 65536 + 128 + 4, writeEventTables);
writeEventTables(new DataView(kernelMemory(0)));

function writeEventTables(memory: DataView): void {
  defaultCommands.writeShapes(memory, eventTables, eventTables + 2 * 65536);
  new Uint8Array(memory.buffer).set(wordClass, eventTables + 65536);
  memory.setInt32(eventTables + 2 * 65536 + 128, defaultCommands.longest, true);
}

/** Characters after `<` that open markup ("<img", "</a", "<!--") rather than a redirection. */
const tagStart = asciiSet('A-Za-z/!');

/** The word starting at `start` (before `limit`), with quotes and backslashes removed: `c\a't'` reads `cat`. */
function wordAt(text: string, units: Uint16Array, start: number, limit = text.length): { word: string; raw: string } {
  let i = start;
  while (i < limit && (units[i] === 32 || units[i] === 9)) i++;
  // Most words are plain ASCII without quotes: the word is the raw text.
  const from = i;
  for (; i < limit && i - from < maxWordLength; i++) {
    const code = units[i];
    if (wordClass[code] === quoting) return quotedWordAt(text, units, from, limit);
    if (wordClass[code] === ends) break;
  }
  const raw = text.slice(from, i);
  return { word: raw, raw };
}

/**
 * `wordAt` for words with quotes, escapes, carets or non-ASCII characters.
 * The word is the raw text
 * less the quotes, the escaping backslashes and the carets: copied a stretch
 * at a time, between the characters left out.
 */
function quotedWordAt(text: string, units: Uint16Array, from: number, limit: number): { word: string; raw: string } {
  let word = '';
  let kept = from;
  let quote = 0;
  let i = from;
  for (; i < limit && i - from < maxWordLength; i++) {
    const code = units[i];
    if (quote !== 0) {
      if (code !== quote) continue;
      quote = 0;
    } else if (wordClass[code] === ends) break;
    else if (code === 39 || code === 34) quote = code;
    else if (code === 92 && i + 1 < limit) {
      // The escaped character is kept, whatever it is.
      word += text.slice(kept, i);
      kept = ++i;
      continue;
    } else if (code !== 94) continue; // cmd.exe's escape caret: p^o^w^e^r^s^h^e^l^l
    word += text.slice(kept, i);
    kept = i + 1;
  }
  return { word: word + text.slice(kept, i), raw: text.slice(from, i) };
}

/** A known command or a path to a program, as read by `wordAt`. */
function commandIn({ word, raw }: { word: string; raw: string }, knownCommands: KnownCommands): string | undefined {
  if (word.length === 0) return undefined;
  if (raw[0] === '$') return raw.slice(0, 12);
  if (startsLikePath(word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(2))) return word.slice(0, 24);
  return knownCommands.named(word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1));
}

const notPlain = Symbol('not a plain word');

const lowerAscii = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

/**
 * `commandIn(wordAt(...))` for a plain ASCII word (no quotes, escapes, carets
 * or non-ASCII characters) starting at `from` (before `limit`), read without
 * copying it unless it is a command; with `constructs`, a word opening a brace
 * group counts too. `notPlain` for any other word.
 */
function plainCommand(
  text: string,
  units: Uint16Array,
  from: number,
  limit: number,
  constructs: boolean,
  knownCommands: KnownCommands,
): string | undefined | typeof notPlain {
  let i = from;
  const end = Math.min(limit, from + maxWordLength);
  let lastSlash = -1;
  for (; i < end; i++) {
    const kind = wordClass[units[i]];
    if (kind === ordinary) continue;
    if (kind === ends) break;
    if (kind === quoting) return notPlain;
    lastSlash = i;
  }
  if (i === from) return undefined;
  const first = units[from];
  if (first === 36 || (constructs && first === 123)) return text.slice(from, Math.min(i, from + 12)); // $..., {...
  if (lastSlash >= 0 && startsLikePath(first, from + 1 < i ? units[from + 1] : -1, from + 2 < i ? units[from + 2] : -1)) {
    return text.slice(from, Math.min(i, from + 24));
  }
  const nameStart = lastSlash + 1 > from ? lastSlash + 1 : from;
  let nameEnd = i;
  if (
    nameEnd - nameStart >= 4 &&
    units[nameEnd - 4] === 46 &&
    lowerAscii(units[nameEnd - 3]) === 101 &&
    lowerAscii(units[nameEnd - 2]) === 120 &&
    lowerAscii(units[nameEnd - 1]) === 101
  ) nameEnd -= 4; // .exe
  const length = nameEnd - nameStart;
  if (length === 0 || !knownCommands.mayHave(length, lowerAscii(units[nameStart]), lowerAscii(units[nameEnd - 1]))) return undefined;
  return knownCommands.nameAt(units, nameStart, nameEnd);
}

/** Whether a word whose first three characters are these (-1 or NaN past its end) starts like a path to a program: `/`, `~/`, `./`, `../`. */
function startsLikePath(first: number, second: number, third: number): boolean {
  return first === 47 || (first === 126 && second === 47) || (first === 46 && (second === 47 || (second === 46 && third === 47)));
}

/**
 * Where the next `/` or `\\` of a text stands (its length when none does),
 * found by `indexOf` and remembered: the positions asked about mostly grow,
 * so each part of the text is searched about once however many words ask.
 */
class SeparatorSearch {
  private slashFrom = 0;
  private slashAt = -1;
  private backslashFrom = 0;
  private backslashAt = -1;

  constructor(private readonly text: string) {}

  /** The first `/` or `\\` at `from` or after. */
  nextFrom(from: number): number {
    const { text } = this;
    if (from < this.slashFrom || from > this.slashAt) {
      this.slashFrom = from;
      const at = text.indexOf('/', from);
      this.slashAt = at < 0 ? text.length : at;
    }
    if (from < this.backslashFrom || from > this.backslashAt) {
      this.backslashFrom = from;
      const at = text.indexOf('\\', from);
      this.backslashAt = at < 0 ? text.length : at;
    }
    return Math.min(this.slashAt, this.backslashAt);
  }
}

/** A known command, a path to a program, or (`constructs`) a substitution, brace group or variable opening the word at `index`. */
function commandAt(
  text: string,
  units: Uint16Array,
  index: number,
  limit: number,
  constructs: boolean,
  knownCommands: KnownCommands,
  separators: SeparatorSearch,
): string | undefined {
  let from = index;
  while (from < limit && (units[from] === 32 || units[from] === 9)) from++;
  const first = units[from];
  if (from < limit && (first === 34 || first === 39 || first >= 128) && quickNo(units, from, limit, knownCommands, separators)) return undefined;
  const plain = plainCommand(text, units, from, limit, constructs, knownCommands);
  return plain !== notPlain ? plain : quotedCommand(text, units, from, limit, constructs, knownCommands, separators);
}

/**
 * `commandAt` for a word with quotes, escapes, carets or non-ASCII characters
 * starting at `from`. Most such words are no command (JSON keys, prose in
 * other scripts): they are turned down by `mayNameCommand` without being
 * copied; the others are copied and read in full.
 */
function quotedCommand(
  text: string,
  units: Uint16Array,
  from: number,
  limit: number,
  constructs: boolean,
  knownCommands: KnownCommands,
  separators: SeparatorSearch,
): string | undefined {
  const first = units[from];
  const construct = first === 36 || (constructs && (first === 96 || first === 40 || first === 123)); // $..., and `...`, (...), {...} after an operator
  if (!construct) {
    const verdict = quotedAsciiVerdict(units, from, limit, knownCommands);
    if (verdict === no || (verdict === unsure && !mayNameCommand(units, from, limit, knownCommands, separators))) return undefined;
  }
  const read = quotedWordAt(text, units, from, limit);
  const rawFirst = read.raw.charCodeAt(0);
  if (constructs && (rawFirst === 36 || rawFirst === 96 || rawFirst === 40 || rawFirst === 123)) return read.raw.slice(0, 12); // $`({
  return commandIn(read, knownCommands);
}

const no = 0;
const maybe = 1;
const unsure = 2;
const none = -1;

/** ASCII characters a word may hold without `quotedAsciiVerdict` giving up: all but white space, operators, quotes, `/`, `\\` and `^`. */
const simpleWordChar = new Uint8Array(128);
for (let code = 33; code < 127; code++) simpleWordChar[code] = wordClass[code] === ordinary ? 1 : 0;
simpleWordChar[47] = 0;

/**
 * Whether the word at `from` (starting with a quote or a character outside
 * ASCII) is certainly no command, judged from its first characters, before it
 * is read as a quoted word: the two commonest such words after an operator in
 * large texts are turned down here.
 */
function quickNo(units: Uint16Array, from: number, limit: number, knownCommands: KnownCommands, separators: SeparatorSearch): boolean {
  const first = units[from];
  if (first === 34 || first === 39) return quotedKeyVerdict(units, from, limit, knownCommands) === no;
  // A word starting with a character outside ASCII (prose in other scripts): its file name cannot be a known command unless a slash follows.
  return (
    first >= 128 &&
    first !== kelvinSign &&
    wordClass[first] === quoting &&
    knownCommands.ascii &&
    separators.nextFrom(from + 1) >= Math.min(limit, from + maxWordLength + 1)
  );
}

/**
 * `mayNameCommand` for a word such as a JSON key, `"name":` (or `'name',`):
 * quoted from its start, with one ordinary ASCII character after the closing
 * quote that ends the word. That character is the last of the word's file
 * name, whatever the quotes hold, so when no known command's file name ends
 * with it only a word starting like a path may name one: `no` when the first
 * three characters inside the quotes do not start like one, else `unsure`.
 * Found with one loop to the closing quote.
 */
function quotedKeyVerdict(units: Uint16Array, from: number, limit: number, knownCommands: KnownCommands): number {
  if (!knownCommands.ascii) return unsure;
  const quote = units[from];
  const end = Math.min(limit, from + maxWordLength);
  let close = from + 1;
  while (close < end && units[close] !== quote) close++;
  // The first three characters of the word inside the quotes, and the one after them read.
  if (close - from < 4 || close + 1 >= end) return unsure;
  const last = units[close + 1];
  if (last >= 128 || simpleWordChar[last] === 0 || knownCommands.mayEndWith(lowerAscii(last))) return unsure;
  if (close + 2 < end && wordClass[units[close + 2]] !== ends) return unsure;
  const w1 = units[from + 1];
  const w2 = units[from + 2];
  const w3 = units[from + 3];
  return startsLikePath(w1, w2, w3) ? unsure : no;
}

/**
 * `mayNameCommand` for the most common quoted word, read by a lighter loop:
 * one of ASCII characters, quoted or not, with no slash, backslash or caret
 * (a JSON key: `"name":`). Such a word is its own file name and cannot start
 * like a path, so its length, first and last character decide (`no` or
 * `maybe`). `unsure` for any other word, and for one ending in "e" (which
 * may be ".exe"): `mayNameCommand` reads those.
 */
function quotedAsciiVerdict(units: Uint16Array, from: number, limit: number, knownCommands: KnownCommands): number {
  if (!knownCommands.ascii) return unsure;
  const end = Math.min(limit, from + maxWordLength);
  let quote = none;
  let length = 0;
  let first = -1;
  let last = -1;
  for (let i = from; i < end; i++) {
    const code = units[i];
    if (code === quote) quote = none;
    else if (code < 128 && simpleWordChar[code] === 1) {
      if (length++ === 0) first = code;
      last = code;
    } else if (quote !== none) return unsure;
    else if (code === 34 || code === 39) quote = code;
    else if (code < 128 && wordClass[code] === ends) break;
    else return unsure;
  }
  if (length === 0) return no;
  const lowerLast = lowerAscii(last);
  if (lowerLast === 101) return unsure; // ".exe"
  return length <= knownCommands.longest + 4 && knownCommands.mayHave(length, lowerAscii(first), lowerLast) ? maybe : no;
}

/**
 * Whether `commandIn` may find a command in the word `quotedWordAt` reads at
 * `from` (one not starting with "$"), read from the units without copying
 * it: false when the word is empty, or when it does not start like a path
 * and its file name (the part after the last slash or backslash) cannot be a
 * known command by its length, first and last character once lower-cased.
 * Lower-casing never shortens a text, and the only character outside ASCII
 * it turns into ASCII alone is the Kelvin sign (U+0130 becomes "i" and a
 * combining dot, which no command name holds; a test checks every code point).
 * Once the file name so far cannot be a known command (a character outside
 * ASCII, or too long) and no `/` or `\\` follows within the word's reach, the
 * word is turned down without reading the rest of it (prose in other
 * scripts: a whole line is one word).
 */
function mayNameCommand(units: Uint16Array, from: number, limit: number, knownCommands: KnownCommands, separators: SeparatorSearch): boolean {
  let wordLength = 0;
  let w1 = -1;
  let w2 = -1;
  let w3 = -1;
  // The file name: its length, first character, whether it holds only ASCII and Kelvin signs, and (while it does) its last five.
  let length = 0;
  let first = -1;
  let asciiOrKelvin = true;
  let l1 = -1;
  let l2 = -1;
  let l3 = -1;
  let l4 = -1;
  let l5 = -1;
  // With ".exe", the longest file name that can stand for a known command.
  const longestName = knownCommands.longest + 4;
  // Past this the loop reads nothing (an escaped character at the last position read is one further).
  const reach = Math.min(limit, from + maxWordLength + 1);
  let quote = 0;
  for (let i = from; i < limit && i - from < maxWordLength; i++) {
    let code = units[i];
    if (quote !== 0) {
      if (code === quote) {
        quote = 0;
        continue;
      }
    } else if (wordClass[code] === ends) break;
    else if (code === 39 || code === 34) {
      quote = code;
      continue;
    } else if (code === 92 && i + 1 < limit) code = units[++i];
    else if (code === 94) continue;
    // `code` is a character of the word.
    if (++wordLength <= 3) {
      if (wordLength === 1) w1 = code;
      else if (wordLength === 2) w2 = code;
      else w3 = code;
    }
    if (code === 47 || code === 92) {
      length = 0;
      asciiOrKelvin = true;
      continue;
    }
    if (length++ === 0) first = code;
    if (length > longestName || (code >= 128 && code !== kelvinSign)) {
      // The file name so far cannot be a known command (too long, or not ASCII): unless a slash follows, neither can the word's.
      if (length === longestName + 1 || asciiOrKelvin) {
        asciiOrKelvin = false;
        if (knownCommands.ascii && w1 !== 47 && w1 !== 126 && w1 !== 46 && separators.nextFrom(i + 1) >= reach) return false;
      }
      continue;
    } else if (asciiOrKelvin) {
      l5 = l4;
      l4 = l3;
      l3 = l2;
      l2 = l1;
      l1 = lowerAsciiOrKelvin(code);
    }
  }
  if (wordLength === 0) return false;
  if (startsLikePath(w1, w2, w3)) return true;
  if (!knownCommands.ascii || length === 0) return true;
  if (!asciiOrKelvin || length > longestName) return false;
  const lowerFirst = lowerAsciiOrKelvin(first);
  if (length > 4 && l4 === 46 && l3 === 101 && l2 === 120 && l1 === 101) return knownCommands.mayHave(length - 4, lowerFirst, l5); // .exe
  return knownCommands.mayHave(length, lowerFirst, l1);
}

const kelvinSign = 0x212a;
const lowerAsciiOrKelvin = (code: number) => (code === kelvinSign ? 107 : lowerAscii(code));

/** Where a redirection writes or reads, when that is a file or a socket rather than a harmless sink or a number. */
function redirectTarget(text: string, units: Uint16Array, index: number, input: boolean): string | undefined {
  const { word } = wordAt(text, units, index);
  if (/^\/dev\/(?:tcp|udp)\//.test(word)) return 'a network socket';
  if (/^(?:\d+|-|\/dev\/(?:null|stdout|stderr))$/.test(word) || word.includes('://')) return undefined;
  // Reading: a path ("< /etc/passwd"), not markup ("<img", "<v4.8"); writing: any file name.
  if (input) return /^[/~$]|^\.{1,2}\//.test(word) ? 'a file' : undefined;
  return /^[/~.$]|[/\\.]/.test(word) ? 'a file' : undefined;
}

const unquoted = 0;
const single = 1;
const double = 2;
const stateCodes: Record<QuoteState, number> = { unquoted, single, double };

/**
 * The readers of one text, one per starting quote state, moving through it
 * together so each character is looked at once. A reader's state is kept in
 * typed arrays indexed by reader: its quote state, whether it is inside
 * backticks, where an HTML/XML tag opened on its line ("<img", "</a", so the
 * tag's ">" is not read as a redirection), and the next position it looks
 * at (past an escaped character or a two-character operator). What is read at
 * a position (the command after an operator, a redirection's target, where a
 * backtick closes) does not depend on the quote state, only whether it is
 * read does: it is worked out once per position, however many readers ask.
 */
class Readers {
  private readonly units: Uint16Array;
  private readonly count: number;
  private readonly quote: Uint8Array;
  private readonly inBackticks: Uint8Array;
  private readonly openTag: Int32Array;
  private readonly resumeAt: Int32Array;
  /** The last of the readers' `resumeAt`: from there on no reader skips a character. */
  private skipUntil = 0;
  private readonly hazards: Array<Set<string>>;
  /** The position whose command, target or backtick close was worked out last, and what was found. */
  private factsAt = -1;
  private command: string | undefined;
  private backtickClose = -1;
  /** Descriptions built so far, by their head then their detail: a repeated hazard is looked up, not rebuilt. */
  private readonly descriptions = new Map<string, Map<string, string>>();
  /** The last hazard recorded. */
  private lastHead = '';
  private lastDetail = '';
  private lastDescription = '';
  private readonly compatibilityForms: Array<[number, number]> = [];
  private readonly separators: SeparatorSearch;

  constructor(
    private readonly text: string,
    starts: readonly QuoteState[],
    private readonly knownCommands: KnownCommands,
    units: Uint16Array | undefined,
  ) {
    this.units = units ?? unitsOf(text);
    this.separators = new SeparatorSearch(text);
    this.count = starts.length;
    this.quote = new Uint8Array(starts.length);
    for (let r = 0; r < starts.length; r++) this.quote[r] = stateCodes[starts[r]];
    this.inBackticks = new Uint8Array(starts.length);
    this.openTag = new Int32Array(starts.length).fill(-1);
    this.resumeAt = new Int32Array(starts.length);
    this.hazards = starts.map(() => new Set<string>());
  }

  /**
   * Visits the characters the lexer stops at, in order, a block at a time:
   * the shell's special characters (every other character reads the same in
   * every quote state) and the compatibility forms, found by the kernel
   * `shellEvents`, less those it finds no reader would act on.
   */
  read(): ShellReading {
    const n = this.units.length;
    const loaded = loadText(this.text);
    const out = scratchAddress();
    kernelMemory(out + 4 * blockUnits);
    const found = foundSpecials;
    const ruleOuts = this.knownCommands === defaultCommands && defaultCommands.ascii ? 1 : 0;
    for (let from = 0; from < n; from += blockUnits) {
      const count = shellEvents(eventTables, loaded, n, from, Math.min(n, from + blockUnits), out, ruleOuts);
      readInt32s(out, count, found);
      this.visit(found, count);
    }
    return {
      hazards: this.hazards.map((hazards) => Array.from(hazards, (description) => ({ description }))),
      compatibilityForms: this.compatibilityForms,
    };
  }

  /**
   * What the readers make of the special characters at `found[0..count)`: a
   * quote switches the state of the readers it is not quoted for, `$`, a
   * backtick and a backslash count outside single quotes, operators and
   * redirections only unquoted. A reader skips the character escaped by a
   * backslash or ending a two-character operator (its `resumeAt`). Quotes,
   * the most common, are handled in this loop; the rest by a call.
   */
  private visit(found: Int32Array, count: number): void {
    const { units, quote, resumeAt } = this;
    const readers = this.count;
    for (let k = 0; k < count; k++) {
      const i = found[k];
      const code = units[i];
      if ((code === 34 || code === 39) && k + 1 < count && units[found[k + 1]] === code && i >= this.skipUntil) {
        // A quote closed by the next special character, with no reader skipping either: switched and switched back (JSON's "key": "value").
        k++;
      } else if (code === 34) {
        // " switches unquoted and double-quoted readers
        for (let r = 0; r < readers; r++) if (resumeAt[r] <= i && quote[r] !== single) quote[r] ^= double;
      } else if (code === 39) {
        // ' switches unquoted and single-quoted readers
        for (let r = 0; r < readers; r++) if (resumeAt[r] <= i && quote[r] !== double) quote[r] ^= single;
      } else this.visitOther(i, code);
    }
  }

  /** `visit` for a special character other than a quote. */
  private visitOther(i: number, code: number): void {
    const { quote, resumeAt } = this;
    const readers = this.count;
    switch (code) {
      case 10: // \n
      case 13: // \r
      case 59: // ;
        for (let r = 0; r < readers; r++) if (quote[r] === unquoted && resumeAt[r] <= i) this.operator(r, i, code, 1);
        return;
      case 124: // |
      case 38: // &
        for (let r = 0; r < readers; r++) if (quote[r] === unquoted && resumeAt[r] <= i) this.pipeOrAmpersand(r, i, code);
        return;
      case 60: // <
      case 62: // >
        for (let r = 0; r < readers; r++) if (quote[r] === unquoted && resumeAt[r] <= i) this.angleBracket(r, i, code);
        return;
      case 92: // \ escapes the next character
        for (let r = 0; r < readers; r++) if (quote[r] !== single && resumeAt[r] <= i) this.skip(r, i + 2);
        return;
      case 96: // `
        for (let r = 0; r < readers; r++) if (quote[r] !== single && resumeAt[r] <= i) this.backtick(r, i);
        return;
      case 36: // $
        for (let r = 0; r < readers; r++) if (quote[r] !== single && resumeAt[r] <= i) this.dollar(r, i);
        return;
      default:
        this.compatibilityForm(i);
    }
  }

  /** Makes `reader` look next at `resumeAt`. */
  private skip(reader: number, resumeAt: number): void {
    this.resumeAt[reader] = resumeAt;
    if (resumeAt > this.skipUntil) this.skipUntil = resumeAt;
  }

  /** A full-width or small form of an ASCII character at `i`: widens the span of the one before it, or starts a span. */
  private compatibilityForm(i: number): void {
    const last = this.compatibilityForms[this.compatibilityForms.length - 1];
    if (last !== undefined && last[1] === i) last[1] = i + 1;
    else this.compatibilityForms.push([i, i + 1]);
  }

  private dollar(reader: number, i: number): void {
    const next = this.units[i + 1];
    if (next === 40) this.add(reader, 'command substitution $(...)', '', '');
    else if (next === 123) this.add(reader, 'parameter expansion ${...}', '', '');
  }

  /** A backtick: opening command substitution (only a command inside counts: Markdown uses backticks for inline code), or closing it. */
  private backtick(reader: number, i: number): void {
    if (this.inBackticks[reader] === 1) {
      this.inBackticks[reader] = 0;
      return;
    }
    if (this.factsAt !== i) {
      this.factsAt = i;
      const close = this.text.indexOf('`', i + 1);
      this.backtickClose = close;
      this.command = close > i + 1 ? commandAt(this.text, this.units, i + 1, close, false, this.knownCommands, this.separators) : undefined;
    }
    if (this.command) this.add(reader, "backtick command substitution ('", this.command, "')");
    this.inBackticks[reader] = this.backtickClose > i ? 1 : 0;
  }

  /** `|`, `||`, `&`, `&&`: another command follows; `>&`, `&>` are redirections. */
  private pipeOrAmpersand(reader: number, i: number, code: number): void {
    const next = this.units[i + 1];
    if (code === 38 && (this.units[i - 1] === 62 || next === 62)) return;
    this.operator(reader, i, code, next === code ? 2 : 1);
  }

  /** An operator `length` characters long at `i` (`;`, a newline, `|`, `||`, `&`, `&&`): another command follows. */
  private operator(reader: number, i: number, code: number, length: number): void {
    this.skip(reader, i + length);
    const next = this.units[i + length];
    if (next === 10 || next === 13) return; // a blank line, a ";" ending one: no word follows
    if (this.factsAt !== i) {
      this.factsAt = i;
      this.command = commandAt(this.text, this.units, i + length, this.text.length, true, this.knownCommands, this.separators);
    }
    if (this.command) this.add(reader, operatorHeads[operatorKey(code, length)], this.command, "'");
  }

  /** `<` or `>`: process substitution, or a redirection unless it is markup, an arrow or a comparison. */
  private angleBracket(reader: number, i: number, code: number): void {
    const next = this.units[i + 1];
    if (next === 40) {
      const command = this.substitutedCommand(i);
      if (command) this.add(reader, code === 60 ? 'process substitution <(' : 'process substitution >(', command, ' ...)');
      this.skip(reader, i + 2);
      return;
    }
    if (code === 60 && next < 128 && tagStart[next] === 1) {
      this.openTag[reader] = i; // markup, not a redirection
      return;
    }
    const open = this.openTag[reader];
    if (code === 62 && open >= 0) {
      // A tag closes only on the line it opened on; either way no tag is open from here on.
      this.openTag[reader] = -1;
      if (!this.newlineBetween(open, i)) return;
    }
    // Arrows and comparisons in prose: "->", "=>", ">=", "<=".
    const previous = this.units[i - 1];
    if (next === 61 || (code === 62 && (previous === 45 || previous === 61))) return;
    const doubled = next === code;
    const ampersand = this.units[i + (doubled ? 2 : 1)] === 38;
    const length = 1 + (doubled ? 1 : 0) + (ampersand ? 1 : 0);
    if (this.factsAt !== i) {
      this.factsAt = i;
      this.command = redirectTarget(this.text, this.units, i + length, code === 60);
    }
    if (this.command) this.add(reader, redirectionHeads[(code === 62 ? 4 : 0) + (doubled ? 2 : 0) + (ampersand ? 1 : 0)], this.command, '');
    this.skip(reader, i + length);
  }

  /**
   * Whether a newline stands between `from` and `to`. The kernel does not
   * pass on every newline, so they are looked for here: each reader's stretch
   * from a tag's start to the first `>` after it, once.
   */
  private newlineBetween(from: number, to: number): boolean {
    const { units } = this;
    for (let k = from + 1; k < to; k++) if (units[k] === 10) return true;
    return false;
  }

  /** For the process substitution at `i`: the command inside. */
  private substitutedCommand(i: number): string | undefined {
    if (this.factsAt !== i) {
      this.factsAt = i;
      this.command = commandAt(this.text, this.units, i + 2, this.text.length, false, this.knownCommands, this.separators);
    }
    return this.command;
  }

  /** Records the hazard `head + detail + tail` (the same `head` always comes with the same `tail`). */
  private add(reader: number, head: string, detail: string, tail: string): void {
    // Texts that hold a hazard mostly hold it many times in a row ("newline then 'npm'").
    if (head !== this.lastHead || detail !== this.lastDetail) {
      let byDetail = this.descriptions.get(head);
      if (byDetail === undefined) this.descriptions.set(head, (byDetail = new Map()));
      let description = byDetail.get(detail);
      if (description === undefined) byDetail.set(detail, (description = head + detail + tail));
      this.lastHead = head;
      this.lastDetail = detail;
      this.lastDescription = description;
    }
    this.hazards[reader].add(this.lastDescription);
  }
}

/** "';' then '", "'&&' then '", "newline then '", ...: by `operatorKey`. */
const operatorHeads = new Array<string>(256).fill('');
const operatorKey = (code: number, length: number) => (length === 2 ? code + 128 : code);
for (const [code, length, operator] of [[59, 1, "';'"], [10, 1, 'newline'], [13, 1, 'newline'], [124, 1, "'|'"], [38, 1, "'&'"], [124, 2, "'||'"], [38, 2, "'&&'"]] as const) {
  operatorHeads[operatorKey(code, length)] = `${operator} then '`;
}


/** Units scanned per block. */
const blockUnits = 65536;
const shellEvents = kernel<(tables: number, units: number, length: number, from: number, to: number, out: number, ruleOuts: number) => number>('shellEvents');
/** The positions `shellEvents` finds in a block, for every reading (one reading ends before the next starts). */
const foundSpecials = new Int32Array(blockUnits);

/**
 * The units of a text only this reading sees (a window, a decoded form) are
 * copied into one buffer reused by every reading: allocating a buffer per
 * window cost more than the copy. A text longer than the buffer gets a copy
 * of its own, so the buffer stays small.
 */
const scratchUnits = new Uint16Array(1 << 16);
const scratchBytes = Buffer.from(scratchUnits.buffer);

function unitsOf(text: string): Uint16Array {
  if (!littleEndianHost || text.length > scratchUnits.length) return copyCodeUnits(text);
  scratchBytes.write(text, 0, 'utf16le');
  return scratchUnits.subarray(0, text.length);
}

/** "redirection '<' to ", ...: by direction (`>` plus 4), doubling (plus 2) and a trailing `&` (plus 1). */
const redirectionHeads = ['<', '<&', '<<', '<<&', '>', '>&', '>>', '>>&'].map((operator) => `redirection '${operator}' to `);

/**
 * Reads `text` from each of `starts` (in order), as separate readings would;
 * the readers move through the text together so each character is looked at
 * once and each operator's command read once. `units` are the text's code
 * units when the caller has them (`codeUnits` of an argument other scans read
 * too); they are copied otherwise, for texts only this reading sees (decoded
 * or normalized windows, which would push the argument out of that cache).
 */
export function readShell(text: string, starts: readonly QuoteState[], knownCommands: ReadonlySet<string>, units?: Uint16Array): ShellReading {
  return new Readers(text, starts, commandTable(knownCommands), units).read();
}

export function shellHazards(text: string, start: QuoteState, knownCommands: ReadonlySet<string>): ShellHazard[] {
  return readShell(text, [start], knownCommands).hazards[0];
}
