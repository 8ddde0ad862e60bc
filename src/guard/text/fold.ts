import { codeUnits } from './code-units.js';
import { stripInvisible } from './invisible.js';
import { kernel, kernelMemory, loadText, readSpans, scratchAddress } from './kernels/kernel-memory.js';
import { lookalikeOf } from './lookalikes.js';
import { foldNonAsciiRuns, foldRunAt, nextNfkcSensitive, nfkcSurelyChanges, nonAsciiRunEnd, nonAsciiRunStart, normalizedSlice } from './simple-fold.js';

const nonAscii = /[^\x00-\x7f]/;
const runsKernel = kernel<(units: number, length: number, out: number, limit: number) => number>('nonAsciiRuns');

/**
 * Whether `text` is all ASCII. The answer for the last long text is kept:
 * the detectors of one argument each ask. A long text is looked through by
 * the run kernel, eight units at a time, in the copy the scans that follow
 * read too: the regex takes about 1 ms per MiB of ASCII.
 */
export function isAscii(text: string): boolean {
  if (text.length < 4096) return !nonAscii.test(text);
  if (lastLong.text !== text) lastLong = { text, ascii: runsKernel(loadText(text), text.length, scratchAddress(), 0) === 0 };
  return lastLong.ascii;
}

let lastLong = { text: '', ascii: true };

/**
 * Folds one run of non-ASCII characters: invisibles out, NFKC, lower case,
 * look-alikes to the letters they imitate. (Runs of characters whose fold
 * does not depend on their neighbours are folded by table: simple-fold.ts.)
 */
function foldRun(run: string): string {
  // Lower-casing before the confusables lands capital Cyrillic/Greek I on "i" rather than the skeleton's "l".
  const normalized = stripInvisible(run).normalize('NFKC').toLowerCase();
  let out = '';
  for (const char of normalized) out += lookalikeOf.get(char) ?? char;
  return out;
}

/** A run of non-ASCII characters that folding changes, and what it becomes. */
export interface FoldedRun {
  start: number;
  end: number;
  folded: string;
}

/** The runs (from `nonAsciiRuns`) that folding changes, in text order. */
export function foldedRuns(text: string, runs: Array<[number, number]> = nonAsciiRuns(text)): FoldedRun[] {
  const changed: FoldedRun[] = [];
  const units = codeUnits(text);
  for (const [start, end] of runs) {
    const folded = foldRunAt(text, units, start, end, foldRun);
    if (folded !== text.slice(start, end)) changed.push({ start, end, folded });
  }
  return changed;
}

/**
 * Every non-ASCII run folded (invisible characters removed, NFKC for
 * full-width and mathematical letters, Cyrillic "а" or Greek "ο" replaced by
 * the letter they imitate, lower case); ASCII left as it is. Only the
 * non-ASCII parts are touched, so a large mostly-ASCII text costs little.
 */
export function foldLookalikes(text: string): string {
  return isAscii(text) ? text : foldNonAsciiRuns(text, foldRun);
}

/** The [start, end) spans of maximal runs of non-ASCII characters, in text order. */
export function nonAsciiRuns(text: string): Array<[number, number]> {
  return nonAsciiRunsUpTo(text, Infinity)!;
}

/** `nonAsciiRuns(text)` (of its first `length` units), or undefined as soon as there are more than `limit`. */
export function nonAsciiRunsUpTo(text: string, limit: number, length = text.length): Array<[number, number]> | undefined {
  if (isAscii(text)) return [];
  const units = loadText(text);
  const out = scratchAddress();
  // At most one run for every two units, two numbers each.
  const most = Math.min(limit, Math.ceil(length / 2));
  kernelMemory(out + 8 * (most + 1));
  const count = runsKernel(units, length, out, most);
  return count < 0 ? undefined : readSpans(out, count);
}

/** The form text is matched in: look-alikes folded and everything lower case. */
export function foldForMatching(text: string): string {
  return foldLookalikes(text).toLowerCase();
}

/**
 * The stretches of `text` that NFKC changes (full-width digits and letters,
 * mathematical alphanumerics, ligatures), normalized, with `reach` characters
 * of context on each side: where a value written in compatibility characters
 * can hide. Empty for text NFKC leaves alone, which is most text.
 */
export function compatibilityWindows(text: string, reach: number): string[] {
  const windows: Array<[number, number]> = [];
  const units = codeUnits(text);
  const loaded = loadText(text);
  // Only a run holding a character NFKC may change is normalized to see whether it does.
  for (let sensitive = nextNfkcSensitive(text, loaded, 0); sensitive < units.length; ) {
    const start = nonAsciiRunStart(loaded, sensitive);
    const end = nonAsciiRunEnd(loaded, sensitive, units.length);
    if (nfkcSurelyChanges(units, sensitive, end) || changedByNfkc(text.slice(start, end))) {
      const windowStart = Math.max(0, start - reach);
      const last = windows[windows.length - 1];
      if (last && windowStart <= last[1]) last[1] = Math.min(text.length, end + reach);
      else windows.push([windowStart, Math.min(text.length, end + reach)]);
    }
    sensitive = nextNfkcSensitive(text, loaded, end);
  }
  return windows.map(([start, end]) => normalizedSlice(text, loaded, start, end));
}

const changedByNfkc = (run: string) => run.normalize('NFKC') !== run;
