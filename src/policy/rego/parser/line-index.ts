import type { Location } from '../ast.js';

/**
 * Turns source offsets into Locations. Line starts are found once; columns
 * count code points from the line start (as OPA counts runes), so a caret
 * lands under the right character even after an emoji.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private readonly hasAstral: boolean;

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.hasAstral = /[\uD800-\uDBFF]/.test(source);
  }

  location(offset: number, end: number): Location {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo];
    let col = offset - lineStart + 1;
    if (this.hasAstral) {
      for (let i = lineStart; i < offset; i++) {
        const c = this.source.charCodeAt(i);
        if (c >= 0xdc00 && c <= 0xdfff) col--;
      }
    }
    return { file: this.file, line: lo + 1, col, offset, end };
  }
}
