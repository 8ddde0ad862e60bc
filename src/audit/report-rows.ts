import { callOutcome } from './call-outcome.js';
import type { StoredEvent } from './event-format.js';
import type { JsonValue } from './json-safe.js';

/** The flat rows `toolgate audit` prints, one per event. */
export type Row = Record<string, string | number | undefined>;

export const EVENT_COLUMNS = ['time', 'seq', 'event', 'tool', 'session', 'outcome', 'rule', 'detail'] as const;
export const SHADOW_DIFF_COLUMNS = ['time', 'seq', 'tool', 'session', 'enforced', 'shadow', 'enforced_rule', 'shadow_rule', 'shadow_reasons'] as const;
export const SUMMARY_COLUMNS = ['tool', 'calls', 'allowed', 'denied', 'rate_limited', 'shadow_deny', 'upstream_errors'] as const;

function text(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => text(item) ?? '').join('; ');
  return JSON.stringify(value);
}

function field(object: JsonValue | undefined, key: string): JsonValue | undefined {
  return object !== null && typeof object === 'object' && !Array.isArray(object) ? object[key] : undefined;
}

function detail(event: StoredEvent): string | undefined {
  const { data } = event;
  switch (event.type) {
    case 'tool.invoked':
      if (field(data.result, 'is_error') === true) return ['upstream error', text(data.reasons)].filter(Boolean).join('; ');
      return text(data.reasons) || undefined;
    case 'policy.violation':
      return text(data.reasons);
    case 'ratelimit.exceeded': {
      const limit = data.limit;
      return [`limit ${text(field(limit, 'key'))}: ${text(field(limit, 'requests'))}/${text(field(limit, 'per'))}s`, text(data.reasons)]
        .filter(Boolean)
        .join('; ');
    }
    case 'policy.reloaded':
      return `revision ${text(data.policy_revision)}${data.previous_revision ? ` (was ${text(data.previous_revision)})` : ''}`;
    case 'policy.reload_failed':
      return text(data.error);
    case 'proxy.started':
      return `${text(field(data.server, 'name')) ?? ''} via ${text(data.transport) ?? '?'}`;
    case 'proxy.stopped':
      return text(data.reason);
    case 'tool.changed':
      return text(data.change);
    case 'audit.gap':
      return `${text(data.lost_events as JsonValue)} event(s) not recorded since ${text(data.since)}: ${text(data.error)}`;
    case 'audit.checkpoint':
      return `signed by ${text(data.keyid)}`;
    default:
      return undefined;
  }
}

export function eventRow(event: StoredEvent): Row {
  return {
    time: event.time,
    seq: event.seq,
    event: event.type,
    tool: text(event.data.tool),
    session: text(event.data.session),
    outcome: callOutcome(event),
    rule: text(event.data.rule),
    detail: detail(event),
  };
}

export function shadowDiffRow(event: StoredEvent): Row {
  const shadow = event.data.shadow;
  return {
    time: event.time,
    seq: event.seq,
    tool: text(event.data.tool),
    session: text(event.data.session),
    enforced: text(event.data.decision),
    shadow: text(field(shadow, 'decision')),
    enforced_rule: text(event.data.rule),
    shadow_rule: text(field(shadow, 'rule')),
    shadow_reasons: text(field(shadow, 'reasons')),
  };
}

/** Per-tool counts of call outcomes. */
export class ToolSummary {
  private readonly byTool = new Map<string, Record<(typeof SUMMARY_COLUMNS)[number], number | string>>();

  add(event: StoredEvent): void {
    const outcome = callOutcome(event);
    if (outcome === undefined) return;
    const tool = text(event.data.tool) ?? '?';
    let counts = this.byTool.get(tool);
    if (counts === undefined) {
      counts = { tool, calls: 0, allowed: 0, denied: 0, rate_limited: 0, shadow_deny: 0, upstream_errors: 0 };
      this.byTool.set(tool, counts);
    }
    const bump = (key: (typeof SUMMARY_COLUMNS)[number]) => (counts[key] = (counts[key] as number) + 1);
    bump('calls');
    bump(outcome === 'rate-limited' ? 'rate_limited' : outcome === 'shadow-deny' ? 'shadow_deny' : outcome);
    if (field(event.data.result, 'is_error') === true) bump('upstream_errors');
  }

  rows(): Row[] {
    return [...this.byTool.values()].sort((a, b) => (b.calls as number) - (a.calls as number) || String(a.tool).localeCompare(String(b.tool)));
  }
}
