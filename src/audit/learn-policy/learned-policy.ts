import { learnPathCondition, isPathArgument } from './path-roots.js';
import { limitWithHeadroom, peakCallsPerWindow } from './peak-rate.js';
import type { ToolTraffic, TrafficProfile } from './traffic-profile.js';

/** A starting policy learned from traffic, before it is written as YAML. */
export interface LearnedCondition {
  /** Field path of the dialect: arguments.path, arguments["odd key"], arguments.paths[all]. */
  field: string;
  operator: 'within' | 'prefix';
  values: string[];
  /** The argument was missing from some calls: absence must stay allowed. */
  optional: boolean;
}

export interface LearnedRule {
  id: string;
  tool: string;
  conditions: LearnedCondition[];
  /** What was observed, for the comment above the rule. */
  notes: string[];
}

export interface LearnedLimit {
  limit: number;
  peak: number;
}

export interface LearnedPolicy {
  profile: TrafficProfile;
  headroom: number;
  rules: LearnedRule[];
  globalLimit?: LearnedLimit;
  perToolLimits: Array<{ tool: string } & LearnedLimit>;
}

export const RATE_WINDOW_MS = 60_000;
const FIELD_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

function fieldFor(key: string, array: boolean): string {
  const base = FIELD_KEY.test(key) ? `arguments.${key}` : `arguments[${JSON.stringify(key)}]`;
  return array ? `${base}[all]` : base;
}

function ruleId(tool: string, taken: Set<string>): string {
  const slug = tool.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'tool';
  let id = `learned-${slug}`;
  for (let n = 2; taken.has(id); n++) id = `learned-${slug}-${n}`;
  taken.add(id);
  return id;
}

function learnRule(traffic: ToolTraffic, taken: Set<string>): LearnedRule {
  const notes = [`${traffic.tool}: ${traffic.calls} call(s)`];
  const conditions: LearnedCondition[] = [];
  for (const argument of [...traffic.arguments.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    if (!isPathArgument(argument)) continue;
    if (argument.hasArrays && argument.hasScalars) {
      notes.push(`argument ${argument.key} was sometimes a list and sometimes a string: no condition learned`);
      continue;
    }
    const learned = learnPathCondition(argument);
    if (learned.kind === 'none') {
      notes.push(`argument ${argument.key}: ${learned.why}, so no folder was learned`);
      continue;
    }
    const values = learned.kind === 'within' ? learned.roots : learned.prefixes;
    const optional = argument.presentIn < traffic.calls;
    conditions.push({ field: fieldFor(argument.key, argument.hasArrays), operator: learned.kind, values, optional });
    const where = learned.kind === 'within' ? 'within' : 'starting with';
    notes.push(`argument ${argument.key}: ${argument.strings.length} path(s) seen, all ${where} ${values.join(', ')}${optional ? ` (absent in ${traffic.calls - argument.presentIn} call(s))` : ''}`);
    if (values.includes('/')) notes.push(`argument ${argument.key} reached the filesystem root: this condition allows every path`);
  }
  return { id: ruleId(traffic.tool, taken), tool: traffic.tool, conditions, notes };
}

/** Learns one allow rule per tool seen, with path conditions, and rate limits with headroom over the observed peaks. */
export function learnPolicy(profile: TrafficProfile, headroom: number): LearnedPolicy {
  if (!Number.isFinite(headroom) || headroom < 1) throw new Error(`headroom must be a number of at least 1, not ${headroom}`);
  const taken = new Set<string>();
  const tools = [...profile.tools.values()].sort((a, b) => a.tool.localeCompare(b.tool));
  const allTimes = tools.flatMap((traffic) => traffic.times);
  const globalPeak = peakCallsPerWindow(allTimes, RATE_WINDOW_MS);
  return {
    profile,
    headroom,
    rules: tools.map((traffic) => learnRule(traffic, taken)),
    globalLimit: allTimes.length === 0 ? undefined : { peak: globalPeak, limit: limitWithHeadroom(globalPeak, headroom) },
    perToolLimits: tools.map((traffic) => {
      const peak = peakCallsPerWindow(traffic.times, RATE_WINDOW_MS);
      return { tool: traffic.tool, peak, limit: limitWithHeadroom(peak, headroom) };
    }),
  };
}
