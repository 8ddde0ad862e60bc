import { codeUnits } from './code-units.js';
import { stripInvisible } from './invisible.js';
import { lookalikeOf } from './lookalikes.js';
import { foldNonAsciiRuns, foldRunAt, isNfkcInert } from './simple-fold.js';

const nonAscii = /[^\x00-\x7f]/;

export function isAscii(text: string): boolean {
  return !nonAscii.test(text);
}

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
  for (const [start, end] of runs) {
    const folded = foldRunAt(text, start, end, foldRun);
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
  return nonAscii.test(text) ? foldNonAsciiRuns(text, foldRun) : text;
}

/** The [start, end) spans of maximal runs of non-ASCII characters, in text order. */
export function nonAsciiRuns(text: string): Array<[number, number]> {
  return nonAsciiRunsUpTo(text, Infinity)!;
}

/** `nonAsciiRuns(text)`, or undefined as soon as there are more than `limit`. */
export function nonAsciiRunsUpTo(text: string, limit: number): Array<[number, number]> | undefined {
  const runs: Array<[number, number]> = [];
  if (!nonAscii.test(text)) return runs;
  const units = codeUnits(text);
  for (let i = 0; i < units.length; i++) {
    if (units[i] < 128) continue;
    if (runs.length === limit) return undefined;
    const start = i;
    while (i < units.length && units[i] >= 128) i++;
    runs.push([start, i]);
  }
  return runs;
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
  for (let i = 0; i < units.length; i++) {
    // Only a run holding a character NFKC may change is normalized to see whether it does.
    if (units[i] < 128 || isNfkcInert(units, i, i + 1)) continue;
    let runStart = i;
    while (runStart > 0 && units[runStart - 1] >= 128) runStart--;
    let runEnd = i + 1;
    while (runEnd < units.length && units[runEnd] >= 128) runEnd++;
    i = runEnd;
    const run = text.slice(runStart, runEnd);
    if (run.normalize('NFKC') === run) continue;
    const start = Math.max(0, runStart - reach);
    const end = Math.min(text.length, runEnd + reach);
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else windows.push([start, end]);
  }
  return windows.map(([start, end]) => text.slice(start, end).normalize('NFKC'));
}
