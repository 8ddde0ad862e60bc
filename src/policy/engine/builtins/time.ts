import { builtinError } from './errors.js';
import { type Civil, LayoutError, NAMED_LAYOUTS, NS_PER_SECOND, WEEKDAYS, civilFromNs, formatCivil, parseLayout } from './go-time.js';
import { ensureInteger, ensureNumber, ensureOneOf, ensureString, typeNameOf } from './operands.js';
import { takesExactIntegers } from './host-builtin-categories.js';
import { exactInteger } from './values.js';

/*
 * Time builtins over int64 nanoseconds since the epoch, as OPA keeps them.
 * Timestamps arrive exactly (as BigInt beyond 2^53, see takesExactIntegers)
 * from toolgate's modules, as doubles from bundles built by OPA; results are
 * exact (see exactInteger).
 */

const MIN_NS = -(2n ** 63n);
const MAX_NS = 2n ** 63n - 1n;

function checkRange(builtin: string, ns: bigint): bigint {
  if (ns < MIN_NS || ns > MAX_NS) throw builtinError(builtin, 'time outside of valid range');
  return ns;
}

function nsOf(builtin: string, n: number | bigint): bigint {
  if (typeof n === 'bigint') {
    if (n > MAX_NS || n < MIN_NS) throw builtinError(builtin, 'timestamp too big');
    return n;
  }
  if (!Number.isFinite(n) || n > Number(MAX_NS) || n < Number(MIN_NS)) throw builtinError(builtin, 'timestamp too big');
  return BigInt(Math.trunc(n));
}

function isNumber(value: unknown): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

interface TimeArg {
  ns: bigint;
  zone: string;
  layout?: string;
}

/** A time operand: ns, [ns, zone] or, for time.format, [ns, zone, layout]. */
function timeArg(builtin: string, pos: number, value: unknown, allowLayout = false): TimeArg {
  ensureOneOf(builtin, pos, value, ['number', 'array']);
  if (isNumber(value)) return { ns: nsOf(builtin, value), zone: 'UTC' };
  const arr = value as unknown[];
  if (arr.length < 2 || arr.length > (allowLayout ? 3 : 2)) {
    throw builtinError(builtin, `operand ${pos} array must have ${allowLayout ? '2 or 3' : '2'} elements`);
  }
  const [ns, zone, layout] = arr;
  if (!isNumber(ns)) throw builtinError(builtin, `operand ${pos} first element must be number but got ${typeNameOf(ns)}`);
  if (typeof zone !== 'string') throw builtinError(builtin, `operand ${pos} second element must be string but got ${typeNameOf(zone)}`);
  if (layout !== undefined && typeof layout !== 'string') throw builtinError(builtin, `operand ${pos} third element must be string but got ${typeNameOf(layout)}`);
  return { ns: nsOf(builtin, ns), zone, layout: layout as string | undefined };
}

function civil(builtin: string, t: TimeArg): Civil {
  try {
    return civilFromNs(t.ns, t.zone);
  } catch (err) {
    if (err instanceof RangeError) throw builtinError(builtin, `unknown time zone ${t.zone}`);
    throw err;
  }
}

function nowNs(): unknown {
  return exactInteger(BigInt(Date.now()) * 1_000_000n);
}

function layoutOf(name: string): string {
  return NAMED_LAYOUTS[name] ?? name;
}

function parse(builtin: string, layout: string, value: string): unknown {
  try {
    return exactInteger(checkRange(builtin, parseLayout(layoutOf(layout), value)));
  } catch (err) {
    if (err instanceof LayoutError) throw builtinError(builtin, err.message);
    throw err;
  }
}

function parseNs(layout: unknown, value: unknown): unknown {
  return parse('time.parse_ns', ensureString('time.parse_ns', 1, layout), ensureString('time.parse_ns', 2, value));
}

function parseRfc3339Ns(value: unknown): unknown {
  return parse('time.parse_rfc3339_ns', 'RFC3339', ensureString('time.parse_rfc3339_ns', 1, value));
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration: "1h30m", "-1.5s", "300ms", "0". */
function parseDurationNs(value: unknown): number {
  const builtin = 'time.parse_duration_ns';
  const s = ensureString(builtin, 1, value);
  const invalid = () => builtinError(builtin, `time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const m = /^(\d*(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^\d*(\.\d*)?$/.test(rest)) throw builtinError(builtin, `time: missing unit in duration ${JSON.stringify(s)}`);
      throw invalid();
    }
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return sign * Math.round(total);
}

function date(value: unknown): number[] {
  const c = civil('time.date', timeArg('time.date', 1, value));
  return [c.year, c.month, c.day];
}

function clock(value: unknown): number[] {
  const c = civil('time.clock', timeArg('time.clock', 1, value));
  return [c.hour, c.minute, c.second];
}

function weekday(value: unknown): string {
  const c = civil('time.weekday', timeArg('time.weekday', 1, value));
  return WEEKDAYS[c.weekday];
}

/** Go's Time.AddDate in UTC: overflowing months and days normalize (Oct 31 + 1 month is Dec 1). */
function addDate(ns: unknown, years: unknown, months: unknown, days: unknown): unknown {
  const builtin = 'time.add_date';
  ensureNumber(builtin, 1, ns);
  const t = nsOf(builtin, ns as number | bigint);
  const y = ensureInteger(builtin, 2, years);
  const mo = ensureInteger(builtin, 3, months);
  const d = ensureInteger(builtin, 4, days);
  const c = civilFromNs(t, 'UTC');
  const shifted = new Date(0);
  shifted.setUTCFullYear(c.year + y, c.month - 1 + mo, c.day + d);
  shifted.setUTCHours(c.hour, c.minute, c.second, 0);
  const ms = shifted.getTime();
  const result = (BigInt(ms) / 1000n) * NS_PER_SECOND + BigInt(c.nanos);
  return exactInteger(checkRange(builtin, result));
}

/** Calendar difference [years, months, days, hours, minutes, seconds] between two times, in the first one's zone. */
function diff(first: unknown, other: unknown): number[] {
  const builtin = 'time.diff';
  const a0 = timeArg(builtin, 1, first);
  const b0 = timeArg(builtin, 2, other);
  const [lo, hi] = a0.ns <= b0.ns ? [a0.ns, b0.ns] : [b0.ns, a0.ns];
  const a = civil(builtin, { ns: lo, zone: a0.zone });
  const b = civil(builtin, { ns: hi, zone: a0.zone });
  let year = b.year - a.year;
  let month = b.month - a.month;
  let day = b.day - a.day;
  let hour = b.hour - a.hour;
  let minute = b.minute - a.minute;
  let second = b.second - a.second;
  if (second < 0) {
    second += 60;
    minute--;
  }
  if (minute < 0) {
    minute += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += new Date(Date.UTC(a.year, a.month, 0)).getUTCDate();
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, minute, second];
}

function format(value: unknown): string {
  const t = timeArg('time.format', 1, value, true);
  return formatCivil(civil('time.format', t), layoutOf(t.layout ?? 'RFC3339Nano'));
}

export const timeBuiltins = {
  'time.now_ns': nowNs,
  'time.parse_ns': parseNs,
  'time.parse_rfc3339_ns': parseRfc3339Ns,
  'time.parse_duration_ns': parseDurationNs,
  'time.date': takesExactIntegers(date),
  'time.clock': takesExactIntegers(clock),
  'time.weekday': takesExactIntegers(weekday),
  'time.add_date': takesExactIntegers(addDate),
  'time.diff': takesExactIntegers(diff),
  'time.format': takesExactIntegers(format),
};
