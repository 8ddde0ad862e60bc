import { type FoldedRun, foldedRuns } from './fold.js';

/**
 * A text with its look-alikes folded (`foldLookalikes`), without building the
 * folded copy: the source plus the runs folding changes. Large texts are
 * scanned in their source, and only the stretches around a changed run, and
 * the windows found, are taken from the folded text.
 */
export class FoldedText {
  readonly source: string;
  /** Length of the folded text. */
  readonly length: number;
  /** The changed runs in source order, with `at`: where each replacement starts in the folded text. */
  readonly changes: ReadonlyArray<FoldedRun & { at: number }>;
  /** Per change, where it starts in the source and where its replacement ends in the folded text: what the binary searches read. */
  private readonly starts: Int32Array;
  private readonly foldedEnds: Int32Array;

  constructor(source: string, changed: FoldedRun[] = foldedRuns(source)) {
    this.source = source;
    let shift = 0;
    this.changes = changed.map((run) => {
      const change = { ...run, at: run.start + shift };
      shift += run.folded.length - (run.end - run.start);
      return change;
    });
    this.length = source.length + shift;
    this.starts = Int32Array.from(this.changes, (change) => change.start);
    this.foldedEnds = Int32Array.from(this.changes, (change) => change.at + change.folded.length);
  }

  /** Where source position `position` (not inside a changed run) lands in the folded text. */
  fromSource(position: number): number {
    const k = lastBelow(this.starts, position);
    if (k < 0) return position;
    const change = this.changes[k];
    return change.at + change.folded.length + (position - change.end);
  }

  /** The folded text from `start` to `end` (positions in the folded text). */
  slice(start: number, end: number): string {
    const parts: string[] = [];
    let position = start;
    // The change whose replacement ends after `start`, then each one that starts before `end`.
    for (let k = lastBelow(this.foldedEnds, start + 1) + 1; position < end && k <= this.changes.length; k++) {
      const change = this.changes[k];
      const until = change === undefined ? end : Math.min(end, change.at);
      if (position < until) {
        parts.push(this.source.slice(this.toSource(position, k), this.toSource(until, k)));
        position = until;
      }
      if (change === undefined || position >= end) break;
      const to = Math.min(end, change.at + change.folded.length);
      parts.push(change.folded.slice(position - change.at, to - change.at));
      position = to;
    }
    return parts.join('');
  }

  /** The whole folded text. */
  toString(): string {
    return this.slice(0, this.length);
  }

  /** Source position of folded position `position`, which lies before change `k` and after the one before it. */
  private toSource(position: number, k: number): number {
    const previous = this.changes[k - 1];
    return previous === undefined ? position : previous.end + (position - previous.at - previous.folded.length);
  }
}

/** Index of the last element of `sorted` (ascending) below `value`, or -1. */
function lastBelow(sorted: Int32Array, value: number): number {
  let low = -1;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle] < value) low = middle;
    else high = middle - 1;
  }
  return low;
}
