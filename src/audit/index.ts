/** The tamper-evident audit log: what the proxy and the CLI use. See docs/audit.md. */
export { openAuditLog, type AuditLog, type AuditLogOptions, type AuditLogStatus } from './audit-log.js';
export { AuditConfigError, AuditWriteError } from './audit-errors.js';
export {
  policyReloadedEvent,
  policyReloadFailedEvent,
  policyViolationEvent,
  proxyStartedEvent,
  proxyStoppedEvent,
  rateLimitExceededEvent,
  toolChangedEvent,
  toolInvokedEvent,
  type AuditEvent,
  type ResultSummary,
  type ToolCallFacts,
} from './event-builders.js';
export { AUDIT_EVENT_TYPES, type AuditEventType } from './event-types.js';
export { AUDIT_FORMATS, type AuditFormat } from './event-format.js';
export type { RotationOptions } from './file-sink.js';
export type { RedactionOptions } from './redact-arguments.js';
export { verifyAuditLog, type VerifyReport, type VerifyOptions } from './verify-log.js';
export { logFilesInOrder } from './rotated-files.js';
export { loadSigningKey, loadVerifyKey, writeSigningKeyPair } from './signing-keys.js';
