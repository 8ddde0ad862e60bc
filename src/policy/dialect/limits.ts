/** Rate limits as written in a policy: `"100/hour"`, `"5/30s"`, or `{requests, per}` with `per` a unit, a duration or seconds. */

const UNIT_SECONDS: Record<string, number> = {
  s: 1, sec: 1, second: 1, seconds: 1,
  m: 60, min: 60, minute: 60, minutes: 60,
  h: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
};

export interface ParsedLimit {
  requests: number;
  /** Window in seconds. */
  per: number;
}

const UNITS = 'second, minute, hour, day (or s, m, h, d)';

/** Seconds in a window written as `minute`, `30s`, `2h` or a positive number of seconds; an error message otherwise. */
export function parseWindow(per: unknown): number | string {
  if (typeof per === 'number') {
    return Number.isFinite(per) && per > 0 ? per : `window must be a positive number of seconds, got ${per}`;
  }
  if (typeof per !== 'string') return `window must be a unit (${UNITS}) or seconds`;
  const match = /^\s*(\d+(?:\.\d+)?)?\s*([a-z]+)\s*$/i.exec(per);
  const unit = match ? UNIT_SECONDS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) return `unknown window ${JSON.stringify(per)}: expected ${UNITS}, optionally with a count such as 30s`;
  const count = match[1] === undefined ? 1 : Number(match[1]);
  if (count <= 0) return `window must be positive, got ${JSON.stringify(per)}`;
  return count * unit;
}

/** A limit from `"100/hour"` or `{requests: 100, per: hour}`; an error message when it is neither. */
export function parseLimit(value: unknown): ParsedLimit | string {
  if (typeof value === 'string') {
    const match = /^\s*(\d+)\s*\/\s*(\S+)\s*$/.exec(value);
    if (!match) return `invalid limit ${JSON.stringify(value)}: expected "<requests>/<window>", e.g. "100/hour" or "5/30s"`;
    const per = parseWindow(match[2]);
    if (typeof per === 'string') return `invalid limit ${JSON.stringify(value)}: ${per}`;
    const requests = Number(match[1]);
    if (requests < 1) return `invalid limit ${JSON.stringify(value)}: requests must be at least 1`;
    return { requests, per };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { requests, per } = value as { requests?: unknown; per?: unknown };
    if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 1) {
      return 'requests must be a whole number of at least 1';
    }
    const window = parseWindow(per ?? 'minute');
    if (typeof window === 'string') return window;
    return { requests, per: window };
  }
  return 'a limit is "<requests>/<window>" (e.g. "100/hour") or {requests, per}';
}
