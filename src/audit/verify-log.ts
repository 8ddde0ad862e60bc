import type { KeyObject } from 'node:crypto';
import { checkCheckpoint } from './checkpoint.js';
import { fromStoredObject, type StoredEvent } from './event-format.js';
import { GENESIS_HASH, eventHash } from './hash-chain.js';
import type { JsonValue } from './json-safe.js';
import { readLogLines, type LogLine } from './read-log-lines.js';

export interface VerifyOptions {
  /** Checks checkpoint signatures against this Ed25519 public key. */
  publicKey?: KeyObject;
  /** Accepts a first file that starts mid-chain (older files archived elsewhere). */
  allowPartialStart?: boolean;
}

export interface BrokenEvent {
  file: string;
  line: number;
  seq?: number;
  id?: string;
  reason: string;
}

export interface VerifyReport {
  /** The chain is intact from its first to its last event. */
  intact: boolean;
  broken?: BrokenEvent;
  files: string[];
  events: number;
  firstSeq?: number;
  lastSeq?: number;
  head?: string;
  checkpoints: number;
  /** Whether checkpoint signatures were checked (a key was given). */
  signaturesChecked: boolean;
  lastCheckpointSeq?: number;
  /** The log ends with the final checkpoint written when its writer closed it. */
  sealed: boolean;
  /** Events after the last checkpoint: not covered by any signature. */
  uncoveredEvents: number;
  warnings: string[];
}

interface Previous {
  seq: number;
  hash: string;
  file: string;
  line: number;
}

function where(line: LogLine): string {
  return `${line.file}:${line.line}`;
}

function linkageProblem(event: StoredEvent, previous: Previous, line: LogLine): string | undefined {
  const expected = previous.seq + 1;
  const acrossFiles = previous.file !== line.file
    ? ` (the last event of ${previous.file} does not link to this file: a file is missing, out of order, or was truncated)`
    : '';
  if (event.seq > expected) {
    return `expected seq ${expected} but found ${event.seq}: ${event.seq - expected} event(s) before this one are missing (deleted) or were moved${acrossFiles}`;
  }
  if (event.seq < expected) {
    return `expected seq ${expected} but found ${event.seq}: events are out of order or duplicated (reordered or inserted)${acrossFiles}`;
  }
  if (event.prevhash !== previous.hash) {
    return `its prevhash does not match the hash of the event before it (seq ${previous.seq} at ${previous.file}:${previous.line}): that event was replaced or modified with a recomputed hash, or this one was inserted${acrossFiles}`;
  }
  return undefined;
}

function parseLine(line: LogLine): { event?: StoredEvent; problem?: string } {
  if (line.text.trim() === '') return { problem: 'empty line (the writer never writes one): the file was edited' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.text);
  } catch {
    return { problem: 'the line is not valid JSON (modified or corrupted)' };
  }
  const event = fromStoredObject(parsed);
  if (typeof event === 'string') return { problem: `not an audit event: ${event}` };
  let computed: string;
  try {
    computed = eventHash(parsed as { [key: string]: JsonValue });
  } catch (error) {
    return { event, problem: `cannot be hashed (${(error as Error).message}): the writer never produces such an event` };
  }
  if (computed !== event.hash) {
    return { event, problem: `its content does not match its hash (stored ${event.hash}, computed ${computed}): the event was modified after it was written` };
  }
  return { event };
}

/**
 * Verifies one log given as its files in chain order: every event's hash over
 * its own content, every link to the event before it (across files too), the
 * sequence numbers, and every checkpoint (with a key: its signature). Stops at
 * the first broken event and says which and why.
 */
export async function verifyAuditLog(files: string[], options: VerifyOptions = {}): Promise<VerifyReport> {
  const report: VerifyReport = {
    intact: true,
    files,
    events: 0,
    checkpoints: 0,
    signaturesChecked: options.publicKey !== undefined,
    sealed: false,
    uncoveredEvents: 0,
    warnings: [],
  };
  let previous: Previous | undefined;
  let lastWasFinalCheckpoint = false;
  const fail = (line: LogLine, reason: string, event?: StoredEvent) => {
    report.intact = false;
    report.broken = { file: line.file, line: line.line, seq: event?.seq, id: event?.id, reason };
  };

  for (const file of files) {
    let eventsInFile = 0;
    for await (const line of readLogLines(file)) {
      const { event, problem } = parseLine(line);
      if (!line.terminated) {
        if (problem !== undefined) {
          report.warnings.push(`${where(line)}: ${Buffer.byteLength(line.text)} bytes after the last newline are not a complete event (a write cut short by a crash, or a truncated file); ignored`);
          continue;
        }
        report.warnings.push(`${where(line)}: the last event has no newline after it`);
      }
      if (problem !== undefined || event === undefined) {
        fail(line, problem ?? 'unreadable event', event);
        return report;
      }
      if (previous === undefined) {
        if (event.seq !== 1 || event.prevhash !== GENESIS_HASH) {
          if (!options.allowPartialStart) {
            fail(line, `the chain does not start here: the first event has seq ${event.seq}, not 1 with the genesis prevhash (earlier files or events are missing; --allow-partial-start accepts this)`, event);
            return report;
          }
          report.warnings.push(`the chain starts at seq ${event.seq} (${where(line)}): events before it were not checked`);
        }
        report.firstSeq = event.seq;
      } else {
        const problemWithLink = linkageProblem(event, previous, line);
        if (problemWithLink !== undefined) {
          fail(line, problemWithLink, event);
          return report;
        }
      }
      lastWasFinalCheckpoint = false;
      if (event.type === 'audit.checkpoint') {
        const check = checkCheckpoint(event, options.publicKey);
        if (!check.ok) {
          fail(line, check.reason, event);
          return report;
        }
        report.checkpoints++;
        report.lastCheckpointSeq = event.seq;
        lastWasFinalCheckpoint = check.final;
      }
      report.events++;
      eventsInFile++;
      previous = { seq: event.seq, hash: event.hash, file, line: line.line };
    }
    if (eventsInFile === 0) report.warnings.push(`${file} holds no events`);
  }
  report.lastSeq = previous?.seq;
  report.head = previous?.hash;
  report.sealed = lastWasFinalCheckpoint;
  report.uncoveredEvents = previous === undefined ? 0 : previous.seq - (report.lastCheckpointSeq ?? (report.firstSeq ?? 1) - 1);
  return report;
}
