/**
 * Writes newline-terminated messages to a stream. Writes made in the same tick
 * are corked and reach the pipe as one writev. When the stream's buffer fills,
 * `onBlocked` asks the producer to pause until `onDrained`.
 */
import type { Writable } from 'node:stream';

const NEWLINE = Buffer.from('\n');

export interface LineWriterFlow {
  onBlocked(): void;
  onDrained(): void;
}

export class LineWriter {
  private corked = false;
  private blocked = false;
  private readonly uncork = (): void => {
    this.corked = false;
    this.stream.uncork();
  };

  constructor(
    private readonly stream: Writable,
    private readonly flow: LineWriterFlow,
  ) {}

  /** False once the stream can take no more writes (ended, destroyed or broken). */
  get writable(): boolean {
    return this.stream.writable && !this.stream.destroyed;
  }

  writeLine(message: Buffer | string): void {
    if (!this.writable) return;
    if (!this.corked) {
      this.corked = true;
      this.stream.cork();
      process.nextTick(this.uncork);
    }
    this.stream.write(message);
    if (!this.stream.write(NEWLINE) && !this.blocked) {
      this.blocked = true;
      this.flow.onBlocked();
      this.stream.once('drain', () => {
        this.blocked = false;
        this.flow.onDrained();
      });
    }
  }

  /** Ends the stream once everything written so far is flushed. */
  end(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.writable) return resolve();
      this.stream.end(() => resolve());
      this.stream.once('error', () => resolve());
    });
  }
}
