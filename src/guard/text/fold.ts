import { createRequire } from 'node:module';
import { allMatches } from '../patterns/text-match.js';
import { stripInvisible } from './invisible.js';

/**
 * Unicode TR39 confusables (from the unhomoglyph package's data): one character
 * to the ASCII-looking string it imitates. Only non-ASCII keys are used: the
 * table also maps ASCII to ASCII (`m` to `rn`, `1` to `l`) for its own
 * skeleton algorithm, which would garble ordinary text.
 */
const confusables: Record<string, string> = createRequire(import.meta.url)('unhomoglyph/data.json');

const foldTable = new Map<string, string>();
for (const [from, to] of Object.entries(confusables)) {
  if (/^[\x00-\x7f]*$/.test(from)) continue;
  // The skeleton writes "m" as "rn"; matching wants the letter back.
  foldTable.set(from, to === 'rn' ? 'm' : to.toLowerCase());
}

const nonAscii = /[^\x00-\x7f]/;
const nonAsciiRun = /[^\x00-\x7f]+/g;

export function isAscii(text: string): boolean {
  return !nonAscii.test(text);
}

/** Folds one run of non-ASCII characters: invisibles out, NFKC, lower case, look-alikes to the letters they imitate. */
function foldRun(run: string): string {
  // Lower-casing before the confusables lands capital Cyrillic/Greek I on "i" rather than the skeleton's "l".
  const normalized = stripInvisible(run).normalize('NFKC').toLowerCase();
  let out = '';
  for (const char of normalized) out += foldTable.get(char) ?? char;
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
    const run = text.slice(start, end);
    const folded = foldRun(run);
    if (folded !== run) changed.push({ start, end, folded });
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
  return nonAscii.test(text) ? text.replace(nonAsciiRun, foldRun) : text;
}

/** The [start, end) spans of maximal runs of non-ASCII characters, in text order. */
export function nonAsciiRuns(text: string): Array<[number, number]> {
  if (!nonAscii.test(text)) return [];
  return allMatches(nonAsciiRun, text).map((match) => [match.index, match.index + match[0].length]);
}

/** `nonAsciiRuns(text)`, or undefined as soon as there are more than `limit`. */
export function nonAsciiRunsUpTo(text: string, limit: number): Array<[number, number]> | undefined {
  const runs: Array<[number, number]> = [];
  if (!nonAscii.test(text)) return runs;
  // A copy: its lastIndex is seen nowhere else.
  const run = new RegExp(nonAsciiRun);
  for (let match = run.exec(text); match !== null; match = run.exec(text)) {
    if (runs.length === limit) return undefined;
    runs.push([match.index, match.index + match[0].length]);
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
export function compatibilityWindows(text: string, reach: number, runs: Array<[number, number]> = nonAsciiRuns(text)): string[] {
  const windows: Array<[number, number]> = [];
  for (const [runStart, runEnd] of runs) {
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
