import type { FileHandle } from 'node:fs/promises';

/** Reads the first and last lines of an append-only log without reading all of it. */

const CHUNK = 64 * 1024;
const MAX_LINE = 64 * 1024 * 1024;
const NEWLINE = 0x0a;

export interface LogTail {
  /** The last newline-terminated line, without its newline; undefined when there is none. */
  lastLine?: string;
  /** Byte offset where the torn tail starts (bytes after the last newline), or the file size. */
  completeBytes: number;
}

export async function readLogTail(handle: FileHandle, size: number): Promise<LogTail> {
  // Collect bytes backwards until the line before the last newline is complete.
  const chunks: Buffer[] = [];
  let start = size;
  let lastNewline = -1;
  let previousNewline = -1;
  while (start > 0 && previousNewline < 0) {
    const length = Math.min(CHUNK, start);
    start -= length;
    const chunk = Buffer.alloc(length);
    await handle.read(chunk, 0, length, start);
    chunks.unshift(chunk);
    if (size - start > MAX_LINE) throw new Error(`the last line of the log is longer than ${MAX_LINE} bytes`);
    for (let i = length - 1; i >= 0; i--) {
      if (chunk[i] !== NEWLINE) continue;
      const offset = start + i;
      if (lastNewline < 0) lastNewline = offset;
      else if (offset < lastNewline) {
        previousNewline = offset;
        break;
      }
    }
  }
  if (lastNewline < 0) return { completeBytes: 0 };
  const bytes = Buffer.concat(chunks);
  const lineStart = previousNewline + 1 - start;
  return { lastLine: bytes.subarray(lineStart, lastNewline - start).toString('utf8'), completeBytes: lastNewline + 1 };
}

export async function readFirstLine(handle: FileHandle): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const chunk = Buffer.alloc(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
    if (bytesRead === 0) return undefined;
    const newline = chunk.subarray(0, bytesRead).indexOf(NEWLINE);
    if (newline >= 0) {
      chunks.push(chunk.subarray(0, newline));
      return Buffer.concat(chunks).toString('utf8');
    }
    chunks.push(chunk.subarray(0, bytesRead));
    position += bytesRead;
    if (position > MAX_LINE) throw new Error(`the first line of the log is longer than ${MAX_LINE} bytes`);
  }
}
