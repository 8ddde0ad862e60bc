/**
 * A set of ASCII literals searched for in one pass, ASCII letters in either
 * case: what a global regex `a|b|c` (each literal spelled caseless, longer
 * alternatives first) finds, without the regex engine trying every
 * alternative at every position. Matches are leftmost-longest and do not
 * overlap: after a match the scan resumes behind it, as `matchAll` does.
 * A bit set of the three-character grams literals start with rules out most
 * positions with one lookup and no hard-to-predict branch; the trie is only
 * walked where a gram fits.
 */
export class LiteralScan {
  readonly words: readonly string[];
  /** Transitions: `next[node * 128 + code]`, code lower-cased; 0 = none (the root is never a target). */
  private readonly next: Int32Array;
  /** Per node, the index in `words` of the literal ending there, or -1. */
  private readonly ends: Int32Array;
  /** The three-character grams a literal can start with: most positions are ruled out with one lookup. */
  private readonly starts: Uint8Array;
  /** Index of the word `longestAt` last matched. */
  private matched = -1;

  constructor(words: readonly string[]) {
    this.words = words;
    let nodes = 1;
    const next: number[] = new Array(128).fill(0);
    const ends: number[] = [-1];
    words.forEach((word, index) => {
      if (word.length === 0 || /[^\x01-\x7f]/.test(word)) throw new Error(`literal '${word}' must be non-empty ASCII without NUL`);
      let node = 0;
      for (const char of word.toLowerCase()) {
        const slot = node * 128 + char.charCodeAt(0);
        if (next[slot] === 0) {
          next[slot] = nodes++;
          next.push(...new Array(128).fill(0));
          ends.push(-1);
        }
        node = next[slot];
      }
      ends[node] = index;
    });
    this.next = Int32Array.from(next);
    this.ends = Int32Array.from(ends);
    this.starts = startGrams(words);
  }

  /** Calls `found(wordIndex, start, end)` for each match, in text order. */
  scan(text: string, found: (word: number, start: number, end: number) => void): void {
    const { starts } = this;
    const n = text.length;
    // The gram of the three characters from i on (0 past the end), rolled forward one character per step.
    let gram = n > 1 ? (asciiLower[text.charCodeAt(0)] << 7) | asciiLower[text.charCodeAt(1)] : n > 0 ? asciiLower[text.charCodeAt(0)] << 7 : 0;
    let resumeAt = 0;
    // The last two positions get their own loop, so the hot one has no end-of-text test.
    const bulkEnd = n - 2;
    let i = 0;
    for (; i < bulkEnd; i++) {
      gram = ((gram << 7) | asciiLower[text.charCodeAt(i + 2)]) & gramMask;
      if ((starts[gram >> 3] & (1 << (gram & 7))) === 0 || i < resumeAt) continue;
      resumeAt = this.report(text, i, resumeAt, found);
    }
    for (; i < n; i++) {
      gram = (gram << 7) & gramMask;
      if ((starts[gram >> 3] & (1 << (gram & 7))) === 0 || i < resumeAt) continue;
      resumeAt = this.report(text, i, resumeAt, found);
    }
  }

  /** Reports the longest literal at `i`, if any; returns where the scan resumes. */
  private report(text: string, i: number, resumeAt: number, found: (word: number, start: number, end: number) => void): number {
    const end = this.longestAt(text, i);
    if (end < 0) return resumeAt;
    found(this.matched, i, end);
    return end;
  }

  /** End of the longest literal starting at `i` (its index left in `matched`), or -1. */
  private longestAt(text: string, i: number): number {
    const { next, ends } = this;
    let node = 0;
    let end = -1;
    for (let j = i; j < text.length; j++) {
      const code = asciiLower[text.charCodeAt(j)];
      if (code === 0) break;
      node = next[node * 128 + code];
      if (node === 0) break;
      if (ends[node] >= 0) {
        this.matched = ends[node];
        end = j + 1;
      }
    }
    return end;
  }
}

/** Every UTF-16 code unit to its ASCII lower case, or to 0 when it is not ASCII (NUL too: no literal contains it). */
const asciiLower = new Uint8Array(65536);
for (let code = 1; code < 128; code++) asciiLower[code] = code >= 65 && code <= 90 ? code | 32 : code;

const gramMask = (1 << 21) - 1;

/** The three-character grams literals start with, as a bit set (two-character literals with any third character). */
function startGrams(words: readonly string[]): Uint8Array {
  const bits = new Uint8Array((gramMask + 1) >> 3);
  const add = (gram: number) => (bits[gram >> 3] |= 1 << (gram & 7));
  for (const word of words) {
    const [a, b, c] = [...word.toLowerCase()].map((char) => char.charCodeAt(0));
    if (b === undefined) for (let x = 0; x < 128; x++) for (let y = 0; y < 128; y++) add((a << 14) | (x << 7) | y);
    else if (c === undefined) for (let y = 0; y < 128; y++) add((a << 14) | (b << 7) | y);
    else add((a << 14) | (b << 7) | c);
  }
  return bits;
}
