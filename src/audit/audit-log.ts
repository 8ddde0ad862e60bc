import { randomUUID, type KeyObject } from 'node:crypto';
import type { Writable } from 'node:stream';
import { AuditConfigError, AuditWriteError, describeIoError } from './audit-errors.js';
import type { AuditSink, SealedLine } from './audit-sink.js';
import { signCheckpoint } from './checkpoint.js';
import type { AuditEvent } from './event-builders.js';
import { AUDIT_FORMATS, sourceForServer, toStoredObject, type AuditFormat } from './event-format.js';
import { isAuditEventType, type AuditEventType } from './event-types.js';
import { FileSink, type RotationOptions } from './file-sink.js';
import { EMPTY_CHAIN, eventHash, type ChainHead } from './hash-chain.js';
import { toJsonSafe, type JsonValue } from './json-safe.js';
import { redactForAudit, type RedactionOptions } from './redact-arguments.js';
import { loadSigningKey } from './signing-keys.js';
import { StreamSink } from './stream-sink.js';
import { WriteFailureReporter } from './write-failure-reporter.js';

export interface AuditLogOptions {
  /** Log file (the default sink). */
  path?: string;
  /** 'stderr' writes JSON lines to standard error (or `stream`) instead of a file. */
  sink?: 'file' | 'stderr';
  stream?: Writable;
  format?: AuditFormat;
  /** Fail closed: append() rejects when the event cannot be written, so the call is blocked. */
  required?: boolean;
  rotate?: RotationOptions;
  /** Ed25519 private key (or the path of its PEM file) for signed checkpoints. */
  signingKey?: KeyObject | string;
  /** Signed checkpoint after this many events (default 100 when a key is given); another one at close. */
  checkpointEvery?: number;
  /** Server name: events carry source `urn:toolgate:<source>`. */
  source: string;
  /** fdatasync every write (survives power loss; costs a disk flush per batch). */
  fsync?: boolean;
  redaction?: RedactionOptions;
  /** Where warnings and write-failure reports go (default: stderr). */
  warn?: (message: string) => void;
  now?: () => Date;
}

export interface AuditLogStatus {
  target: string;
  /** False while writes are failing. */
  writable: boolean;
  lastError?: string;
  head: ChainHead;
}

export interface AuditLog {
  /** Resolves once the event is written (or, when not required, once it is known it could not be). */
  append(event: AuditEvent): Promise<void>;
  /** Writes what is pending and, with a signing key, the final checkpoint that seals the log. */
  close(): Promise<void>;
  status(): AuditLogStatus;
}

interface PendingEvent {
  type: AuditEventType;
  subject?: string;
  timeMillis: number;
  data: { [key: string]: JsonValue };
  resolve: () => void;
  reject: (error: Error) => void;
}

const DEFAULT_CHECKPOINT_EVERY = 100;
const MAX_BATCH = 512;
const REDACTED_FIELDS = ['arguments', 'identity'] as const;

function validate(options: AuditLogOptions): void {
  const sink = options.sink ?? 'file';
  if (sink !== 'file' && sink !== 'stderr') throw new AuditConfigError(`unknown audit sink "${String(sink)}" (file or stderr)`);
  if (sink === 'file' && !options.path) throw new AuditConfigError('an audit log file path is required for the file sink');
  const format = options.format ?? 'cloudevents';
  if (!AUDIT_FORMATS.includes(format)) throw new AuditConfigError(`unknown audit format "${String(format)}" (cloudevents or json)`);
  if (typeof options.source !== 'string' || options.source === '') throw new AuditConfigError('the audit source (server name) must be a non-empty string');
  const every = options.checkpointEvery;
  if (every !== undefined && (!Number.isSafeInteger(every) || every < 1)) throw new AuditConfigError(`checkpointEvery must be a positive integer, not ${every}`);
  for (const [name, value] of Object.entries(options.rotate ?? {})) {
    if (value !== undefined && (!Number.isFinite(value) || value <= 0)) throw new AuditConfigError(`rotate.${name} must be a positive number, not ${value}`);
  }
}

/**
 * Opens the tamper-evident audit log. Configuration errors (bad options, a
 * foreign file at the path, another writer, an unreadable key) reject; an
 * unwritable destination does not: it is reported and retried on every append.
 */
export async function openAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  validate(options);
  const warn = options.warn ?? ((message: string) => void process.stderr.write(`${message}\n`));
  const signingKey = typeof options.signingKey === 'string' ? await loadSigningKey(options.signingKey) : options.signingKey;
  if (signingKey !== undefined && (signingKey.type !== 'private' || signingKey.asymmetricKeyType !== 'ed25519')) {
    throw new AuditConfigError('the audit signing key must be an Ed25519 private key');
  }
  const now = options.now ?? (() => new Date());
  const sink: AuditSink = options.sink === 'stderr'
    ? new StreamSink(options.stream ?? process.stderr, 'stderr')
    : new FileSink(options.path as string, { rotate: options.rotate, fsync: options.fsync, now: () => now().getTime(), warn });
  const log = new ChainedAuditLog(sink, {
    format: options.format ?? 'cloudevents',
    source: sourceForServer(options.source),
    required: options.required ?? false,
    signingKey,
    checkpointEvery: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    redaction: options.redaction ?? {},
    now,
    reporter: new WriteFailureReporter(sink.target, options.required ?? false, warn),
  });
  await log.tryOpen();
  return log;
}

interface LogSettings {
  format: AuditFormat;
  source: string;
  required: boolean;
  signingKey?: KeyObject;
  checkpointEvery: number;
  redaction: RedactionOptions;
  now: () => Date;
  reporter: WriteFailureReporter;
}

/** Chain state that only advances once a write succeeded. */
interface ChainState {
  head: ChainHead;
  sinceCheckpoint: number;
}

class ChainedAuditLog implements AuditLog {
  private state: ChainState = { head: EMPTY_CHAIN, sinceCheckpoint: 0 };
  private readonly queue: PendingEvent[] = [];
  private flushing?: Promise<void>;
  private closed = false;

  constructor(
    private readonly sink: AuditSink,
    private readonly settings: LogSettings,
  ) {}

  /** Opens the sink if it is not open; I/O errors count as write failures. Returns whether it is open. */
  async tryOpen(): Promise<boolean> {
    if (this.sink.isOpen) return true;
    try {
      this.state = { head: await this.sink.open(), sinceCheckpoint: 0 };
      return true;
    } catch (error) {
      if (error instanceof AuditConfigError) throw error;
      this.settings.reporter.failed(error, 0, this.settings.now().getTime());
      return false;
    }
  }

  append(event: AuditEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit log is closed'));
    if (!isAuditEventType(event.type) || event.type === 'audit.checkpoint' || event.type === 'audit.gap') {
      return Promise.reject(new Error(`cannot append an event of type ${String(event.type)}`));
    }
    const data = toJsonSafe(event.data) as { [key: string]: JsonValue };
    for (const field of REDACTED_FIELDS) {
      const value = data[field];
      if (value === undefined || value === null) continue;
      const { value: redacted, redactions } = redactForAudit(value, this.settings.redaction);
      data[field] = redacted;
      if (redactions.length > 0) data[`${field}_redacted`] = toJsonSafe(redactions);
    }
    const timeMillis = (event.time ?? this.settings.now()).getTime();
    return new Promise((resolve, reject) => {
      this.queue.push({ type: event.type, subject: event.subject, timeMillis, data, resolve, reject });
      this.startFlushing();
    });
  }

  private startFlushing(): void {
    if (this.flushing !== undefined) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      // An append may have queued an event after the loop looked at the queue for the last time.
      if (this.queue.length > 0) this.startFlushing();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.writeBatch(batch);
    }
  }

  private async writeBatch(batch: PendingEvent[]): Promise<void> {
    const { reporter, required } = this.settings;
    try {
      if (!(await this.tryOpen())) throw new Error(reporter.current?.lastError ?? 'the audit log could not be opened');
      const streak = reporter.current;
      const gap = streak && this.gapEvent(streak.lostEvents, streak.sinceMillis, streak.lastError);
      const { lines, state } = this.seal(gap ? [gap, ...batch] : batch, false);
      await this.sink.write(lines);
      this.state = state;
      reporter.recovered();
      for (const event of batch) event.resolve();
    } catch (error) {
      // Once serving, even a configuration problem (another writer took the lock) is a write failure.
      reporter.failed(error, batch.length, this.settings.now().getTime());
      for (const event of batch) {
        if (required) {
          event.reject(new AuditWriteError(`audit log ${this.sink.target} cannot be written (${describeIoError(error)}); the call is blocked because the audit log is required`));
        } else {
          event.resolve();
        }
      }
    }
  }

  private gapEvent(lost: number, sinceMillis: number, lastError: string): Omit<PendingEvent, 'resolve' | 'reject'> {
    return {
      type: 'audit.gap',
      timeMillis: this.settings.now().getTime(),
      data: {
        lost_events: lost,
        since: new Date(sinceMillis).toISOString(),
        error: lastError,
        calls_blocked: this.settings.required,
      },
    };
  }

  /** Chains events after the current head, inserting signed checkpoints; the state is committed only after the write. */
  private seal(events: Array<Omit<PendingEvent, 'resolve' | 'reject'>>, closing: boolean): { lines: SealedLine[]; state: ChainState } {
    const { signingKey, checkpointEvery, source } = this.settings;
    let { head, sinceCheckpoint } = this.state;
    const lines: SealedLine[] = [];
    const add = (event: Omit<PendingEvent, 'resolve' | 'reject'>) => {
      const stored = toStoredObject(this.settings.format, {
        seq: head.seq + 1,
        id: randomUUID(),
        time: new Date(event.timeMillis).toISOString(),
        type: event.type,
        source,
        subject: event.subject,
        prevhash: head.hash,
        data: event.data,
      });
      stored.hash = eventHash(stored);
      head = { seq: head.seq + 1, hash: stored.hash };
      lines.push({ seq: head.seq, timeMillis: event.timeMillis, text: JSON.stringify(stored) });
    };
    const checkpoint = (final: boolean) => {
      if (signingKey === undefined) return;
      add({
        type: 'audit.checkpoint',
        timeMillis: this.settings.now().getTime(),
        data: { ...signCheckpoint(source, head, final, signingKey) },
      });
      sinceCheckpoint = 0;
    };
    for (const event of events) {
      add(event);
      sinceCheckpoint++;
      if (sinceCheckpoint >= checkpointEvery) checkpoint(false);
    }
    if (closing && head.seq > 0) checkpoint(true);
    return { lines, state: { head, sinceCheckpoint } };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    if (this.settings.signingKey !== undefined && this.sink.isOpen && this.settings.reporter.current === undefined) {
      try {
        const { lines, state } = this.seal([], true);
        if (lines.length > 0) {
          await this.sink.write(lines);
          this.state = state;
        }
      } catch (error) {
        this.settings.reporter.failed(error, 0, this.settings.now().getTime());
      }
    }
    await this.sink.close();
  }

  status(): AuditLogStatus {
    const streak = this.settings.reporter.current;
    return { target: this.sink.target, writable: streak === undefined, lastError: streak?.lastError, head: this.state.head };
  }
}
