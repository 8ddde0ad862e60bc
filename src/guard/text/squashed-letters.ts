import { codeUnits, copyCodeUnits, unitPairs } from './code-units.js';
import { kernel, kernelMemory, loadText, scratchAddress } from './kernels/kernel-memory.js';

/** See squash-kernels.as.ts. */
const squashLetters = kernel<(units: number, from: number, end: number, out: number) => number>('squashLetters');

/**
 * Per UTF-16 code unit, the lower-case ASCII letter it leaves once lower-cased
 * with everything but ASCII letters dropped, or 0. Besides the ASCII letters
 * only U+0130 (capital I with dot: "i" and a combining dot) and U+212A (the
 * Kelvin sign: "k") lower-case to an ASCII letter (checked on every code
 * point); astral characters never do, so their surrogates count for nothing.
 */
const letterOf = new Uint8Array(65536);
for (let code = 97; code <= 122; code++) letterOf[code] = letterOf[code - 32] = code;
letterOf[0x130] = 105;
letterOf[0x212a] = 107;

/**
 * The ASCII letters of `text[start, end)` in lower case, everything else
 * dropped: what `text.slice(start, end).toLowerCase().replace(/[^a-z]+/g, '')`
 * gives, in one pass over the code units with one table lookup and no branch
 * per character (texts of scattered letters, hex or prose in other scripts,
 * make any branch on the character a coin toss).
 */
export function squashedLetters(text: string | { slice(start: number, end: number): string }, start: number, end: number): string {
  // A window of a folded text is squashed once: its units are not kept (they would push out the argument's).
  if (typeof text !== 'string') return squashedUnits(copyCodeUnits(text.slice(start, end)), 0, end - start);
  return squashedUnits(codeUnits(text), start, end);
}

/**
 * `squashedLetters` of the text whose code units are `units`: many windows of
 * one long text are squashed from its units, looked up once (finding a long
 * text among the converted ones compares it with those of the same length).
 * Units are read two at a time.
 */
export function squashedUnits(units: Uint16Array, start: number, end: number): string {
  // A plain byte array: stores to it are cheaper than to a Buffer's.
  const letters = new Uint8Array(end - start);
  let length = 0;
  let i = start;
  if ((i & 1) === 1 && i < end) {
    letters[length] = letterOf[units[i++]];
    length += (letters[length] + 127) >> 7;
  }
  const pairs = unitPairs(units);
  // Two pairs a step. Each letter is written at every step and kept only when it is one.
  for (; i + 3 < end; i += 4) {
    const pair = pairs[i >> 1];
    const next = pairs[(i >> 1) + 1];
    const first = letterOf[pair & 0xffff];
    const second = letterOf[pair >>> 16];
    const third = letterOf[next & 0xffff];
    const fourth = letterOf[next >>> 16];
    letters[length] = first;
    length += (first + 127) >> 7;
    letters[length] = second;
    length += (second + 127) >> 7;
    letters[length] = third;
    length += (third + 127) >> 7;
    letters[length] = fourth;
    length += (fourth + 127) >> 7;
  }
  for (; i < end; i++) {
    letters[length] = letterOf[units[i]];
    length += (letters[length] + 127) >> 7;
  }
  return Buffer.from(letters.buffer, 0, length).toString('latin1');
}

/**
 * `squashedLetters` of `text[start, end)` for a long `text`, squashed by a
 * WebAssembly kernel (squash-kernels.as.ts) about twice as fast as
 * `squashedUnits`: the whole of a text dense in single letters, and the
 * windows around spaced-out letters.
 */
export function squashedText(text: string, start = 0, end = text.length): string {
  return squashedStretches(text, [[start, end]])[0];
}

/**
 * `squashedText` of each of `stretches` (in order, not overlapping) of a long
 * `text`: squashed one after the other into kernel memory and read out as one
 * string, of which each stretch's letters are a slice. Many windows of one
 * text cost one string instead of a buffer and a string each (which cost more
 * than squashing them).
 */
export function squashedStretches(text: string, stretches: ReadonlyArray<readonly [number, number]>): string[] {
  const units = loadText(text);
  const out = scratchAddress();
  kernelMemory(out + stretches.reduce((total, [start, end]) => total + end - start, 0));
  const ends: number[] = [];
  let length = 0;
  for (const [start, end] of stretches) {
    length += squashLetters(units, start, end, out + length);
    ends.push(length);
  }
  const letters = Buffer.from(kernelMemory(0), out, length).toString('latin1');
  return ends.map((end, k) => letters.slice(k === 0 ? 0 : ends[k - 1], end));
}
