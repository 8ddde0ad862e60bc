import type { StoredEvent } from './event-format.js';

/**
 * What happened to a tool call, from its event: forwarded, blocked by the
 * policy or a rate limit, or forwarded although the policy (in mode shadow)
 * would have blocked it.
 */
export type CallOutcome = 'allowed' | 'denied' | 'rate-limited' | 'shadow-deny';

export function callOutcome(event: Pick<StoredEvent, 'type' | 'data'>): CallOutcome | undefined {
  switch (event.type) {
    case 'policy.violation':
      return 'denied';
    case 'ratelimit.exceeded':
      return 'rate-limited';
    case 'tool.invoked':
      return event.data.decision === 'deny' ? 'shadow-deny' : 'allowed';
    default:
      return undefined;
  }
}

export function isViolation(outcome: CallOutcome | undefined): boolean {
  return outcome === 'denied' || outcome === 'rate-limited' || outcome === 'shadow-deny';
}

/** The enforced and the candidate (shadow) policy disagree on this call. */
export function shadowDisagrees(event: Pick<StoredEvent, 'data'>): boolean {
  const shadow = event.data.shadow;
  if (shadow === null || typeof shadow !== 'object' || Array.isArray(shadow)) return false;
  return typeof shadow.decision === 'string' && shadow.decision !== event.data.decision;
}
