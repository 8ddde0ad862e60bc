import type { Annotation } from '../ast.js';
import type { LineIndex } from './line-index.js';

interface OpenBlock {
  start: number;
  end: number;
  lines: string[];
}

/**
 * Collects `# METADATA` blocks from the comments the lexer skips, as OPA does:
 * a comment whose text starts with METADATA opens a block, and each comment
 * on the next line at column 1 continues it. The YAML is kept raw.
 */
export class AnnotationCollector {
  private readonly annotations: Annotation[] = [];
  private block: OpenBlock | undefined;
  private previousLine = 0;
  /** Comments are seen again when the parser backtracks; each counts once. */
  private lastOffset = -1;

  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
  ) {}

  readonly onComment = (start: number, end: number): void => {
    if (start <= this.lastOffset) return;
    this.lastOffset = start;
    const { line, col } = this.lines.location(start, end);
    const text = this.source.slice(start + 1, end);
    if (this.block) {
      if (line === this.previousLine + 1 && col === 1) {
        this.block.lines.push(text.startsWith(' ') ? text.slice(1) : text);
        this.block.end = end;
        this.previousLine = line;
        return;
      }
      this.close();
    }
    this.previousLine = line;
    if (text.trim().startsWith('METADATA')) this.block = { start, end, lines: [] };
  };

  finish(): Annotation[] {
    this.close();
    return this.annotations;
  }

  private close(): void {
    if (!this.block) return;
    const { start, end, lines } = this.block;
    this.annotations.push({ yaml: lines.map((l) => `${l}\n`).join(''), loc: this.lines.location(start, end) });
    this.block = undefined;
  }
}
