import { describe, expect, it } from 'vitest';
import { asciiSet, charRuns, nextNonAsciiOrIn } from '../../../src/guard/text/char-runs.js';
import { codeUnits, unitPairs } from '../../../src/guard/text/code-units.js';

const set = asciiSet('A-Za-z0-9+/_-');

/** The obvious one-character-at-a-time scan the skip loop must agree with. */
function reference(text: string, minLength: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 128;
    if (c < 128 && set[c] === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= minLength) runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

describe('charRuns', () => {
  it('finds the same maximal runs as a character-by-character scan', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'aZ9+/_- .:\n=é\ud800';
    for (let n = 0; n < 300; n++) {
      const length = Math.floor(random() * 400);
      // Runs of varied length: mostly run characters, separators now and then.
      const text = Array.from({ length }, () => (random() < 0.93 ? alphabet[Math.floor(random() * 7)] : alphabet[7 + Math.floor(random() * 7)])).join('');
      for (const minLength of [1, 5, 20, 23, 24, 32]) expect(charRuns(text, set, minLength), `${JSON.stringify(text)} ${minLength}`).toEqual(reference(text, minLength));
    }
  });

  it('follows long runs to their exact end, whatever their length and whatever stops them', () => {
    // Non-ASCII units whose low seven bits spell run characters ("A", "a", "9"), lone surrogates, CRLF.
    const stoppers = ['\u0141', '\u0161', '\u0139', '\ud800', '\udc00', '\r\n', ' ', '=', '\u00e9'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 40; n++) {
      const parts: string[] = [];
      while (parts.join('').length < 20_000) parts.push('aZ9+/_-'.repeat(50).slice(Math.floor(random() * 7), 20 + Math.floor(random() * 300)), stoppers[Math.floor(random() * stoppers.length)]);
      const text = (random() < 0.5 ? 'x' : '') + parts.join('');
      for (const minLength of [20, 24]) expect(charRuns(text, set, minLength, { cache: false }), `case ${n}`).toEqual(reference(text, minLength));
    }
  });

  it('reads units past ASCII, NUL and lone surrogates as outside the set in the eight-unit kernels, runs at both ends included', () => {
    // Units whose low byte, or whose byte when narrowed, is a character of the set; NUL; a full-width digit.
    const outside = ['\u0141', '\u0130', '\uff10', '\u8030', '\u0000', '\u00e9', '\ud800', '\udc41', '\r\n', '\u0161\u0161\u0161\u0161\u0161\u0161\u0161\u0161'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 30; n++) {
      // Long enough for the kernels (shorter texts are scanned in JavaScript).
      const parts: string[] = [];
      for (let length = 0; length < 17_000; length += parts[parts.length - 2].length + 1) parts.push('aZ9+/_-'.repeat(20).slice(0, Math.floor(random() * 30)), outside[Math.floor(random() * outside.length)]);
      const text = parts.join('');
      for (const minLength of [8, 9, 15, 16, 17, 20, 32]) expect(charRuns(text, set, minLength, { cache: false }), `${JSON.stringify(text)} ${minLength}`).toEqual(reference(text, minLength));
    }
    expect(charRuns('a'.repeat(20_000), set, 8, { cache: false })).toEqual([[0, 20_000]]);
    expect(charRuns(`aaaaaaa\u0000${'a'.repeat(20_000)}`, set, 8, { cache: false })).toEqual([[8, 20_008]]);
    expect(charRuns(`${'\u0141'.repeat(20_000)}aaaaaaaa`, set, 8, { cache: false })).toEqual([[20_000, 20_008]]);
  });

  it('refuses a set holding NUL for the kernels', () => {
    expect(() => charRuns('x'.repeat(20_000), asciiSet('\u0000-z'), 8, { cache: false })).toThrow(/NUL/);
  });

  it('handles runs at both ends and exactly the minimum length', () => {
    const text = `${'a'.repeat(24)} ${'b'.repeat(23)} ${'c'.repeat(30)}`;
    expect(charRuns(text, set, 24)).toEqual([[0, 24], [49, 79]]);
    expect(charRuns('', set, 24)).toEqual([]);
  });

  it('answers every minimum from one cached scan, and a new text or set replaces it', () => {
    const text = `${'a'.repeat(20)}.${'b'.repeat(24)}.${'c'.repeat(32)}`;
    expect(charRuns(text, set, 32)).toEqual([[46, 78]]);
    expect(charRuns(text, set, 20)).toEqual([[0, 20], [21, 45], [46, 78]]);
    expect(charRuns(text, set, 24)).toEqual([[21, 45], [46, 78]]);
    expect(charRuns(`${text}.`, asciiSet('a'), 20)).toEqual([[0, 20]]);
    expect(charRuns(text, set, 24, { cache: false })).toEqual([[21, 45], [46, 78]]);
  });
});

describe('nextNonAsciiOrIn', () => {
  it('finds the first unit in the set or outside ASCII from any position, at odd and even places, odd lengths included', () => {
    const set = asciiSet('/_');
    for (const text of ['', 'a', '/', 'ab/cd_e', 'abcdéf', 'abc\ud800', 'x'.repeat(9) + '_', 'plain words only']) {
      const units = codeUnits(text);
      for (let from = 0; from <= text.length; from++) {
        const expected = [...Array(text.length).keys()].find((i) => i >= from && (text.charCodeAt(i) >= 128 || '/_'.includes(text[i])));
        expect(nextNonAsciiOrIn(set, units, unitPairs(units), from)).toBe(expected ?? text.length);
      }
    }
  });
});
