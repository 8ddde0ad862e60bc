import type { VerifyReport } from './verify-log.js';

/** Exit codes of `toolgate audit verify`. */
export const VERIFY_EXIT_CODES = {
  /** The chain is intact (and, with --key, sealed by a signed final checkpoint). */
  intact: 0,
  /** An event was modified, deleted, inserted or reordered, or a checkpoint is wrong. */
  tampered: 1,
  /** The files or the key could not be read, or the command line is wrong. */
  cannotVerify: 2,
  /** With --key: intact, but the events after the last checkpoint are not signed, so truncation cannot be excluded. */
  unsealed: 3,
} as const;

export interface VerifyVerdict {
  exitCode: number;
  message: string;
}

function range(report: VerifyReport): string {
  if (report.lastSeq === undefined) return 'no events';
  return `${report.events} events (seq ${report.firstSeq}..${report.lastSeq}) in ${report.files.length} file(s)`;
}

export function verifyVerdict(report: VerifyReport, options: { keyId?: string; allowUnsealed?: boolean }): VerifyVerdict {
  if (!report.intact && report.broken) {
    const { file, line, seq, id, reason } = report.broken;
    const which = seq === undefined ? 'the line' : `event seq ${seq}${id ? ` (id ${id})` : ''}`;
    return {
      exitCode: VERIFY_EXIT_CODES.tampered,
      message: `BROKEN: ${file}:${line}: ${which}: ${reason}\n${report.events} event(s) before it verified.`,
    };
  }
  const checkpoints = report.checkpoints === 0
    ? 'no checkpoints'
    : options.keyId === undefined
      ? `${report.checkpoints} checkpoint(s), signatures NOT checked (give --key)`
      : `${report.checkpoints} checkpoint(s) signed by key ${options.keyId}`;
  if (options.keyId !== undefined && !report.sealed) {
    const after = report.lastCheckpointSeq === undefined ? 'no checkpoint at all' : `the last checkpoint (seq ${report.lastCheckpointSeq})`;
    const message = `the chain of ${range(report)} is intact, but the log is not sealed: ${report.uncoveredEvents} event(s) after ${after} are not covered by a signature, so events may have been removed from its end (or its writer is still running, or crashed).`;
    if (!options.allowUnsealed) return { exitCode: VERIFY_EXIT_CODES.unsealed, message: `NOT SEALED: ${message} --allow-unsealed accepts a log that is still being written.` };
    return { exitCode: VERIFY_EXIT_CODES.intact, message: `OK (unsealed): ${message}` };
  }
  const sealed = report.sealed ? `; sealed by the final checkpoint at seq ${report.lastSeq}` : '';
  const tail = options.keyId === undefined && report.lastSeq !== undefined ? '; without --key, events removed from the end or a rewritten chain cannot be detected' : '';
  return { exitCode: VERIFY_EXIT_CODES.intact, message: `OK: ${range(report)}, chain intact; ${checkpoints}${sealed}${tail}.` };
}
