import { readAuditEvents } from '../read-audit-events.js';

/** What was observed of one argument of one tool across its forwarded calls. */
export interface ArgumentTraffic {
  key: string;
  /** Calls in which the argument was present (not null). */
  presentIn: number;
  /** Every string seen: the value, or each element of an array value. */
  strings: string[];
  /** Some value was neither a string nor an array of strings. */
  hasOtherValues: boolean;
  /** Some value was an array. */
  hasArrays: boolean;
  /** Some value was a string. */
  hasScalars: boolean;
}

export interface ToolTraffic {
  tool: string;
  calls: number;
  /** Call times, epoch milliseconds, in log order. */
  times: number[];
  arguments: Map<string, ArgumentTraffic>;
}

export interface TrafficProfile {
  files: string[];
  calls: number;
  first?: string;
  last?: string;
  sessions: Set<string>;
  tools: Map<string, ToolTraffic>;
  /** Calls blocked in the recorded traffic: not learned from. */
  blockedCalls: number;
}

/**
 * Reads the forwarded calls (tool.invoked events) of a log. Blocked calls are
 * counted but not learned from: a learned policy must not allow what was
 * refused.
 */
export async function profileTraffic(files: string[]): Promise<TrafficProfile> {
  const profile: TrafficProfile = { files, calls: 0, sessions: new Set(), tools: new Map(), blockedCalls: 0 };
  for await (const event of readAuditEvents(files)) {
    if (event.type === 'policy.violation' || event.type === 'ratelimit.exceeded') profile.blockedCalls++;
    if (event.type !== 'tool.invoked' || typeof event.data.tool !== 'string') continue;
    const time = Date.parse(event.time);
    if (Number.isNaN(time)) continue;
    profile.calls++;
    profile.first ??= event.time;
    profile.last = event.time;
    if (typeof event.data.session === 'string') profile.sessions.add(event.data.session);
    const tool = event.data.tool;
    let traffic = profile.tools.get(tool);
    if (traffic === undefined) {
      traffic = { tool, calls: 0, times: [], arguments: new Map() };
      profile.tools.set(tool, traffic);
    }
    traffic.calls++;
    traffic.times.push(time);
    const args = event.data.arguments;
    if (args === null || typeof args !== 'object' || Array.isArray(args)) continue;
    for (const [key, value] of Object.entries(args)) {
      if (value === null) continue;
      let argument = traffic.arguments.get(key);
      if (argument === undefined) {
        argument = { key, presentIn: 0, strings: [], hasOtherValues: false, hasArrays: false, hasScalars: false };
        traffic.arguments.set(key, argument);
      }
      argument.presentIn++;
      if (typeof value === 'string') {
        argument.hasScalars = true;
        argument.strings.push(value);
      } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
        argument.hasArrays = true;
        argument.strings.push(...(value as string[]));
      } else {
        argument.hasOtherValues = true;
      }
    }
  }
  return profile;
}
