import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';
import { decoded, jsonText } from './raw-json.js';

const NS = 1_000_000_000;

describe('time builtins', () => {
  it('parses RFC 3339 and Go layouts', () => {
    expect(jsonText(b['time.parse_rfc3339_ns']('2017-06-02T19:00:00-07:00'))).toBe('1496455200000000000');
    expect(jsonText(b['time.parse_rfc3339_ns']('2022-12-02T18:40:53.141828864Z'))).toBe('1670006453141828864');
    expect(b['time.parse_rfc3339_ns']('1970-01-01T00:00:00.5Z')).toBe(NS / 2);
    expect(decoded(b['time.parse_ns']('01/02 03:04:05PM \'06 -0700', "06/02 07:00:00PM '17 -0700"))).toBe(1496455200 * NS);
    expect(decoded(b['time.parse_ns']('RFC822Z', '02 Jun 17 19:00 -0700'))).toBe(1496455200 * NS);
    expect(decoded(b['time.parse_ns']('2006-01-02', '2020-02-29'))).toBe(Date.UTC(2020, 1, 29) * 1e6);
    expect(() => b['time.parse_ns']('2006-01-02', '2021-02-29')).toThrow('day out of range');
    expect(() => b['time.parse_rfc3339_ns']('2017-06-02')).toThrow('eval_builtin_error: time.parse_rfc3339_ns: parsing time');
    expect(() => b['time.parse_rfc3339_ns']('2262-04-11T23:47:16.854775808Z')).toThrow('time outside of valid range');
  });

  it('parses Go durations', () => {
    expect(b['time.parse_duration_ns']('1h30m')).toBe(5400 * NS);
    expect(b['time.parse_duration_ns']('-1.5s')).toBe(-1.5 * NS);
    expect(b['time.parse_duration_ns']('300µs')).toBe(300_000);
    expect(b['time.parse_duration_ns']('0')).toBe(0);
    expect(() => b['time.parse_duration_ns']('10')).toThrow('missing unit in duration');
    expect(() => b['time.parse_duration_ns']('1x')).toThrow('time: invalid duration "1x"');
  });

  it('reads dates, clocks and weekdays in time zones', () => {
    const t = Date.UTC(2020, 1, 29, 3, 4, 5) * 1e6;
    expect(b['time.date'](t)).toEqual([2020, 2, 29]);
    expect(b['time.clock'](t)).toEqual([3, 4, 5]);
    expect(b['time.weekday'](t)).toBe('Saturday');
    expect(b['time.date']([t, 'America/Los_Angeles'])).toEqual([2020, 2, 28]);
    expect(b['time.clock']([t, 'Asia/Kolkata'])).toEqual([8, 34, 5]);
    expect(() => b['time.date']([t, 'Mars/Olympus'])).toThrow('unknown time zone Mars/Olympus');
    expect(() => b['time.date'](1582977600 * 1e12)).toThrow('timestamp too big');
  });

  it('adds calendar dates with Go normalisation and measures differences', () => {
    const oct31 = Date.UTC(2021, 9, 31) * 1e6;
    expect(decoded(b['time.add_date'](oct31, 0, 1, 0))).toBe(Date.UTC(2021, 11, 1) * 1e6);
    expect(decoded(b['time.add_date'](oct31, -1, 0, 1))).toBe(Date.UTC(2020, 10, 1) * 1e6);
    const layout = '2006-01-02';
    const at = (s: string) => decoded(b['time.parse_ns'](layout, s));
    expect(b['time.diff'](at('2020-02-02'), at('2020-03-01'))).toEqual([0, 0, 28, 0, 0, 0]);
    expect(b['time.diff'](at('2021-03-01'), at('2021-02-02'))).toEqual([0, 0, 27, 0, 0, 0]);
    expect(b['time.diff'](at('2004-02-29'), at('2005-03-01'))).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it('formats with layouts and zones', () => {
    // Exactly representable as a double (ns values near 2^60 are multiples of 256 there).
    const t = 1670006453 * NS + 141_000_192;
    expect(b['time.format'](t)).toBe('2022-12-02T18:40:53.141000192Z');
    expect(b['time.format']([t, 'Asia/Kolkata'])).toBe('2022-12-03T00:10:53.141000192+05:30');
    expect(b['time.format']([t, 'Asia/Kolkata', 'Mon Jan 02 15:04:05 -0700 2006'])).toBe('Sat Dec 03 00:10:53 +0530 2022');
    expect(b['time.format']([t, 'Asia/Kolkata', 'RFC1123Z'])).toBe('Sat, 03 Dec 2022 00:10:53 +0530');
    expect(b['time.format']([t, 'UTC', '3:04PM .000 _2 Jan'])).toBe('6:40PM .141  2 Dec');
  });

  it('reports now as nanoseconds near the clock', () => {
    const now = decoded(b['time.now_ns']()) as number;
    expect(Math.abs(now / 1e6 - Date.now())).toBeLessThan(5000);
  });
});
