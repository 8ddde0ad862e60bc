/**
 * Every kind of audit event. The short name is the `type` of plain JSON lines;
 * CloudEvents carry it behind the reverse-DNS prefix.
 */
export const AUDIT_EVENT_TYPES = [
  'tool.invoked',
  'policy.violation',
  'ratelimit.exceeded',
  'policy.reloaded',
  'policy.reload_failed',
  'proxy.started',
  'proxy.stopped',
  'tool.changed',
  // Written by the log itself: events that could not be written, and signed checkpoints.
  'audit.gap',
  'audit.checkpoint',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export const CLOUDEVENTS_TYPE_PREFIX = 'dev.toolgate.';

export function isAuditEventType(value: string): value is AuditEventType {
  return (AUDIT_EVENT_TYPES as readonly string[]).includes(value);
}

/** Accepts both spellings ("dev.toolgate.tool.invoked" and "tool.invoked"); undefined for anything else. */
export function shortEventType(type: unknown): AuditEventType | undefined {
  if (typeof type !== 'string') return undefined;
  const short = type.startsWith(CLOUDEVENTS_TYPE_PREFIX) ? type.slice(CLOUDEVENTS_TYPE_PREFIX.length) : type;
  return isAuditEventType(short) ? short : undefined;
}
