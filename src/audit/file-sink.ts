import { constants, writeSync } from 'node:fs';
import { open, rename, stat, type FileHandle } from 'node:fs/promises';
import { AuditConfigError, describeIoError } from './audit-errors.js';
import type { AuditSink, SealedLine } from './audit-sink.js';
import { fromStoredObject } from './event-format.js';
import { EMPTY_CHAIN, type ChainHead } from './hash-chain.js';
import { readFirstLine, readLogTail } from './log-tail.js';
import { listRotatedFiles, rotatedFileName } from './rotated-files.js';
import { acquireWriterLock } from './writer-lock.js';

export interface RotationOptions {
  /** Start a new file before a write that would take the active file past this size. */
  maxBytes?: number;
  /** Start a new file once the active file's first event is this old. */
  maxAgeMs?: number;
}

export interface FileSinkOptions {
  rotate?: RotationOptions;
  /** fdatasync after every write: survives power loss, costs a disk flush per batch. */
  fsync?: boolean;
  now?: () => number;
  warn: (message: string) => void;
}

interface ActiveFile {
  handle: FileHandle;
  size: number;
  firstSeq?: number;
  startedAtMillis?: number;
}

function parseEvent(line: string, path: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  const event = fromStoredObject(parsed);
  if (typeof event === 'string') {
    throw new AuditConfigError(`${path} does not look like a toolgate audit log (${event}); refusing to append to it`);
  }
  return event;
}

/**
 * The default sink: JSON lines appended to a file, one write per batch at a
 * tracked offset (a failed or short write is cut off again, so the file never
 * keeps half an event). Continues the chain of the newest existing file,
 * rotates by size and age, and holds a writer lock. A character device or FIFO
 * at the path (/dev/stdout, a named pipe) is written as a stream.
 */
export class FileSink implements AuditSink {
  private active?: ActiveFile;
  private releaseLock?: () => Promise<void>;
  private streamMode = false;

  constructor(
    readonly target: string,
    private readonly options: FileSinkOptions,
  ) {}

  get isOpen(): boolean {
    return this.active !== undefined;
  }

  async open(): Promise<ChainHead> {
    const existing = await stat(this.target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing !== undefined && !existing.isFile()) {
      this.streamMode = true;
      this.active = { handle: await open(this.target, constants.O_WRONLY | constants.O_APPEND), size: 0 };
      return EMPTY_CHAIN;
    }
    // Creating the file first makes an unwritable directory fail here, with the error that matters.
    if (existing === undefined) await (await open(this.target, constants.O_WRONLY | constants.O_CREAT, 0o640)).close();
    this.releaseLock = await acquireWriterLock(this.target, this.options.warn);
    try {
      return await this.openActiveFile();
    } catch (error) {
      await this.releaseLock();
      this.releaseLock = undefined;
      throw error;
    }
  }

  private async openActiveFile(): Promise<ChainHead> {
    const handle = await open(this.target, constants.O_RDWR | constants.O_CREAT, 0o640);
    try {
      const { size } = await handle.stat();
      const tail = await readLogTail(handle, size);
      if (tail.completeBytes < size) {
        // A crash cut the last write short. Keep the file as evidence; continue in a fresh one.
        this.options.warn(`toolgate: audit log ${this.target} ends with ${size - tail.completeBytes} bytes of an unfinished event (a write interrupted by a crash); it is kept in a rotated file and the chain continues from the last complete event`);
        const head = tail.lastLine === undefined ? await this.headOfRotatedFiles() : this.headOf(parseEvent(tail.lastLine, this.target));
        const firstLine = await readFirstLine(handle);
        const firstSeq = firstLine === undefined ? head.seq + 1 : this.firstSeqOf(firstLine, head);
        await handle.close();
        const keptAs = rotatedFileName(this.target, firstSeq);
        if (await stat(keptAs).then(() => true, () => false)) {
          throw new AuditConfigError(`cannot set aside the unfinished ${this.target}: ${keptAs} already exists`);
        }
        await rename(this.target, keptAs);
        return await this.openActiveFile();
      }
      if (tail.lastLine === undefined) {
        this.active = { handle, size: 0 };
        return await this.headOfRotatedFiles();
      }
      const last = parseEvent(tail.lastLine, this.target);
      const first = parseEvent((await readFirstLine(handle)) ?? tail.lastLine, this.target);
      this.active = { handle, size, firstSeq: first.seq, startedAtMillis: Date.parse(first.time) };
      return this.headOf(last);
    } catch (error) {
      if (this.active?.handle !== handle) await handle.close().catch(() => undefined);
      throw error;
    }
  }

  private firstSeqOf(line: string, fallback: ChainHead): number {
    try {
      return parseEvent(line, this.target).seq;
    } catch {
      return fallback.seq + 1;
    }
  }

  private headOf(event: { seq: number; hash: string }): ChainHead {
    return { seq: event.seq, hash: event.hash };
  }

  /** The active file is new or empty: the chain continues from the newest rotated file, if any. */
  private async headOfRotatedFiles(): Promise<ChainHead> {
    const rotated = await listRotatedFiles(this.target);
    for (let i = rotated.length - 1; i >= 0; i--) {
      const handle = await open(rotated[i], 'r');
      try {
        const { size } = await handle.stat();
        const tail = await readLogTail(handle, size);
        if (tail.lastLine !== undefined) return this.headOf(parseEvent(tail.lastLine, rotated[i]));
      } finally {
        await handle.close();
      }
    }
    return EMPTY_CHAIN;
  }

  async write(lines: SealedLine[]): Promise<void> {
    if (this.active === undefined) throw new Error(`audit log ${this.target} is not open`);
    if (!this.streamMode && this.rotationDue(lines)) await this.rotate();
    const active = this.active;
    const buffer = Buffer.from(lines.map((line) => `${line.text}\n`).join(''), 'utf8');
    try {
      if (this.streamMode || this.options.fsync) await this.writeThroughThreadPool(active, buffer);
      else writeAllSync(active.handle.fd, buffer, active.size);
    } catch (error) {
      if (!this.streamMode) await active.handle.truncate(active.size).catch(() => undefined);
      throw error;
    }
    active.size += buffer.length;
    active.firstSeq ??= lines[0].seq;
    active.startedAtMillis ??= lines[0].timeMillis;
  }

  /** A pipe or device may block, and a disk flush takes milliseconds: those writes leave the event loop free. */
  private async writeThroughThreadPool(active: ActiveFile, buffer: Buffer): Promise<void> {
    let written = 0;
    while (written < buffer.length) {
      const position = this.streamMode ? null : active.size + written;
      const { bytesWritten } = await active.handle.write(buffer, written, buffer.length - written, position);
      if (bytesWritten === 0) throw new Error('write made no progress');
      written += bytesWritten;
    }
    if (this.options.fsync) await active.handle.datasync();
  }

  private rotationDue(lines: SealedLine[]): boolean {
    const active = this.active;
    const { maxBytes, maxAgeMs } = this.options.rotate ?? {};
    if (active === undefined || active.size === 0) return false;
    const incoming = lines.reduce((sum, line) => sum + Buffer.byteLength(line.text) + 1, 0);
    if (maxBytes !== undefined && active.size + incoming > maxBytes) return true;
    const now = this.options.now?.() ?? Date.now();
    return maxAgeMs !== undefined && active.startedAtMillis !== undefined && now - active.startedAtMillis >= maxAgeMs;
  }

  /** Renames the active file after its first event and starts an empty one. A failure keeps writing to the current file. */
  private async rotate(): Promise<void> {
    const active = this.active;
    if (active?.firstSeq === undefined) return;
    const rotatedPath = rotatedFileName(this.target, active.firstSeq);
    try {
      if (await stat(rotatedPath).then(() => true, () => false)) throw new Error(`${rotatedPath} already exists`);
      await rename(this.target, rotatedPath);
    } catch (error) {
      this.options.warn(`toolgate: cannot rotate audit log ${this.target} (${describeIoError(error)}); still writing to it`);
      return;
    }
    const handle = await open(this.target, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o640);
    await active.handle.close().catch(() => undefined);
    this.active = { handle, size: 0 };
  }

  async close(): Promise<void> {
    const active = this.active;
    this.active = undefined;
    await active?.handle.close().catch(() => undefined);
    await this.releaseLock?.();
    this.releaseLock = undefined;
  }
}

/**
 * A regular file's append lands in the page cache in microseconds: written
 * synchronously, it skips the thread-pool round trip (two thread switches),
 * which cost more than the write itself for every audited call.
 */
function writeAllSync(fd: number, buffer: Buffer, position: number): void {
  let written = 0;
  while (written < buffer.length) {
    const bytesWritten = writeSync(fd, buffer, written, buffer.length - written, position + written);
    if (bytesWritten === 0) throw new Error('write made no progress');
    written += bytesWritten;
  }
}
