import type { Writable } from 'node:stream';
import type { AuditSink, SealedLine } from './audit-sink.js';
import { EMPTY_CHAIN, type ChainHead } from './hash-chain.js';

/**
 * Writes events to a stream (stderr) for a collector to pick up. A stream
 * cannot be read back, so each process run starts a new chain at seq 1.
 */
export class StreamSink implements AuditSink {
  isOpen = false;

  constructor(
    private readonly stream: Writable,
    readonly target: string,
  ) {}

  async open(): Promise<ChainHead> {
    this.isOpen = true;
    return EMPTY_CHAIN;
  }

  write(lines: SealedLine[]): Promise<void> {
    const text = lines.map((line) => `${line.text}\n`).join('');
    return new Promise((resolve, reject) => {
      this.stream.write(text, (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    this.isOpen = false;
  }
}
