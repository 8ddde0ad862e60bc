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

/**
 * The short name of a stored type: "dev.toolgate.tool.invoked" and "tool.invoked" are both
 * "tool.invoked". Types this version does not know are kept as they are: a log written by
 * a newer toolgate still verifies. Undefined when the type is not a non-empty string.
 */
export function shortEventType(type: unknown): string | undefined {
  if (typeof type !== 'string' || type === '') return undefined;
  return type.startsWith(CLOUDEVENTS_TYPE_PREFIX) ? type.slice(CLOUDEVENTS_TYPE_PREFIX.length) : type;
}
