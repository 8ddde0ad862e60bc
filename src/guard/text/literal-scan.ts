import { scanUnits } from './scan-units.js';

/**
 * A set of ASCII literals searched for in one pass, ASCII letters in either
 * case: what a global regex `a|b|c` (each literal spelled caseless, longer
 * alternatives first) finds, without the regex engine trying every
 * alternative at every position. Matches are leftmost-longest and do not
 * overlap: after a match the scan resumes behind it, as `matchAll` does.
 *
 * The text is read as code units (`scanUnits`). Two small tables of the three
 * characters literals start with rule out most positions with two lookups and
 * no hard-to-predict branch; the trie is only walked where the three
 * characters fit.
 */
export class LiteralScan {
  readonly words: readonly string[];
  /** Per code unit, its symbol in the trie: 1, 2, ... for the characters literals hold (both cases of a letter alike), 0 for any other. */
  private readonly symbols: Uint8Array;
  /** Bits per symbol in a `next` index. */
  private readonly bits: number;
  /** Transitions: `next[node << bits | symbol]`; 0 = none (the root is never a target). */
  private readonly next: Uint16Array;
  /** Per node, the index in `words` of the literal ending there, or -1. */
  private readonly ends: Int32Array;
  private readonly starts: StartTables;
  /** Index of the word `longestAt` last matched. */
  private matched = -1;

  constructor(words: readonly string[]) {
    this.words = words;
    for (const word of words) {
      if (word.length === 0 || /[^\x01-\x7f]/.test(word)) throw new Error(`literal '${word}' must be non-empty ASCII without NUL`);
    }
    const symbols = new Uint8Array(65536);
    let count = 1;
    for (const code of words.flatMap(lowerCodes)) {
      if (symbols[code] !== 0) continue;
      for (const form of cases(code)) symbols[form] = count;
      count++;
    }
    const bits = 32 - Math.clz32(count - 1);
    const next: number[] = new Array(1 << bits).fill(0);
    const ends: number[] = [-1];
    words.forEach((word, index) => {
      let node = 0;
      for (const code of lowerCodes(word)) {
        const slot = (node << bits) | symbols[code];
        if (next[slot] === 0) {
          next[slot] = ends.length;
          next.push(...new Array(1 << bits).fill(0));
          ends.push(-1);
        }
        node = next[slot];
      }
      ends[node] = index;
    });
    if (ends.length > 0xffff) throw new Error('the literals hold too many characters for one trie');
    this.symbols = symbols;
    this.bits = bits;
    this.next = Uint16Array.from(next);
    this.ends = Int32Array.from(ends);
    this.starts = startTables(words);
  }

  /** Calls `found(wordIndex, start, end)` for each match, in text order. */
  scan(text: string, found: (word: number, start: number, end: number) => void): void {
    const units = scanUnits(text);
    const { starts } = this;
    for (let i = nextCandidate(units, 0, starts); i < units.length; i = nextCandidate(units, i + 1, starts)) {
      const end = this.longestAt(units, i);
      if (end < 0) continue;
      found(this.matched, i, end);
      i = end - 1;
    }
  }

  /** End of the longest literal starting at `i` (its index left in `matched`), or -1. */
  private longestAt(units: Uint16Array, i: number): number {
    const { next, ends, symbols, bits } = this;
    let node = 0;
    let end = -1;
    for (let j = i; j < units.length; j++) {
      const symbol = symbols[units[j]];
      if (symbol === 0) break;
      node = next[(node << bits) | symbol];
      if (node === 0) break;
      if (ends[node] >= 0) {
        this.matched = ends[node];
        end = j + 1;
      }
    }
    return end;
  }
}

function lowerCodes(word: string): number[] {
  return [...word.toLowerCase()].map((char) => char.charCodeAt(0));
}

/** A lower-case ASCII code and its upper-case form, if it has one. */
function cases(code: number): number[] {
  return code >= 97 && code <= 122 ? [code, code - 32] : [code];
}

/**
 * The three characters literals start with, by their low seven bits: a row
 * per pair of first two characters (`pairs`, 16 KB) and rows of allowed third
 * characters (`thirds`, 128 bytes each, equal rows shared). Both fit in the
 * processor's first-level cache, where a bit set over all three-character
 * grams (256 KB) does not. A non-ASCII unit stands for the ASCII character
 * with its low bits: a few false candidates, which the trie rules out, for no
 * lower-casing lookup per character. Shorter literals allow any character
 * (and the end of the text, 0) after them.
 */
interface StartTables {
  pairs: Uint8Array;
  thirds: Uint8Array;
}

const pairMask = (1 << 14) - 1;

/** The first position from `from` on where the three characters fit the start of a literal, or the text's length. */
function nextCandidate(units: Uint16Array, from: number, { pairs, thirds }: StartTables): number {
  const n = units.length;
  // The two characters from i on (0 past the end), rolled forward one character per step.
  let pair = ((from < n ? units[from] & 127 : 0) << 7) | (from + 1 < n ? units[from + 1] & 127 : 0);
  // The last two positions get their own loop, so the hot one has no end-of-text test.
  const bulkEnd = n - 2;
  let i = from;
  for (; i < bulkEnd; i++) {
    const third = units[i + 2] & 127;
    if (thirds[(pairs[pair] << 7) | third] !== 0) return i;
    pair = ((pair << 7) | third) & pairMask;
  }
  for (; i < n; i++) {
    if (thirds[pairs[pair] << 7] !== 0) return i;
    pair = (pair << 7) & pairMask;
  }
  return n;
}

function startTables(words: readonly string[]): StartTables {
  const allowed = new Map<number, Uint8Array>();
  const allow = (pair: number, third?: number) => {
    let row = allowed.get(pair);
    if (row === undefined) allowed.set(pair, (row = new Uint8Array(128)));
    if (third === undefined) row.fill(1);
    else for (const form of cases(third)) row[form] = 1;
  };
  for (const word of words) {
    const [a, b, c] = lowerCodes(word);
    for (const first of cases(a)) {
      if (b === undefined) for (let any = 0; any < 128; any++) allow((first << 7) | any);
      else for (const second of cases(b)) allow((first << 7) | second, c);
    }
  }
  const rowIds = new Map<string, number>();
  const rows: Uint8Array[] = [new Uint8Array(128)];
  const pairs = new Uint8Array(pairMask + 1);
  for (const [pair, row] of allowed) {
    const key = row.join('');
    let id = rowIds.get(key);
    if (id === undefined) {
      id = rows.push(row) - 1;
      if (id > 255) throw new Error('literals start with more than 255 different sets of three characters');
      rowIds.set(key, id);
    }
    pairs[pair] = id;
  }
  const thirds = new Uint8Array(rows.length * 128);
  rows.forEach((row, id) => thirds.set(row, id * 128));
  return { pairs, thirds };
}
