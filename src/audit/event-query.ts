import { callOutcome, isViolation } from './call-outcome.js';
import type { StoredEvent } from './event-format.js';

export interface EventQuery {
  violationsOnly?: boolean;
  tool?: string;
  session?: string;
  since?: Date;
}

/** Whether an event passes the report filters; checkpoints are never reported. */
export function matchesQuery(event: StoredEvent, query: EventQuery): boolean {
  if (event.type === 'audit.checkpoint') return false;
  if (query.violationsOnly && !isViolation(callOutcome(event))) return false;
  if (query.tool !== undefined && event.data.tool !== query.tool) return false;
  if (query.session !== undefined && event.data.session !== query.session) return false;
  if (query.since !== undefined) {
    const time = Date.parse(event.time);
    if (Number.isNaN(time) || time < query.since.getTime()) return false;
  }
  return true;
}
