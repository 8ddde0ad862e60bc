import { codeUnits, unitPairs } from './code-units.js';
import { kernel, kernelMemory, loadText, readInt32s, scratchAddress } from './kernels/kernel-memory.js';

/** See trigger-kernels.as.ts. */
const scanLiterals = kernel<(units: number, n: number, from: number, header: number, matches: number, capacity: number) => number>('scanLiterals');
/** From this length on, a text is scanned by the kernel: below, loading the text and the tables costs more than it saves. */
const kernelFrom = 4096;
/** Matches the kernel writes before handing them over. */
const kernelCapacity = 4096;

/**
 * A set of ASCII literals searched for in one pass, ASCII letters in either
 * case: what a global regex `a|b|c` (each literal spelled caseless, longer
 * alternatives first) finds, without the regex engine trying every
 * alternative at every position. Matches are leftmost-longest and do not
 * overlap: after a match the scan resumes behind it, as `matchAll` does.
 *
 * A text of 4096 units or more is scanned by a WebAssembly kernel
 * (trigger-kernels.as.ts) doing the same; a shorter one is read here as code
 * units (`codeUnits`), two at a time. One table
 * lookup per pair of units rules out both positions before its second unit
 * as starts (see `coveringGrams`); a bit set of the three characters literals
 * start with sorts out the rest, and the trie is only walked where the three
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
  /** The three-character starts of literals, as a bit set (see `startGrams`). */
  private readonly starts: Uint8Array;
  /** Per three-character gram, 1 where a literal may start on its first or the character before (see `coveringGrams`). */
  private readonly covering: Uint8Array;
  /** The tables as the kernel reads them (see `kernelImage`), and where each starts in that image. */
  private readonly image: { bytes: Uint8Array; offsets: number[] };
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
    this.covering = coveringGrams(words);
    this.image = kernelImage([this.starts, this.covering, this.symbols, this.next, this.ends]);
  }

  /** Calls `found(wordIndex, start, end)` for each match, in text order; `units` are the text's, when the caller has them. */
  scan(text: string, found: (word: number, start: number, end: number) => void, textUnits?: Uint16Array): void {
    if (text.length >= kernelFrom) {
      this.scanInKernel(text, found);
      return;
    }
    const units = textUnits ?? codeUnits(text);
    const pairs = unitPairs(units);
    for (let i = this.nextCandidate(units, pairs, 0); i < units.length; i = this.nextCandidate(units, pairs, i + 1)) {
      const end = this.longestAt(units, i);
      if (end < 0) continue;
      found(this.matched, i, end);
      i = end - 1;
    }
  }

  /**
   * The first position from `from` on where three characters can start a
   * literal, or the text's length. Pair k (units 2k and 2k + 1) vouches for
   * the starts 2k - 2 and 2k - 1, which the pairs from `(from >> 1) + 1` on
   * cover up to the last pair; an odd `from`, and the starts after those the
   * last pair covers, are looked at one by one.
   */
  private nextCandidate(units: Uint16Array, pairs: Uint32Array, from: number): number {
    const n = units.length;
    const { starts } = this;
    let i = from;
    if ((i & 1) === 1 && i < n) {
      if (mayStartAt(units, i, starts)) return i;
      i++;
    }
    const limit = n >> 1;
    if ((i >> 1) + 1 < limit) {
      const start = coveredStart(units, pairs, (i >> 1) + 1, limit, starts, this.covering);
      if (start >= 0) return start;
      i = 2 * limit - 2;
    }
    for (; i < n; i++) if (mayStartAt(units, i, starts)) return i;
    return n;
  }

  /**
   * `scan` of a long text by the kernel `scanLiterals`, which writes the
   * matches to kernel memory a few thousand at a time. The text and the
   * tables are put in memory again for each batch: `found` may have used it.
   */
  private scanInKernel(text: string, found: (word: number, start: number, end: number) => void): void {
    const matches = new Int32Array(3 * kernelCapacity);
    for (let from = 0; ; ) {
      const units = loadText(text);
      const header = scratchAddress();
      const tables = header + 32;
      const out = tables + this.image.bytes.length;
      const memory = new DataView(kernelMemory(out + 12 * kernelCapacity));
      new Uint8Array(memory.buffer, tables, this.image.bytes.length).set(this.image.bytes);
      this.image.offsets.forEach((offset, k) => memory.setInt32(header + 4 * k, tables + offset, true));
      memory.setInt32(header + 20, this.bits, true);
      const count = scanLiterals(units, text.length, from, header, out, kernelCapacity);
      readInt32s(out, 3 * count, matches);
      for (let k = 0; k < 3 * count; k += 3) found(matches[k], matches[k + 1], matches[k + 2]);
      if (count < kernelCapacity) return;
      from = matches[3 * count - 1];
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
 * A character's low five bits: what the gram tables know of it, and the same
 * for both cases of a letter. Characters that share their low bits with a
 * literal's ("." with "n", "0" with "p", any non-ASCII unit with some ASCII
 * one) make a few more candidates, which the trie rules out. A gram of three
 * characters is 15 bits (`(a << 10) | (b << 5) | c`): its tables stay in the
 * processor's first-level cache, which those of six bits a character, used
 * before, did not (measured 10-15% slower).
 */
const fiveBits = 31;
const gramCount = 1 << 15;

/** Whether the three characters whose low bits make `gram` can start a literal. */
function mayStart(starts: Uint8Array, gram: number): boolean {
  return (starts[gram >> 3] & (1 << (gram & 7))) !== 0;
}

/** Whether the three characters from `i` on (0 past the end) can start a literal. */
function mayStartAt(units: Uint16Array, i: number, starts: Uint8Array): boolean {
  const n = units.length;
  const second = i + 1 < n ? units[i + 1] & fiveBits : 0;
  const third = i + 2 < n ? units[i + 2] & fiveBits : 0;
  return mayStart(starts, ((units[i] & fiveBits) << 10) | (second << 5) | third);
}

/**
 * The first of the starts 2k - 2, 2k - 1 (pair k from `k` up to `limit`,
 * whose units all lie in the text) where three characters can start a
 * literal, or -1. The gram of units 2k - 1 ... 2k + 1 rules out both with one
 * lookup in `covering` for most pairs, two pairs a step with one branch; the
 * starts are only looked up where it does not.
 */
function coveredStart(units: Uint16Array, pairs: Uint32Array, k: number, limit: number, starts: Uint8Array, covering: Uint8Array): number {
  // The low bits of the unit before pair k, where a gram has its first character (bits 10-14).
  let before = (units[2 * k - 1] & fiveBits) << 10;
  for (; k + 1 < limit; k += 2) {
    const pair = pairs[k];
    const next = pairs[k + 1];
    const gram = before | ((pair & fiveBits) << 5) | ((pair >>> 16) & fiveBits);
    const nextGram = ((pair >>> 6) & (fiveBits << 10)) | ((next & fiveBits) << 5) | ((next >>> 16) & fiveBits);
    if ((covering[gram] | covering[nextGram]) !== 0) {
      if (covering[gram] !== 0) {
        if (mayStart(starts, ((units[2 * k - 2] & fiveBits) << 10) | (gram >> 5))) return 2 * k - 2;
        if (mayStart(starts, gram)) return 2 * k - 1;
      }
      if (covering[nextGram] !== 0) {
        if (mayStart(starts, ((gram & 1023) << 5) | (next & fiveBits))) return 2 * k;
        if (mayStart(starts, nextGram)) return 2 * k + 1;
      }
    }
    before = (next >>> 6) & (fiveBits << 10);
  }
  if (k < limit) {
    const pair = pairs[k];
    const gram = before | ((pair & fiveBits) << 5) | ((pair >>> 16) & fiveBits);
    if (covering[gram] !== 0) {
      if (mayStart(starts, ((units[2 * k - 2] & fiveBits) << 10) | (gram >> 5))) return 2 * k - 2;
      if (mayStart(starts, gram)) return 2 * k - 1;
    }
  }
  return -1;
}

/**
 * The bit set of the three-character grams literals start with. A shorter
 * literal allows any character after it, and the end of the text, which
 * reads as 0.
 */
function startGrams(words: readonly string[]): Uint8Array {
  const starts = new Uint8Array(gramCount >> 3);
  for (const word of words) forEachGram(word, 0, (gram) => (starts[gram >> 3] |= 1 << (gram & 7)));
  return starts;
}

/**
 * A byte per three-character gram (a byte is tested with fewer instructions
 * than a bit), 1 for the grams of the first three characters of a literal
 * and of its second to fourth: a literal starting at s, with s + 2 or s + 3
 * the second unit of a pair, has one of them there.
 */
function coveringGrams(words: readonly string[]): Uint8Array {
  const covering = new Uint8Array(gramCount);
  for (const word of words) for (const from of [0, 1]) forEachGram(word, from, (gram) => (covering[gram] = 1));
  return covering;
}

/** Calls `add` with each gram of `word`'s three characters from `from` on, any character past its end. */
function forEachGram(word: string, from: number, add: (gram: number) => void): void {
  const lowBits = (code: number | undefined) => (code === undefined ? [...Array(fiveBits + 1).keys()] : [code & fiveBits]);
  const [a, b, c] = lowerCodes(word).slice(from);
  for (const x of lowBits(a)) for (const y of lowBits(b)) for (const z of lowBits(c)) add((x << 10) | (y << 5) | z);
}

/**
 * The tables one after the other as little-endian bytes (linear memory is
 * little-endian on every host), each from a multiple of four, with where each
 * starts: what `scanInKernel` copies to kernel memory.
 */
function kernelImage(tables: Array<Uint8Array | Uint16Array | Int32Array>): { bytes: Uint8Array; offsets: number[] } {
  const offsets: number[] = [];
  let length = 0;
  for (const table of tables) {
    offsets.push(length);
    length += (table.byteLength + 3) & ~3;
  }
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  tables.forEach((table, k) => {
    for (let i = 0; i < table.length; i++) {
      if (table instanceof Uint8Array) bytes[offsets[k] + i] = table[i];
      else if (table instanceof Uint16Array) view.setUint16(offsets[k] + 2 * i, table[i], true);
      else view.setInt32(offsets[k] + 4 * i, table[i], true);
    }
  });
  return { bytes, offsets };
}
