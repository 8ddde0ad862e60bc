import { describe, expect, it } from 'vitest';
import { codeUnits, copyCodeUnits, unitPairs } from '../../../src/guard/text/code-units.js';

const unitsByCharCodeAt = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
const samples = ['', 'a', 'plain ASCII', 'caf\u00e9 \u00ff', '\ud800 lone high', 'lone low \udc00', '\u{1F600} astral', 'nul\0byte', '\uffff\ufeff\u200b', `${'long text \udc00 '.repeat(500)}end`];

describe('codeUnits', () => {
  it('gives the code units charCodeAt gives, lone surrogates, astral characters and NUL included, short and long', () => {
    for (const text of samples) {
      expect([...codeUnits(text)]).toEqual(unitsByCharCodeAt(text));
      expect([...copyCodeUnits(text)]).toEqual(unitsByCharCodeAt(text));
    }
  });

  it('keeps the last four long texts and the last short one; a copy is kept by nobody', () => {
    const long = Array.from({ length: 6 }, (_, i) => `${i} `.repeat(3000));
    const first = codeUnits(long[0]);
    for (let i = 0; i < 10; i++) codeUnits(`short text ${i}`);
    expect(codeUnits(long[0])).toBe(first);
    const short = codeUnits('the same short text');
    expect(codeUnits('the same short text')).toBe(short);
    for (const text of long.slice(1)) codeUnits(text);
    expect(codeUnits(long[0])).not.toBe(first);
    expect([...codeUnits(long[0])]).toEqual(unitsByCharCodeAt(long[0]));
    expect(copyCodeUnits(long[1])).not.toBe(codeUnits(long[1]));
  });

  it('keeps units handed out intact when later texts are converted', () => {
    const held = codeUnits('held text');
    for (let i = 0; i < 20; i++) codeUnits(`another text ${i}`.repeat(i * 40));
    expect(String.fromCharCode(...held)).toBe('held text');
  });
});

describe('unitPairs', () => {
  it('gives the units two by two, the first in the low half, for views at any offset and odd lengths', () => {
    const units = codeUnits('ab\u00e9\ud800\udc00\uffffxyz');
    const expected = (u: Uint16Array) => Array.from({ length: u.length >> 1 }, (_, k) => u[2 * k] + u[2 * k + 1] * 65536);
    expect([...unitPairs(units)]).toEqual(expected(units));
    const shifted = units.subarray(1);
    expect([...unitPairs(shifted)]).toEqual(expected(shifted));
    expect([...unitPairs(codeUnits(''))]).toEqual([]);
    expect([...unitPairs(codeUnits('a'))]).toEqual([]);
  });

  it('reads aligned units in place', () => {
    const units = copyCodeUnits('x'.repeat(5000));
    expect(unitPairs(units).buffer).toBe(units.buffer);
  });
});
