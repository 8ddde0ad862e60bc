/**
 * Splits a byte stream into newline-delimited messages without decoding it.
 *
 * Lines are cut at the byte 0x0A only, which never occurs inside a multi-byte
 * UTF-8 sequence, so a character split across two reads is reassembled
 * byte-exact. A line that fits in one chunk is handed out as a view of that
 * chunk (no copy); a line spread over several chunks is concatenated once,
 * when its end arrives.
 */

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** How many leading and trailing bytes of an oversized message are kept, so its id can still be found. */
export const OVERSIZED_EDGE_BYTES = 4096;

const NEWLINE = 0x0a;
const NEWLINE_BUFFER = Buffer.from('\n');

export interface LineReaderHandlers {
  /**
   * A complete line, including its terminating newline (so it can be forwarded
   * with a single write). Empty lines are skipped.
   */
  onLine(line: Buffer): void;
  /** A line longer than the limit: its first and last bytes and its full length. The line itself is discarded. */
  onOversized(head: Buffer, tail: Buffer, totalBytes: number): void;
}

export class LineReader {
  private readonly parts: Buffer[] = [];
  private partBytes = 0;
  /** Set while the current line is being discarded for exceeding the limit. */
  private oversizedHead: Buffer | undefined;
  private oversizedTail = Buffer.alloc(0);
  private oversizedBytes = 0;

  constructor(
    private readonly maxMessageBytes: number,
    private readonly handlers: LineReaderHandlers,
  ) {
    if (!Number.isSafeInteger(maxMessageBytes) || maxMessageBytes < 1) {
      throw new RangeError(`maximum message size must be a positive integer number of bytes, got ${maxMessageBytes}`);
    }
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      if (this.oversizedHead !== undefined) {
        this.oversizedBytes += end - start;
        this.keepTail(chunk.subarray(start, end));
      } else if (this.partBytes + (end - start) > this.maxMessageBytes) {
        this.beginOversized(chunk.subarray(start, end));
      } else if (newline === -1) {
        this.parts.push(chunk.subarray(start, end));
        this.partBytes += end - start;
      } else if (this.parts.length === 0) {
        this.emit(chunk.subarray(start, newline + 1));
      } else {
        this.parts.push(chunk.subarray(start, newline + 1));
        const line = Buffer.concat(this.parts, this.partBytes + newline + 1 - start);
        this.parts.length = 0;
        this.partBytes = 0;
        this.emit(line);
      }
      if (newline === -1) return;
      if (this.oversizedHead !== undefined) this.endOversized();
      start = newline + 1;
    }
  }

  /** The input ended: a last line without a newline still counts as a message. */
  end(): void {
    if (this.oversizedHead !== undefined) {
      this.endOversized();
      return;
    }
    if (this.parts.length === 0) return;
    this.parts.push(NEWLINE_BUFFER);
    const line = Buffer.concat(this.parts, this.partBytes + 1);
    this.parts.length = 0;
    this.partBytes = 0;
    this.emit(line);
  }

  private emit(line: Buffer): void {
    if (line.length === 1 || (line.length === 2 && line[0] === 0x0d)) return;
    this.handlers.onLine(line);
  }

  private beginOversized(firstPiece: Buffer): void {
    this.parts.push(firstPiece);
    const total = this.partBytes + firstPiece.length;
    // concat with a shorter length copies only the head, never the whole line
    this.oversizedHead = Buffer.concat(this.parts, Math.min(total, OVERSIZED_EDGE_BYTES));
    this.oversizedTail = Buffer.alloc(0);
    for (const part of this.parts) this.keepTail(part);
    this.oversizedBytes = total;
    this.parts.length = 0;
    this.partBytes = 0;
  }

  private keepTail(piece: Buffer): void {
    if (piece.length >= OVERSIZED_EDGE_BYTES) {
      this.oversizedTail = Buffer.from(piece.subarray(piece.length - OVERSIZED_EDGE_BYTES));
      return;
    }
    const joined = Buffer.concat([this.oversizedTail, piece]);
    this.oversizedTail = joined.length > OVERSIZED_EDGE_BYTES ? joined.subarray(joined.length - OVERSIZED_EDGE_BYTES) : joined;
  }

  private endOversized(): void {
    const head = this.oversizedHead as Buffer;
    const tail = this.oversizedTail;
    const total = this.oversizedBytes;
    this.oversizedHead = undefined;
    this.oversizedTail = Buffer.alloc(0);
    this.oversizedBytes = 0;
    this.handlers.onOversized(head, tail, total);
  }
}
