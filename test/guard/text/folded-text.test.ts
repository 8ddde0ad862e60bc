import { describe, expect, it } from 'vitest';
import { foldLookalikes } from '../../../src/guard/text/fold.js';
import { FoldedText } from '../../../src/guard/text/folded-text.js';

describe('FoldedText', () => {
  it('gives the slices of the folded text and maps source positions onto it', () => {
    let seed = 21;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'b ', ' ', '\n', 'ign', '\u0430', '\u2026', '\u00D7', '\u200B', 'e\u0301', '\uFF49\uFF47', '\u2019', 'é', '😀\uFE0F', '\u{1D422}'];
    for (let n = 0; n < 500; n++) {
      const source = Array.from({ length: Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const expected = foldLookalikes(source);
      const folded = new FoldedText(source);
      expect(folded.length).toBe(expected.length);
      expect(folded.toString()).toBe(expected);
      for (let k = 0; k < 10; k++) {
        const a = Math.floor(random() * (expected.length + 1));
        const b = a + Math.floor(random() * (expected.length - a + 1));
        expect(folded.slice(a, b), `${JSON.stringify(source)} [${a}, ${b})`).toBe(expected.slice(a, b));
      }
      for (let p = 0; p < source.length; p++) {
        if (source.charCodeAt(p) < 128) expect(expected[folded.fromSource(p)], `${JSON.stringify(source)} at ${p}`).toBe(source[p]);
      }
      expect(folded.fromSource(source.length)).toBe(expected.length);
    }
  });
});
