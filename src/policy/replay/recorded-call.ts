import type { LocatedEvent } from '../../audit/read-audit-events.js';
import type { JsonValue } from '../../audit/json-safe.js';
import type { Finding, InputDocument } from '../documents.js';

/** A tools/call as the audit log recorded it, ready to be decided again. */
export interface RecordedCall {
  file: string;
  line: number;
  seq: number;
  time: string;
  tool: string;
  session: string;
  /** The policy input rebuilt from the event. */
  input: InputDocument;
  /** What the enforced policy answered then. */
  recorded: { allow: boolean; rule?: string; revision?: string };
  /** Arguments or identity were redacted or truncated before they were logged: the replay sees the redacted values. */
  redacted: boolean;
}

const CALL_EVENTS = new Set(['tool.invoked', 'policy.violation', 'ratelimit.exceeded']);
const SOURCE_PREFIX = 'urn:toolgate:';

type JsonObject = { [key: string]: JsonValue };

/**
 * The call an event records, or undefined for events that are not calls
 * (reloads, start and stop, checkpoints). Not recorded, hence neutral here:
 * tool annotations, tool_changed and rate-limit counters.
 */
export function recordedCall(event: LocatedEvent): RecordedCall | undefined {
  if (!CALL_EVENTS.has(event.type)) return undefined;
  const { data } = event;
  if (typeof data.tool !== 'string' || (data.decision !== 'allow' && data.decision !== 'deny')) return undefined;
  const session = typeof data.session === 'string' ? data.session : '';
  const input: InputDocument = {
    method: 'tools/call',
    tool: data.tool,
    arguments: objectOr(data.arguments),
    server: { name: serverName(event.source), command: [] },
    client: objectOr(data.client) as InputDocument['client'],
    identity: objectOr(data.identity),
    session,
    findings: Array.isArray(data.findings) ? (data.findings as unknown as Finding[]) : [],
    tool_annotations: {},
    tool_changed: false,
    time: event.time,
  };
  return {
    file: event.file,
    line: event.line,
    seq: event.seq,
    time: event.time,
    tool: data.tool,
    session,
    input,
    recorded: {
      allow: data.decision === 'allow',
      rule: typeof data.rule === 'string' ? data.rule : undefined,
      revision: typeof data.policy_revision === 'string' ? data.policy_revision : undefined,
    },
    redacted: nonEmpty(data.arguments_redacted) || nonEmpty(data.identity_redacted),
  };
}

function objectOr(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function nonEmpty(value: JsonValue | undefined): boolean {
  return Array.isArray(value) && value.length > 0;
}

function serverName(source: string): string {
  if (!source.startsWith(SOURCE_PREFIX)) return source;
  try {
    return decodeURIComponent(source.slice(SOURCE_PREFIX.length));
  } catch {
    return source.slice(SOURCE_PREFIX.length);
  }
}
