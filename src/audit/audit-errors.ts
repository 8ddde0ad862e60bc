/** The log cannot be used as configured (bad options, a foreign file at the path, another writer): fix and restart. */
export class AuditConfigError extends Error {
  override name = 'AuditConfigError';
}

/**
 * An event could not be written while the log is required: the proxy answers
 * the call with this message instead of forwarding it.
 */
export class AuditWriteError extends Error {
  override name = 'AuditWriteError';
  readonly code = 'audit_write_failed';
}

/** "ENOSPC: no space left on device, write" from any thrown value. */
export function describeIoError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
