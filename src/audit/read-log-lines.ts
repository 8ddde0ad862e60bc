import { createReadStream } from 'node:fs';

/** One line of a log file, with where it came from. */
export interface LogLine {
  file: string;
  /** 1-based line number. */
  line: number;
  text: string;
  /** False for bytes after the last newline of the file (a write cut short, or a truncated file). */
  terminated: boolean;
}

/** Streams the lines of a file without loading it whole. */
export async function* readLogLines(file: string): AsyncGenerator<LogLine> {
  let carry = '';
  let line = 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = carry + chunk;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      line++;
      yield { file, line, text: text.slice(start, newline), terminated: true };
      start = newline + 1;
    }
    carry = text.slice(start);
  }
  if (carry !== '') yield { file, line: line + 1, text: carry, terminated: false };
}
