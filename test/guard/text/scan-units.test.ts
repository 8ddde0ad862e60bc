import { describe, expect, it } from 'vitest';
import { codeUnits } from '../../../src/guard/text/code-units.js';
import { scanUnits, unitPairs } from '../../../src/guard/text/scan-units.js';

const unitsByCharCodeAt = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('scanUnits', () => {
  it('gives the code units charCodeAt gives, for short and long texts', () => {
    for (const text of ['', 'a', 'caf\u00e9 \ud800 \u{1F600}', `${'long text \udc00 '.repeat(500)}end`]) {
      expect([...scanUnits(text)]).toEqual(unitsByCharCodeAt(text));
    }
  });

  it('reads long texts through the shared cache and leaves it alone for short ones', () => {
    const long = 'x'.repeat(5000);
    const cached = codeUnits(long);
    for (let i = 0; i < 10; i++) scanUnits(`short text ${i}`);
    expect(scanUnits(long)).toBe(cached);
    expect(codeUnits(long)).toBe(cached);
  });
});

describe('unitPairs', () => {
  it('gives the units two by two, the first in the low half, for views at any offset and odd lengths', () => {
    const text = 'ab\u00e9\ud800\udc00\uffffxyz';
    const units = scanUnits(text);
    const expected = (u: Uint16Array) => Array.from({ length: u.length >> 1 }, (_, k) => u[2 * k] + u[2 * k + 1] * 65536);
    expect([...unitPairs(units)]).toEqual(expected(units));
    const shifted = units.subarray(1);
    expect([...unitPairs(shifted)]).toEqual(expected(shifted));
    expect([...unitPairs(scanUnits(''))]).toEqual([]);
    expect([...unitPairs(scanUnits('a'))]).toEqual([]);
  });
});
