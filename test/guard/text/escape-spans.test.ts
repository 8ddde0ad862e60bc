import { describe, expect, it } from 'vitest';
import { decodedLayers, escapeSpans } from '../../../src/guard/text/decode-escapes.js';

/** The regex the scan stands in for, run with matchAll. */
const escapeSequences = /%[0-9a-fA-F]{2}|%[uU][0-9a-fA-F]{4}|\\[xX][0-9a-fA-F]{2}|\\[uU][0-9a-fA-F]{4}/g;

describe('escapeSpans', () => {
  it('finds what the escape regex finds, on random texts dense in escape-like pieces', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['%', '\\', 'u', 'U', 'x', 'X', '2', 'e', 'F', 'g', '0', '%2', '%25', '\\x4', '%u00', '\\u202', ' ', 'é', '\uFF10'];
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const expected = [...text.matchAll(escapeSequences)].map((m) => [m.index, m.index + m[0].length]);
      found += expected.length;
      expect(escapeSpans(text), JSON.stringify(text)).toEqual(expected);
      expect(escapeSpans(text, true), JSON.stringify(text)).toEqual(expected.slice(0, 1));
    }
    expect(found).toBeGreaterThan(2000);
  });

  it('reads escapes at the very end and does not read past it', () => {
    expect(escapeSpans('a%2')).toEqual([]);
    expect(escapeSpans('a%2e')).toEqual([[1, 4]]);
    expect(escapeSpans('\\u202')).toEqual([]);
    expect(escapeSpans('%%41\\\\x41')).toEqual([[1, 4], [5, 9]]);
  });

  it('gives the spans of each text asked for in turn, the last one kept for the next caller', () => {
    const long = `${'prose with 100% of nothing '.repeat(300)}%41\\x42`;
    const spans = escapeSpans(long);
    expect(spans).toEqual([[long.length - 7, long.length - 4], [long.length - 4, long.length]]);
    expect(escapeSpans(long)).toBe(spans);
    expect(escapeSpans(long, true)).toEqual(spans.slice(0, 1));
    expect(escapeSpans('%2e%2E')).toEqual([[0, 3], [3, 6]]);
    expect(escapeSpans(`${long}`.slice(0))).toEqual(spans);
    expect(escapeSpans('no escapes')).toEqual([]);
  });

  it('decodes layer by layer while escapes remain', () => {
    expect(decodedLayers('%252e%252e%252f')).toEqual(['%2e%2e%2f', '../']);
    expect(decodedLayers('100% sure')).toEqual([]);
  });
});
