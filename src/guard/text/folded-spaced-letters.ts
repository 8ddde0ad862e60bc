import type { FoldedRun } from './fold.js';
import type { FoldedText } from './folded-text.js';
import { isLetter, spacedLetterMatches } from './spaced-letters.js';

/** Whether folding `change` can change what `spacedLetterMatches` finds: it brings in a letter or changes the length. */
function mattersForChains(change: FoldedRun): boolean {
  return change.folded.length !== change.end - change.start || /[a-zA-Z]/.test(change.folded);
}

/**
 * The matches in the folded text (positions there), found in its source: a
 * changed run that brings in no letter and keeps its length reads the same to
 * the scan as the run it replaces. Around the other changed runs, out to a
 * break no chain crosses on each side (two letters side by side, or four
 * non-letters), the folded text itself is scanned instead.
 */
export function foldedSpacedLetterMatches(folded: FoldedText): Array<[number, number]> {
  const { source } = folded;
  const relevant = folded.changes.filter(mattersForChains);
  if (relevant.length === 0) return spacedLetterMatches(source).map(([start, end]) => shifted(folded, start, end));
  // Relevant changed runs in source order; `inRelevant(i)` tells whether source position i is in one.
  let cursor = 0;
  const inRelevant = (i: number) => {
    while (cursor > 0 && relevant[cursor].start > i) cursor--;
    while (cursor < relevant.length - 1 && relevant[cursor].end <= i) cursor++;
    return i >= relevant[cursor].start && i < relevant[cursor].end;
  };
  const plain = (i: number) => !inRelevant(i);
  const zones: Array<[number, number]> = [];
  for (const change of relevant) {
    const last = zones[zones.length - 1];
    // The walk that ended the last zone went past every relevant run before its end.
    if (last && change.start < last[1]) continue;
    const floor = last ? last[1] : 0;
    // Back to and with two letters side by side or four non-letters (or to the last zone, or the start).
    const start = chainBreak(source, change.start - 1, -1, (i) => i >= floor, plain)?.at ?? floor;
    // Up to and with two letters side by side, or up to the last of four non-letters (which may lead a match after the zone).
    const after = chainBreak(source, change.end, 1, (i) => i < source.length, plain);
    const end = after === undefined ? source.length : after.letters ? after.at + 1 : after.at;
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else zones.push([start, end]);
  }
  const matches: Array<[number, number]> = [];
  let zone = 0;
  for (const [start, end] of spacedLetterMatches(source)) {
    while (zone < zones.length && zones[zone][1] <= start) zone++;
    if (zone < zones.length && start >= zones[zone][0]) continue;
    matches.push(shifted(folded, start, end));
  }
  for (const [start, end] of zones) {
    const from = folded.fromSource(start);
    for (const [a, b] of spacedLetterMatches(folded.slice(from, folded.fromSource(end)))) matches.push([a + from, b + from]);
  }
  return matches.sort((a, b) => a[0] - b[0]);
}

/**
 * Walks from `from` by `step` while `within(i)` to the first place no chain of
 * spaced letters crosses: the second of two plain letters side by side
 * (`letters`), or the fourth of four plain non-letters in a row; undefined
 * when the walk leaves its range first. A position inside a relevant changed
 * run is not plain and restarts both counts.
 */
function chainBreak(
  source: string,
  from: number,
  step: 1 | -1,
  within: (i: number) => boolean,
  plain: (i: number) => boolean,
): { at: number; letters: boolean } | undefined {
  for (let i = from, letters = 0, others = 0; within(i); i += step) {
    if (!plain(i)) {
      letters = others = 0;
    } else if (isLetter(source, i)) {
      others = 0;
      if (++letters === 2) return { at: i, letters: true };
    } else {
      letters = 0;
      if (++others === 4) return { at: i, letters: false };
    }
  }
  return undefined;
}

/** A source span outside the relevant changed runs, in the folded text (any changed run inside keeps its length). */
function shifted(folded: FoldedText, start: number, end: number): [number, number] {
  const at = folded.fromSource(start);
  return [at, at + end - start];
}
