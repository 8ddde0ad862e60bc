import { asciiSet } from '../text/char-runs.js';

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

const maxWordLength = 256;
const wordEnd = /[\s;&|<>()`]/;
/** ASCII characters that end a word (white space and the operators of `wordEnd`). */
const asciiWordEnd = asciiSet('\t\n\v\f\r ;&|<>()`');
/** ASCII characters a word can hold that change how it reads: quotes, backslash, cmd.exe's caret. */
const asciiWordQuoting = asciiSet('\'"\\^');

/** The word starting at `start` (before `limit`), with quotes and backslashes removed: `c\a't'` reads `cat`. */
function wordAt(text: string, start: number, limit = text.length): { word: string; raw: string } {
  let i = start;
  while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
  // Most words are plain ASCII without quotes: the word is the raw text.
  const from = i;
  while (i < limit && i - from < maxWordLength) {
    const code = text.charCodeAt(i);
    if (code >= 128 || asciiWordQuoting[code] === 1) return quotedWordAt(text, from, limit);
    if (asciiWordEnd[code] === 1) break;
    i++;
  }
  const raw = text.slice(from, i);
  return { word: raw, raw };
}

/** `wordAt` for words with quotes, escapes, carets or non-ASCII characters (Unicode white space also ends a word). */
function quotedWordAt(text: string, from: number, limit: number): { word: string; raw: string } {
  let word = '';
  let raw = '';
  let quote: string | undefined;
  for (let i = from; i < limit && raw.length < maxWordLength; i++) {
    const c = text[i];
    if (!quote && wordEnd.test(c)) break;
    raw += c;
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < limit) {
      raw += text[++i];
      word += text[i];
    } else if (c !== '^') word += c; // cmd.exe's escape caret: p^o^w^e^r^s^h^e^l^l
  }
  return { word, raw };
}

function basename(word: string): string {
  const name = word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).toLowerCase();
  return name.endsWith('.exe') ? name.slice(0, -4) : name;
}

/** A known command or a path to a program, as read by `wordAt`. */
function commandIn({ word, raw }: { word: string; raw: string }, knownCommands: KnownCommands): string | undefined {
  if (word.length === 0) return undefined;
  if (raw[0] === '$') return raw.slice(0, 12);
  if (/^(?:\/|\.{1,2}\/|~\/)/.test(word)) return word.slice(0, 24);
  const name = basename(word);
  return knownCommands.names.has(name) ? name : undefined;
}

/** What follows an operator: a known command, a path to a program, or a shell construct. */
function commandAfter(text: string, index: number, knownCommands: KnownCommands): string | undefined {
  const plain = plainCommand(text, index, text.length, true, knownCommands);
  if (plain !== notPlain) return plain;
  const read = wordAt(text, index);
  if (/^[$`({]/.test(read.raw)) return read.raw.slice(0, 12);
  return commandIn(read, knownCommands);
}

const notPlain = Symbol('not a plain word');
/** The known command names, with the length, first and last character of each, so most words are turned down without being copied. */
interface KnownCommands {
  names: ReadonlySet<string>;
  shapes: ReadonlySet<number>;
}
const knownCommandsOf = new WeakMap<ReadonlySet<string>, KnownCommands>();
const shape = (length: number, first: number, last: number) => (length * 128 + first) * 128 + last;

function withShapes(names: ReadonlySet<string>): KnownCommands {
  let known = knownCommandsOf.get(names);
  if (known === undefined) {
    known = { names, shapes: new Set([...names].map((name) => shape(name.length, name.charCodeAt(0), name.charCodeAt(name.length - 1)))) };
    knownCommandsOf.set(names, known);
  }
  return known;
}

const lowerAscii = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

/** `commandIn(wordAt(...))` for a word starting at `index` (before `limit`), or with `constructs` `commandAfter`. */
function commandAt(text: string, index: number, limit: number, constructs: boolean, knownCommands: KnownCommands): string | undefined {
  const plain = plainCommand(text, index, limit, constructs, knownCommands);
  return plain !== notPlain ? plain : commandIn(wordAt(text, index, limit), knownCommands);
}

/**
 * `commandAt` for a plain ASCII word (no quotes, escapes, carets or
 * non-ASCII characters), read without copying it unless it is a command;
 * `notPlain` for any other word.
 */
function plainCommand(text: string, index: number, limit: number, constructs: boolean, knownCommands: KnownCommands): string | undefined | typeof notPlain {
  let i = index;
  while (i < limit && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const from = i;
  let lastSlash = -1;
  for (; i < limit && i - from < maxWordLength; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || asciiWordQuoting[code] === 1) return notPlain;
    if (asciiWordEnd[code] === 1) break;
    if (code === 47) lastSlash = i;
  }
  if (i === from) return undefined;
  const first = text.charCodeAt(from);
  if (first === 36 || (constructs && first === 123)) return text.slice(from, Math.min(i, from + 12)); // $..., {...
  if (lastSlash >= 0 && /^(?:\/|\.{1,2}\/|~\/)/.test(text.slice(from, Math.min(i, from + 3)))) return text.slice(from, Math.min(i, from + 24));
  const nameStart = lastSlash + 1 > from ? lastSlash + 1 : from;
  let nameEnd = i;
  if (
    nameEnd - nameStart >= 4 &&
    text.charCodeAt(nameEnd - 4) === 46 &&
    lowerAscii(text.charCodeAt(nameEnd - 3)) === 101 &&
    lowerAscii(text.charCodeAt(nameEnd - 2)) === 120 &&
    lowerAscii(text.charCodeAt(nameEnd - 1)) === 101
  ) nameEnd -= 4; // .exe
  const length = nameEnd - nameStart;
  if (length === 0 || !knownCommands.shapes.has(shape(length, lowerAscii(text.charCodeAt(nameStart)), lowerAscii(text.charCodeAt(nameEnd - 1))))) {
    return undefined;
  }
  const name = text.slice(nameStart, nameEnd).toLowerCase();
  return knownCommands.names.has(name) ? name : undefined;
}

/** Where a redirection writes or reads, when that is a file or a socket rather than a harmless sink or a number. */
function redirectTarget(text: string, index: number, input: boolean): string | undefined {
  const { word } = wordAt(text, index);
  if (/^\/dev\/(?:tcp|udp)\//.test(word)) return 'a network socket';
  if (/^(?:\d+|-|\/dev\/(?:null|stdout|stderr))$/.test(word) || word.includes('://')) return undefined;
  // Reading: a path ("< /etc/passwd"), not markup ("<img", "<v4.8"); writing: any file name.
  if (input) return /^[/~$]|^\.{1,2}\//.test(word) ? 'a file' : undefined;
  return /^[/~.$]|[/\\.]/.test(word) ? 'a file' : undefined;
}

/** One reading of the text, from one starting quote state. */
interface Reader {
  state: QuoteState;
  inBackticks: boolean;
  /** Where an HTML/XML tag opened on this line ("<img", "</a"), so its ">" is not read as a redirection. */
  openTag: number;
  /** The next position this reader looks at (past an escaped character or a two-character operator). */
  resumeAt: number;
  hazards: Map<string, ShellHazard>;
}

function addHazard(reader: Reader, description: string): void {
  if (!reader.hazards.has(description)) reader.hazards.set(description, { description });
}

/**
 * What is read at one position does not depend on the quote state (only
 * whether it is read does): worked out once, however many readers ask.
 */
class PositionFacts {
  private at = -1;
  /** The command or target worked out for position `at`. */
  private command: string | undefined;
  private backtickClose = -1;

  constructor(
    private readonly text: string,
    private readonly knownCommands: KnownCommands,
  ) {}

  /** For the operator at `i`: the command after it, read from `from`. */
  commandAfter(i: number, from: number): string | undefined {
    if (this.at !== i) {
      this.at = i;
      this.command = commandAfter(this.text, from, this.knownCommands);
    }
    return this.command;
  }

  /** For the process substitution at `i`: the command inside. */
  substitutedCommand(i: number): string | undefined {
    if (this.at !== i) {
      this.at = i;
      this.command = commandAt(this.text, i + 2, this.text.length, false, this.knownCommands);
    }
    return this.command;
  }

  /** For the redirection at `i`: what it writes to or reads from, read from `from`. */
  redirectTarget(i: number, from: number, input: boolean): string | undefined {
    if (this.at !== i) {
      this.at = i;
      this.command = redirectTarget(this.text, from, input);
    }
    return this.command;
  }

  /** For the backtick at `i`: where it closes and the command inside. */
  backtick(i: number): { close: number; command: string | undefined } {
    if (this.at !== i) {
      this.at = i;
      const close = this.text.indexOf('`', i + 1);
      this.backtickClose = close;
      this.command = close > i + 1 ? commandAt(this.text, i + 1, close, false, this.knownCommands) : undefined;
    }
    return { close: this.backtickClose, command: this.command };
  }
}

/**
 * The hazards of `text` read from each of `starts` (in order), as separate
 * readings would report them; the readers move through the text together so
 * each character is looked at once and each operator's command read once.
 */
export function shellHazardsFrom(text: string, starts: readonly QuoteState[], knownCommands: ReadonlySet<string>): ShellHazard[][] {
  const readers: Reader[] = starts.map((state) => ({ state, inBackticks: false, openTag: -1, resumeAt: 0, hazards: new Map() }));
  const facts = new PositionFacts(text, withShapes(knownCommands));
  let lastNewline = -1;
  // Created per call, so its lastIndex is this loop's alone; the regex engine skips ordinary characters faster than a loop.
  const special = /[\\$`'"<>;|&\n\r]/g;
  while (special.test(text)) {
    const i = special.lastIndex - 1;
    const code = text.charCodeAt(i);
    for (let r = 0; r < readers.length; r++) {
      if (readers[r].resumeAt <= i) step(readers[r], text, i, code, lastNewline, facts);
    }
    if (code === 10) lastNewline = i;
  }
  return readers.map((reader) => [...reader.hazards.values()]);
}

export function shellHazards(text: string, start: QuoteState, knownCommands: ReadonlySet<string>): ShellHazard[] {
  return shellHazardsFrom(text, [start], knownCommands)[0];
}

/** What `reader` makes of the special character at `i`. */
function step(reader: Reader, text: string, i: number, code: number, lastNewline: number, facts: PositionFacts): void {
  if (reader.state === 'single') {
    if (code === 39) reader.state = 'unquoted'; // '
    return;
  }
  if (code === 92) {
    reader.resumeAt = i + 2; // \ escapes the next character
    return;
  }
  const next = text.charCodeAt(i + 1);
  if (code === 36) {
    if (next === 40) addHazard(reader, 'command substitution $(...)');
    else if (next === 123) addHazard(reader, 'parameter expansion ${...}');
  } else if (code === 96) {
    if (!reader.inBackticks) {
      // Markdown uses backticks for inline code: only a command inside them counts.
      const { close, command } = facts.backtick(i);
      if (command) addHazard(reader, `backtick command substitution ('${command}')`);
      reader.inBackticks = close > i;
    } else reader.inBackticks = false;
  }
  if (reader.state === 'double') {
    if (code === 34) reader.state = 'unquoted';
    return;
  }
  const c = text[i];
  if (code === 39) reader.state = 'single';
  else if (code === 34) reader.state = 'double';
  else if ((code === 60 || code === 62) && next === 40) {
    const command = facts.substitutedCommand(i);
    if (command) addHazard(reader, `process substitution ${c}(${command} ...)`);
    reader.resumeAt = i + 2;
  } else if (code === 59 || code === 10 || code === 13 || code === 124 || code === 38) {
    const length = (code === 124 || code === 38) && next === code ? 2 : 1;
    if (code === 38 && (text.charCodeAt(i - 1) === 62 || next === 62)) return; // >&2, &> are redirections
    const command = facts.commandAfter(i, i + length);
    if (command) addHazard(reader, `${code === 10 || code === 13 ? 'newline' : `'${c.repeat(length)}'`} then '${command}'`);
    reader.resumeAt = i + length;
  } else if (code === 60 || code === 62) {
    if (code === 60 && /[A-Za-z/!]/.test(text[i + 1] ?? '')) {
      reader.openTag = i; // markup, not a redirection
      return;
    }
    if (code === 62 && reader.openTag > lastNewline) {
      reader.openTag = -1;
      return;
    }
    // Arrows and comparisons in prose: "->", "=>", ">=", "<=".
    const previous = text.charCodeAt(i - 1);
    if (next === 61 || (code === 62 && (previous === 45 || previous === 61))) return;
    let operator = next === code ? c + c : c;
    if (text[i + operator.length] === '&') operator += '&';
    const target = facts.redirectTarget(i, i + operator.length, code === 60);
    if (target) addHazard(reader, `redirection '${operator}' to ${target}`);
    reader.resumeAt = i + operator.length;
  }
}
