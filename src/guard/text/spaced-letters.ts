import { codeUnits } from './code-units.js';
import { kernel, kernelMemory, loadText, readSpans, scratchAddress } from './kernels/kernel-memory.js';

/** See spaced-kernels.as.ts. */
const spacedMatches = kernel<(units: number, n: number, out: number, low: number, high: number) => number>('spacedMatches');
/** From this length on, a text is scanned by the kernel: below, loading it costs more than that saves. */
const kernelFrom = 4096;

/**
 * Letters spelled out one by one ("i g n o r e", "I.G.N.O.R.E"): the matches
 * of the global regex
 *
 *   (?:^|[^a-zA-Z])[a-zA-Z]([^a-zA-Z]{1,3}[a-zA-Z]){4}(?![a-zA-Z])
 *
 * found with `matchAll`, without running the regex over the whole text.
 *
 * Such a match is five single ASCII letters of a chain: letters with no letter
 * next to them, one after the other with one to three other characters between
 * them. A chain of k letters holds floor(k / 5) matches, one per five letters,
 * each starting on the character before its first letter (at 0 for a letter at
 * 0). From a match's first letter to its last there are at least nine
 * characters and no two letters side by side, so every chain long enough has
 * two neighbouring positions (x, x + 1), x a multiple of 8, that are not both
 * letters. The scan looks only around those pairs, rules most of them out
 * with one table lookup (they sit inside ordinary words or blank space) and
 * follows a chain only from the rest. It reads the text as code units
 * (`codeUnits`), which is about twice as fast as `charCodeAt`.
 */

const stride = 8;
const maxGap = 3;

/** Whether the character at `i` is an ASCII letter (false outside the text). */
export function isLetter(text: string, i: number): boolean {
  const code = text.charCodeAt(i) | 32;
  return code >= 97 && code <= 122;
}

/** 1 for an ASCII letter, by UTF-16 code unit. */
const letters = new Uint8Array(65536);
for (let code = 65; code <= 122; code++) if (code <= 90 || code >= 97) letters[code] = 1;

/** Whether the unit at `i` is an ASCII letter (false outside the text). */
function letterAt(units: Uint16Array, i: number): boolean {
  return i >= 0 && i < units.length && letters[units[i]] === 1;
}

/** A letter with no letter on either side. */
function isSingle(units: Uint16Array, i: number): boolean {
  return !letterAt(units, i - 1) && !letterAt(units, i + 1);
}

/**
 * The single letter before the one at `i` in its chain (1 to 3 non-letters
 * between), or -1. The letter at `i` is single, so the first letter before it
 * has a non-letter after it: only the character before it decides whether it
 * is single too.
 */
function previousInChain(units: Uint16Array, i: number): number {
  const start = Math.max(0, i - 1 - maxGap);
  for (let j = i - 2; j >= start; j--) {
    if (letters[units[j]] === 1) return j > 0 && letters[units[j - 1]] === 1 ? -1 : j;
  }
  return -1;
}

/**
 * The single letter after the one at `i` in its chain, or -1. The letter at
 * `i` is single, so the first letter after it has a non-letter before it:
 * only the character after it decides whether it is single too.
 */
function nextInChain(units: Uint16Array, i: number): number {
  const end = Math.min(units.length, i + 2 + maxGap);
  for (let j = i + 2; j < end; j++) {
    if (letters[units[j]] === 1) return j + 1 < units.length && letters[units[j + 1]] === 1 ? -1 : j;
  }
  return -1;
}

/**
 * Whether positions x and x + 1 can both lie between the first and the last
 * letter of a chain, by which of x - 2 ... x + 3 are letters (bit k for x - 2
 * + k): not two letters, a letter only if single, and two non-letters only
 * with a letter at most two positions away on each side. The chain goes on
 * across x and x + 1, so the nearest letter on each side of them is a member,
 * and a member is single: one with a letter beside it (x - 2 and x - 1, or
 * x + 2 and x + 3, both letters) ends the chain there. A table lookup
 * instead of branches on the characters, which no processor can predict.
 */
const mayBeInChain = new Uint8Array(64);
for (let shape = 0; shape < 64; shape++) {
  const at = (offset: number) => (shape >> (offset + 2)) & 1;
  const [left, right] = [at(0), at(1)];
  const wordBefore = at(-2) && at(-1);
  const wordAfter = at(2) && at(3);
  const fits = left
    ? !right && !at(-1) && !wordAfter
    : right
      ? !at(2) && !wordBefore
      : (at(-1) || at(-2)) && (at(2) || at(3)) && !wordBefore && !wordAfter;
  mayBeInChain[shape] = fits ? 1 : 0;
}
/** `mayBeInChain` as a set of 64 bits, its low and high half: what the kernel reads. */
const [chainShapesLow, chainShapesHigh] = [0, 32].map((first) => mayBeInChain.slice(first, first + 32).reduce((bits, fits, k) => (bits | (fits << k)) >>> 0, 0));

/** Which of x - 2 ... x + 3 are letters, as bits (see `mayBeInChain`), near the ends of the text. */
function shapeNearEnds(units: Uint16Array, x: number): number {
  let shape = 0;
  for (let k = 0; k < 6; k++) if (letterAt(units, x - 2 + k)) shape |= 1 << k;
  return shape;
}

/** [start, end) of every match, in text order; `units` are the text's, when the caller has them. */
export function spacedLetterMatches(text: string, textUnits?: Uint16Array): Array<[number, number]> {
  if (text.length >= kernelFrom) return matchesInKernel(text);
  const units = textUnits ?? codeUnits(text);
  const matches: Array<[number, number]> = [];
  // Chains end before this position: probes there have been followed already.
  let doneUntil = 0;
  for (let x = nextProbe(units, 0); x < units.length; x = nextProbe(units, x + stride)) {
    if (x >= doneUntil) doneUntil = followChain(units, x, doneUntil, matches);
  }
  return matches;
}

/** `spacedLetterMatches` of a long text, by the kernel `spacedMatches` (the same probes and walks, twice as fast). */
function matchesInKernel(text: string): Array<[number, number]> {
  const units = loadText(text);
  const out = scratchAddress();
  // A match spans nine units or more.
  const capacity = Math.floor(text.length / 9) + 1;
  kernelMemory(out + 8 * capacity);
  return readSpans(out, spacedMatches(units, text.length, out, chainShapesLow, chainShapesHigh));
}

/**
 * The first probe from `from` (a multiple of `stride`) on whose pair of
 * positions may lie inside a chain, or the text's length. Nothing is called
 * in the loop over the middle of the text: a call, however rare, makes such
 * a loop several times slower.
 */
function nextProbe(units: Uint16Array, from: number): number {
  const n = units.length;
  let x = from;
  if (x === 0 && x < n) {
    if (mayBeInChain[shapeNearEnds(units, 0)] === 1) return 0;
    x = stride;
  }
  for (; x + 3 < n; x += stride) {
    const shape =
      letters[units[x - 2]] |
      (letters[units[x - 1]] << 1) |
      (letters[units[x]] << 2) |
      (letters[units[x + 1]] << 3) |
      (letters[units[x + 2]] << 4) |
      (letters[units[x + 3]] << 5);
    if (mayBeInChain[shape] === 1) return x;
  }
  for (; x < n; x += stride) if (mayBeInChain[shapeNearEnds(units, x)] === 1) return x;
  return n;
}

/**
 * Follows the chain through the probe at `x`, if any, adding its matches;
 * returns the position before which chains have been followed.
 */
function followChain(units: Uint16Array, x: number, doneUntil: number, matches: Array<[number, number]>): number {
  // The chain letter at or before x: x itself, or the letter ending the gap x is in (not of a chain already followed).
  const lowest = Math.max(doneUntil, x - maxGap);
  let letter = x;
  while (letter >= lowest && !letterAt(units, letter)) letter--;
  if (letter < lowest || !isSingle(units, letter)) return doneUntil;
  let first = letter;
  for (let previous = previousInChain(units, first); previous >= 0; previous = previousInChain(units, first)) first = previous;
  let count = 0;
  let groupStart = first;
  let last = first;
  for (let member = first; member >= 0; member = nextInChain(units, member)) {
    if (count % 5 === 0) groupStart = member;
    count++;
    last = member;
    if (count % 5 === 0) matches.push([groupStart === 0 ? 0 : groupStart - 1, member + 1]);
  }
  return last + 1;
}

/**
 * The share of single letters (ASCII letters with no letter on either side)
 * among 64 evenly spread stretches of 64 characters: what following chains
 * will cost, estimated without following any. Read with `charCodeAt`: the
 * samples are a few thousand characters, and a long text's code units may
 * not have been made (its scans read it in kernel memory).
 */
export function singleLetterShare(text: string): number {
  const samples = 64;
  const length = 64;
  if (text.length <= samples * length) return singleLetterCount(text, 0, text.length) / Math.max(1, text.length);
  const step = Math.floor(text.length / samples);
  let singles = 0;
  for (let k = 0; k < samples; k++) singles += singleLetterCount(text, k * step, k * step + length);
  return singles / (samples * length);
}

function singleLetterCount(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (isLetter(text, i) && !isLetter(text, i - 1) && !isLetter(text, i + 1)) count++;
  return count;
}
