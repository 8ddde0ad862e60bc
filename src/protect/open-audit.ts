/** protect's audit options, opened as the tamper-evident log (src/audit). */
import { AuditConfigError } from '../audit/audit-errors.js';
import { openAuditLog, type AuditLog } from '../audit/audit-log.js';
import { ProtectConfigError } from './protect-errors.js';
import type { ProtectAuditOptions } from './protect-options.js';

export async function openProtectAudit(options: ProtectAuditOptions, source: string, report: (message: string) => void): Promise<AuditLog> {
  if (options.checkpointEvery !== undefined && options.key === undefined) {
    throw new ProtectConfigError('audit checkpoints are signed: --audit-checkpoint-every needs --audit-key');
  }
  try {
    return await openAuditLog({
      path: options.path,
      sink: options.sink,
      stream: options.stream,
      format: options.format,
      required: options.required,
      signingKey: options.key,
      checkpointEvery: options.checkpointEvery,
      rotate: options.rotate,
      fsync: options.fsync,
      redaction: options.redaction,
      source,
      // the log's own messages already start with "toolgate: "
      warn: (message) => report(message.replace(/^toolgate: /, '')),
    });
  } catch (error) {
    if (error instanceof AuditConfigError) throw new ProtectConfigError(error.message);
    throw error;
  }
}
