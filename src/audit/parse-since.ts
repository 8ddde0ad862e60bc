/**
 * `--since` values: a duration back from now (45s, 30m, 1h, 2d, 1w) or an
 * RFC 3339 time (2026-01-31T09:00:00Z, 2026-01-31T09:00:00.5+02:00, or a date, 2026-01-31, meaning its UTC midnight).
 */
const UNIT_MILLIS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseSince(value: string, now: Date = new Date()): Date {
  const text = value.trim();
  const duration = /^(\d+)\s*([smhdw])$/.exec(text);
  if (duration) return new Date(now.getTime() - Number(duration[1]) * UNIT_MILLIS[duration[2]]);
  if (RFC3339.test(text) || FULL_DATE.test(text)) {
    const millis = Date.parse(FULL_DATE.test(text) ? `${text}T00:00:00Z` : text);
    if (!Number.isNaN(millis)) return new Date(millis);
  }
  throw new Error(`--since "${value}": expected a duration like 30m, 1h or 2d, or an RFC 3339 time like 2026-01-31T09:00:00Z`);
}
