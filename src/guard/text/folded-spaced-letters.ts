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
    let start = change.start;
    for (let letters = 0, others = 0; start > floor; ) {
      const i = start - 1;
      start = i;
      if (!plain(i)) {
        letters = others = 0;
      } else if (isLetter(source, i)) {
        others = 0;
        if (++letters === 2) break;
      } else {
        letters = 0;
        if (++others === 4) break;
      }
    }
    // Up to and with two letters side by side, or up to the last of four non-letters (which may lead a match after the zone).
    let end = change.end;
    for (let letters = 0, others = 0; end < source.length; ) {
      const i = end;
      end++;
      if (!plain(i)) {
        letters = others = 0;
      } else if (isLetter(source, i)) {
        others = 0;
        if (++letters === 2) break;
      } else {
        letters = 0;
        if (++others === 4) {
          end = i;
          break;
        }
      }
    }
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

/** A source span outside the relevant changed runs, in the folded text (any changed run inside keeps its length). */
function shifted(folded: FoldedText, start: number, end: number): [number, number] {
  const at = folded.fromSource(start);
  return [at, at + end - start];
}
