/*
 * Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for formatting
 * and parsing, over civil times computed with the platform's IANA time zone
 * data (Intl). Times are BigInt nanoseconds since the Unix epoch.
 */

export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const NS_PER_SECOND = 1_000_000_000n;

export interface Civil {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  /** 0 = Sunday */
  weekday: number;
  /** 1-366 */
  yday: number;
  offsetSeconds: number;
  zone: string;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Fails with a RangeError for unknown zones. */
function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'short',
    });
    zoneFormats.set(zone, f);
  }
  return f;
}

/** "" and "UTC" are UTC, "Local" the process's zone, anything else an IANA name. */
function resolveZone(name: string): string {
  if (name === '' || name === 'UTC') return 'UTC';
  if (name === 'Local') return Intl.DateTimeFormat().resolvedOptions().timeZone;
  zoneFormat(name);
  return name;
}

function zoneAt(zone: string, ms: number): { offsetSeconds: number; abbreviation: string } {
  if (zone === 'UTC') return { offsetSeconds: 0, abbreviation: 'UTC' };
  const date = new Date(ms);
  const parts = Object.fromEntries(zoneFormat(zone).formatToParts(date).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetSeconds = Math.round((local - Math.floor(ms / 1000) * 1000) / 1000);
  let abbreviation = parts.timeZoneName ?? zone;
  if (/^GMT[+-]/.test(abbreviation) || abbreviation === 'GMT') abbreviation = formatOffset(offsetSeconds, '-0700', false);
  return { offsetSeconds, abbreviation };
}

export function civilFromNs(ns: bigint, zoneName: string): Civil {
  const zone = resolveZone(zoneName);
  const seconds = floorDiv(ns, NS_PER_SECOND);
  const nanos = Number(ns - seconds * NS_PER_SECOND);
  const { offsetSeconds, abbreviation } = zoneAt(zone, Number(seconds) * 1000);
  const local = new Date((Number(seconds) + offsetSeconds) * 1000);
  const year = local.getUTCFullYear();
  const startOfYear = Date.UTC(year, 0, 1);
  const yday = Math.floor((Date.UTC(year, local.getUTCMonth(), local.getUTCDate()) - startOfYear) / 86_400_000) + 1;
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    nanos,
    weekday: local.getUTCDay(),
    yday,
    offsetSeconds,
    zone: abbreviation,
  };
}

/** Nanoseconds of a civil time given in a zone (or at a fixed offset when offsetSeconds is set). */
function nsFromCivil(c: Omit<Civil, 'weekday' | 'yday' | 'zone' | 'offsetSeconds'>, zone: string, offsetSeconds?: number): bigint {
  const utcGuess = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  const fullYearFix = c.year >= 0 && c.year < 100 ? new Date(utcGuess).setUTCFullYear(c.year) : utcGuess;
  let offset = offsetSeconds;
  if (offset === undefined) {
    offset = zoneAt(zone, fullYearFix).offsetSeconds;
    offset = zoneAt(zone, fullYearFix - offset * 1000).offsetSeconds;
  }
  return (BigInt(fullYearFix) / 1000n - BigInt(offset)) * NS_PER_SECOND + BigInt(c.nanos);
}

function pad(n: number, width: number, fill = '0'): string {
  return String(n).padStart(width, fill);
}

function formatOffset(offsetSeconds: number, style: string, zuluForZero: boolean): string {
  if (zuluForZero && offsetSeconds === 0) return 'Z';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor((abs % 3600) / 60), 2);
  const ss = pad(abs % 60, 2);
  switch (style.replace(/^Z/, '-')) {
    case '-07':
      return sign + hh;
    case '-0700':
      return sign + hh + mm;
    case '-07:00':
      return `${sign}${hh}:${mm}`;
    case '-070000':
      return sign + hh + mm + ss;
    default:
      return `${sign}${hh}:${mm}:${ss}`;
  }
}

type Chunk = { literal: string } | { std: string };

const STD_TOKENS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '2006', '002', '__2', '_2',
  'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07', '-07:00:00', '-070000', '-07:00', '-0700', '-07',
  '01', '02', '03', '04', '05', '06', '15', 'PM', 'pm', '1', '2', '3', '4', '5',
];

/** Splits a layout into literal text and Go's standard chunks, as time.nextStdChunk does. */
function layoutChunks(layout: string): Chunk[] {
  const chunks: Chunk[] = [];
  let literal = '';
  let i = 0;
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?!\d)/.exec(layout.slice(i));
    if (frac) {
      if (literal) chunks.push({ literal });
      literal = '';
      chunks.push({ std: frac[0] });
      i += frac[0].length;
      continue;
    }
    const token = STD_TOKENS.find((t) => layout.startsWith(t, i));
    if (token) {
      if (literal) chunks.push({ literal });
      literal = '';
      chunks.push({ std: token });
      i += token.length;
      continue;
    }
    literal += layout[i++];
  }
  if (literal) chunks.push({ literal });
  return chunks;
}

function formatFraction(nanos: number, std: string): string {
  const digits = pad(nanos, 9);
  const n = std.length - 1;
  if (std[1] === '0') return std[0] + digits.slice(0, n);
  const trimmed = digits.slice(0, n).replace(/0+$/, '');
  return trimmed ? std[0] + trimmed : '';
}

export function formatCivil(c: Civil, layout: string): string {
  let out = '';
  for (const chunk of layoutChunks(layout)) {
    if ('literal' in chunk) {
      out += chunk.literal;
      continue;
    }
    const s = chunk.std;
    const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
    switch (s) {
      case 'January': out += MONTHS[c.month - 1]; break;
      case 'Jan': out += MONTHS[c.month - 1].slice(0, 3); break;
      case 'Monday': out += WEEKDAYS[c.weekday]; break;
      case 'Mon': out += WEEKDAYS[c.weekday].slice(0, 3); break;
      case 'MST': out += c.zone; break;
      case '2006': out += pad(c.year, 4); break;
      case '06': out += pad(c.year % 100, 2); break;
      case '01': out += pad(c.month, 2); break;
      case '1': out += String(c.month); break;
      case '02': out += pad(c.day, 2); break;
      case '_2': out += pad(c.day, 2, ' '); break;
      case '2': out += String(c.day); break;
      case '002': out += pad(c.yday, 3); break;
      case '__2': out += pad(c.yday, 3, ' '); break;
      case '15': out += pad(c.hour, 2); break;
      case '03': out += pad(hour12, 2); break;
      case '3': out += String(hour12); break;
      case '04': out += pad(c.minute, 2); break;
      case '4': out += String(c.minute); break;
      case '05': out += pad(c.second, 2); break;
      case '5': out += String(c.second); break;
      case 'PM': out += c.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += c.hour >= 12 ? 'pm' : 'am'; break;
      default:
        if (s.startsWith('Z') || s.startsWith('-')) out += formatOffset(c.offsetSeconds, s, s.startsWith('Z'));
        else out += formatFraction(c.nanos, s);
    }
  }
  return out;
}

export class LayoutError extends Error {}

/** Parses a value against a Go layout; without a zone in the value the time is UTC. */
export function parseLayout(layout: string, value: string): bigint {
  const fail = (detail = ''): never => {
    throw new LayoutError(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(value)}${detail}`);
  };
  const c = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0 };
  let pm: boolean | undefined;
  let offset: number | undefined;
  let i = 0;
  const take = (re: RegExp): string => {
    const m = re.exec(value.slice(i));
    if (!m) fail();
    i += m![0].length;
    return m![0];
  };
  const chunks = layoutChunks(layout);
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k];
    if ('literal' in chunk) {
      if (!value.startsWith(chunk.literal, i)) fail();
      i += chunk.literal.length;
      continue;
    }
    const s = chunk.std;
    switch (s) {
      case 'January':
      case 'Jan': {
        const names = s === 'Jan' ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS;
        const idx = names.findIndex((m) => value.slice(i, i + m.length).toLowerCase() === m.toLowerCase());
        if (idx < 0) fail();
        c.month = idx + 1;
        i += names[idx].length;
        break;
      }
      case 'Monday':
      case 'Mon': {
        const names = s === 'Mon' ? WEEKDAYS.map((d) => d.slice(0, 3)) : WEEKDAYS;
        const idx = names.findIndex((d) => value.slice(i, i + d.length).toLowerCase() === d.toLowerCase());
        if (idx < 0) fail();
        i += names[idx].length;
        break;
      }
      case 'MST': {
        const zone = take(/^(UTC|GMT([+-]\d{1,2})?|[A-Z]{3,5})/);
        if (zone === 'UTC' || zone === 'GMT') offset = 0;
        break;
      }
      case '2006': c.year = Number(take(/^\d{4}/)); break;
      case '06': {
        const y = Number(take(/^\d{2}/));
        c.year = y >= 69 ? 1900 + y : 2000 + y;
        break;
      }
      case '01': c.month = Number(take(/^\d{2}/)); break;
      case '1': c.month = Number(take(/^\d{1,2}/)); break;
      case '02': c.day = Number(take(/^\d{2}/)); break;
      case '_2': c.day = Number(take(/^[ \d]\d/).trim()); break;
      case '2': c.day = Number(take(/^\d{1,2}/)); break;
      case '002': case '__2': take(/^[ \d]{3}/); break;
      case '15': c.hour = Number(take(/^\d{1,2}/)); break;
      case '03': c.hour = Number(take(/^\d{2}/)); break;
      case '3': c.hour = Number(take(/^\d{1,2}/)); break;
      case '04': c.minute = Number(take(/^\d{2}/)); break;
      case '4': c.minute = Number(take(/^\d{1,2}/)); break;
      case '05':
      case '5': {
        c.second = Number(take(s === '05' ? /^\d{2}/ : /^\d{1,2}/));
        const next = chunks[k + 1];
        const layoutHasFraction = next !== undefined && 'std' in next && /^[.,]/.test(next.std);
        if (!layoutHasFraction && /^[.,]\d/.test(value.slice(i))) {
          const frac = take(/^[.,]\d+/).slice(1);
          c.nanos = Number(frac.slice(0, 9).padEnd(9, '0'));
        }
        break;
      }
      case 'PM': case 'pm': {
        const v = take(/^(AM|PM|am|pm)/i).toUpperCase();
        pm = v === 'PM';
        break;
      }
      default:
        if (s.startsWith('Z') || s.startsWith('-')) {
          if (s.startsWith('Z') && value[i] === 'Z') {
            i++;
            offset = 0;
            break;
          }
          const m = take(/^[+-]\d{2}(:?\d{2})?(:?\d{2})?/);
          const sign = m[0] === '-' ? -1 : 1;
          const digits = m.slice(1).replace(/:/g, '');
          offset = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || 0) * 60 + Number(digits.slice(4, 6) || 0));
        } else {
          const frac = take(s[1] === '9' ? /^([.,]\d+)?/ : new RegExp(`^[.,]\\d{${s.length - 1}}`));
          if (frac) c.nanos = Number(frac.slice(1, 10).padEnd(9, '0'));
        }
    }
  }
  if (i !== value.length) fail(`: extra text: ${JSON.stringify(value.slice(i))}`);
  if (pm !== undefined) {
    if (c.hour > 12) fail();
    if (pm && c.hour < 12) c.hour += 12;
    if (!pm && c.hour === 12) c.hour = 0;
  }
  if (c.month < 1 || c.month > 12) fail(': month out of range');
  const daysInMonth = new Date(Date.UTC(2000, c.month, 0)).getUTCDate();
  const leapFix = c.month === 2 && !(c.year % 4 === 0 && (c.year % 100 !== 0 || c.year % 400 === 0)) ? 28 : daysInMonth;
  if (c.day < 1 || c.day > leapFix) fail(': day out of range');
  if (c.hour > 23 || c.minute > 59 || c.second > 59) fail(': value out of range');
  return nsFromCivil(c, 'UTC', offset ?? 0);
}
