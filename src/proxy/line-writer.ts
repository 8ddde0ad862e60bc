/**
 * Writes newline-terminated messages to a stream. While the proxy handles one
 * input chunk the stream is corked, so the messages of that chunk reach the
 * pipe in one writev; a lone message is one plain write. When more than
 * PAUSE_BYTES wait in the stream's buffer, `onBlocked` asks the producer to
 * pause until `onDrained`.
 */
import type { Writable } from 'node:stream';

const NEWLINE = Buffer.from('\n');

/**
 * Far above the stream's own 16 KiB mark: pausing the producer for every burst
 * of small messages (32 calls in flight) would cost a stop and restart of its
 * reads each time.
 */
const PAUSE_BYTES = 1024 * 1024;

export interface LineWriterFlow {
  onBlocked(): void;
  onDrained(): void;
}

export class LineWriter {
  private blocked = false;
  private broken = false;

  constructor(
    private readonly stream: Writable,
    private readonly flow: LineWriterFlow,
  ) {
    // a reader that went away (EPIPE) breaks the stream for good; process.stdout still says writable
    stream.on('error', () => {
      this.broken = true;
    });
  }

  /** False once the stream can take no more writes (ended, destroyed or broken). */
  get writable(): boolean {
    return !this.broken && this.stream.writable && !this.stream.destroyed;
  }

  /** A line that already ends with its newline, as the LineReader hands them out. */
  writeLine(line: Buffer): void {
    if (this.writable) this.afterWrite(this.stream.write(line));
  }

  /** A message without its newline (one toolgate wrote, or re-assembled). */
  writeMessage(message: string | Buffer): void {
    if (!this.writable) return;
    if (typeof message === 'string') {
      this.afterWrite(this.stream.write(message + '\n'));
    } else {
      this.stream.write(message);
      this.afterWrite(this.stream.write(NEWLINE));
    }
  }

  cork(): void {
    this.stream.cork();
  }

  uncork(): void {
    this.stream.uncork();
  }

  /** Ends the stream once everything written so far is flushed. */
  end(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.writable) return resolve();
      this.stream.end(() => resolve());
      this.stream.once('error', () => resolve());
    });
  }

  private afterWrite(accepted: boolean): void {
    if (accepted || this.blocked || this.stream.writableLength < PAUSE_BYTES) return;
    this.blocked = true;
    this.flow.onBlocked();
    this.stream.once('drain', () => {
      this.blocked = false;
      this.flow.onDrained();
    });
  }
}
