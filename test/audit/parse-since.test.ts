import { describe, expect, it } from 'vitest';
import { parseSince } from '../../src/audit/parse-since.js';

const now = new Date('2026-05-10T12:00:00Z');

describe('parseSince', () => {
  it.each([
    ['45s', '2026-05-10T11:59:15.000Z'],
    ['30m', '2026-05-10T11:30:00.000Z'],
    ['1h', '2026-05-10T11:00:00.000Z'],
    ['2d', '2026-05-08T12:00:00.000Z'],
    ['1w', '2026-05-03T12:00:00.000Z'],
    ['2026-05-01T08:30:00Z', '2026-05-01T08:30:00.000Z'],
    ['2026-05-01T08:30:00.250+02:00', '2026-05-01T06:30:00.250Z'],
    ['2026-05-01', '2026-05-01T00:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(parseSince(text, now).toISOString()).toBe(expected);
  });

  it.each(['yesterday', '1 hour', '-1h', '2026-13-01T00:00:00Z', '2026-05-01T08:30', '10'])('rejects %s with a clear message', (text) => {
    expect(() => parseSince(text, now)).toThrow(`--since "${text}": expected a duration like 30m, 1h or 2d, or an RFC 3339 time like 2026-01-31T09:00:00Z`);
  });
});
