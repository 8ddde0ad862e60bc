import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';
import { jsonText } from './raw-json.js';

describe('units', () => {
  it('parses SI and binary suffixes exactly', () => {
    expect(b['units.parse']('1.1Ki')).toBe(1126.4);
    expect(b['units.parse']('0.0000005M')).toBe(0.5);
    expect(b['units.parse']('500m')).toBe(0.5);
    expect(b['units.parse']('10KI')).toBe(10240);
    expect(jsonText(b['units.parse']('10Ei'))).toBe('11529215046068469760');
    expect(jsonText(b['units.parse']('10ei'))).toBe('11529215046068469760');
    expect(jsonText(b['units.parse']('8E'))).toBe('8000000000000000000');
    expect(jsonText(b['units.parse']('12345678901234567891'))).toBe('12345678901234567891');
    expect(jsonText(b['units.parse']('123456789012345678.9k'))).toBe('123456789012345678900');
    // Only whole results are exact; a fraction is the nearest double.
    expect(b['units.parse']('12345678901234567.89')).toBe(12345678901234567.89);
    expect(b['units.parse']('1e3M')).toBe(1e9);
    expect(b['units.parse']('-3.5E2m')).toBe(-0.35);
    expect(b['units.parse']('"100TI"')).toBe(109951162777600);
    expect(() => b['units.parse']('12 K')).toThrow('spaces not allowed');
    expect(() => b['units.parse']('abc')).toThrow('units.parse: could not parse amount to a number');
  });

  it('parses byte amounts into whole bytes', () => {
    expect(b['units.parse_bytes']('1.1KiB')).toBe(1126);
    expect(b['units.parse_bytes']('10kb')).toBe(10000);
    expect(b['units.parse_bytes']('2MiB')).toBe(2097152);
    expect(b['units.parse_bytes']('5e6')).toBe(5000000);
    expect(jsonText(b['units.parse_bytes']('10eib'))).toBe('11529215046068469760');
    expect(jsonText(b['units.parse_bytes']('10ei'))).toBe('11529215046068469760');
    expect(() => b['units.parse_bytes']('GB')).toThrow('no byte amount provided');
    expect(() => b['units.parse_bytes']('0.0.0')).toThrow('could not parse byte amount to a number');
    expect(() => b['units.parse_bytes'](' 1KB')).toThrow('spaces not allowed in resource strings');
  });
});

describe('numbers', () => {
  it('steps through ranges in either direction', () => {
    expect(b['numbers.range_step'](0, 10, 3)).toEqual([0, 3, 6, 9]);
    expect(b['numbers.range_step'](10, 0, 5)).toEqual([10, 5, 0]);
    expect(() => b['numbers.range_step'](0, 10, 0)).toThrow('step must be a positive number above zero');
    expect(() => b['numbers.range_step'](0.5, 10, 1)).toThrow('operand 1 must be integer number but got floating-point number');
    expect(() => b['numbers.range_step'](0, 1e12, 1)).toThrow('too large');
  });

  it('draws random integers below the bound', () => {
    for (let i = 0; i < 50; i++) {
      const n = b['rand.intn']('seed', 10) as number;
      expect(Number.isInteger(n) && n >= 0 && n < 10).toBe(true);
    }
    expect(b['rand.intn']('seed', 0)).toBe(0);
    expect(() => b['rand.intn'](1, 5)).toThrow('rand.intn: operand 1 must be string but got number');
  });
});
