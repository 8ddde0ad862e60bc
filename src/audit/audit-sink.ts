import type { ChainHead } from './hash-chain.js';

/** One sealed event ready to store: its line (without newline), sequence number and time. */
export interface SealedLine {
  seq: number;
  timeMillis: number;
  text: string;
}

/** Where sealed lines go. Writes are all-or-nothing: a failed write leaves nothing behind. */
export interface AuditSink {
  /** Names the destination in messages ("/var/log/toolgate/audit.log", "stderr"). */
  readonly target: string;
  /** Prepares the sink and returns the chain head to continue from. Throws on I/O errors (retried later). */
  open(): Promise<ChainHead>;
  readonly isOpen: boolean;
  write(lines: SealedLine[]): Promise<void>;
  close(): Promise<void>;
}
