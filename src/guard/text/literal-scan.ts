import { codeUnits, unitPairs } from './code-units.js';

/**
 * A set of ASCII literals searched for in one pass, ASCII letters in either
 * case: what a global regex `a|b|c` (each literal spelled caseless, longer
 * alternatives first) finds, without the regex engine trying every
 * alternative at every position. Matches are leftmost-longest and do not
 * overlap: after a match the scan resumes behind it, as `matchAll` does.
 *
 * The text is read as code units (`codeUnits`), two at a time. A bit set of
 * the three characters literals start with rules out most positions with one
 * lookup and no hard-to-predict branch; the trie is only walked where the
 * three characters fit.
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
  /** The three-character starts of literals, as a bit set (see `startGrams`). */
  private readonly starts: Uint8Array;
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
    this.starts = startGrams(words);
  }

  /** Calls `found(wordIndex, start, end)` for each match, in text order; `units` are the text's, when the caller has them. */
  scan(text: string, found: (word: number, start: number, end: number) => void, units = codeUnits(text)): void {
    const pairs = unitPairs(units);
    const { starts } = this;
    for (let i = nextCandidate(units, pairs, 0, starts); i < units.length; i = nextCandidate(units, pairs, i + 1, starts)) {
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
 * A character's low six bits: what the start bit set knows of it. The two
 * cases of a letter differ there, so both are entered; characters that share
 * their low bits with a literal's ('.' with "n", "0" with "p", any non-ASCII
 * unit with some ASCII one) make a few more candidates, which the trie rules
 * out.
 */
const sixBits = 63;
const gramMask = (1 << 18) - 1;

/** Whether the three characters whose low bits make `gram` can start a literal. */
function mayStart(starts: Uint8Array, gram: number): boolean {
  return (starts[gram >> 3] & (1 << (gram & 7))) !== 0;
}

/**
 * The first position from `from` on where three characters can start a
 * literal, or the text's length; `pairs` are the units two by two. The gram
 * of the three characters from i on (0 past the end) is rolled forward one
 * character per step, two steps per load.
 */
function nextCandidate(units: Uint16Array, pairs: Uint32Array, from: number, starts: Uint8Array): number {
  const n = units.length;
  let gram = ((from < n ? units[from] & sixBits : 0) << 6) | (from + 1 < n ? units[from + 1] & sixBits : 0);
  let i = from;
  // To an even position, whose third character starts a pair.
  if ((i & 1) === 1 && i + 2 < n) {
    gram = ((gram << 6) | (units[i + 2] & sixBits)) & gramMask;
    if (mayStart(starts, gram)) return i;
    i++;
  }
  for (; i + 3 < n; i += 2) {
    const pair = pairs[(i + 2) >> 1];
    gram = ((gram << 6) | (pair & sixBits)) & gramMask;
    if (mayStart(starts, gram)) return i;
    gram = ((gram << 6) | ((pair >>> 16) & sixBits)) & gramMask;
    if (mayStart(starts, gram)) return i + 1;
  }
  for (; i < n; i++) {
    gram = ((gram << 6) | (i + 2 < n ? units[i + 2] & sixBits : 0)) & gramMask;
    if (mayStart(starts, gram)) return i;
  }
  return n;
}

/**
 * The bit set of the three-character grams (six bits a character, 32 KB: it
 * stays in the processor's first-level cache, where one over seven bits a
 * character, 256 KB, does not) literals start with, both cases of a letter
 * alike. A shorter literal allows any character after it, and the end of the
 * text, which reads as 0.
 */
function startGrams(words: readonly string[]): Uint8Array {
  const starts = new Uint8Array((gramMask + 1) >> 3);
  const lowBits = (code: number | undefined) => (code === undefined ? [...Array(sixBits + 1).keys()] : [...new Set(cases(code).map((form) => form & sixBits))]);
  for (const word of words) {
    const [a, b, c] = lowerCodes(word);
    for (const x of lowBits(a)) for (const y of lowBits(b)) for (const z of lowBits(c)) {
      const gram = (x << 12) | (y << 6) | z;
      starts[gram >> 3] |= 1 << (gram & 7);
    }
  }
  return starts;
}
