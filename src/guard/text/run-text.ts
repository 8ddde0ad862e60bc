/**
 * Runs of a text joined by single spaces into one much shorter text, with
 * the way back to positions in the original. A pattern whose matches only
 * contain characters of the runs' set, are at least as long as the shortest
 * run kept, and whose lookarounds only look for characters of that set finds
 * exactly the same matches in the joined text as in the original: each match
 * lies inside one run, and what borders a run (a space here, a character
 * outside the set there, or an end) never satisfies such a lookaround.
 * Scanning the joined text instead of a large original skips everything
 * between the runs.
 */
export class RunText {
  readonly text: string;
  /** Per run: where it starts in `text` and in the original. */
  private readonly joinedStarts: number[];
  private readonly sourceStarts: number[];

  constructor(source: string, runs: Array<[number, number]>) {
    this.joinedStarts = [];
    this.sourceStarts = [];
    const parts: string[] = [];
    let length = 0;
    for (const [start, end] of runs) {
      this.joinedStarts.push(length);
      this.sourceStarts.push(start);
      parts.push(source.slice(start, end));
      length += end - start + 1;
    }
    this.text = parts.join(' ');
  }

  /** The position in the original of `position` in `text` (inside a run). */
  sourcePosition(position: number): number {
    let low = 0;
    let high = this.joinedStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.joinedStarts[middle] <= position) low = middle;
      else high = middle - 1;
    }
    return this.sourceStarts[low] + position - this.joinedStarts[low];
  }
}
