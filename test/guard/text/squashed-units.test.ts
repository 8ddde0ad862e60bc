import { describe, expect, it } from 'vitest';
import { codeUnits } from '../../../src/guard/text/code-units.js';
import { squashedText, squashedUnits } from '../../../src/guard/text/squashed-letters.js';

const reference = (text: string, start: number, end: number) => text.slice(start, end).toLowerCase().replace(/[^a-z]+/g, '');

describe('squashedUnits', () => {
  it('squashes windows starting and ending at odd and even positions, in short and long texts', () => {
    let seed = 23;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Z', ' ', '1', 'é', '\u0130', '\u212a', '\ud800', '\udc00', '\u{1D41A}', 'Ж', '\r\n'];
    for (const length of [0, 1, 2, 3, 17, 5000]) {
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const units = codeUnits(text);
      for (let k = 0; k < 40; k++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = start + Math.floor(random() * (text.length - start + 1));
        expect(squashedUnits(units, start, end), `${length}: [${start}, ${end})`).toBe(reference(text, start, end));
      }
    }
  });

  it('squashes every window of a short text, whatever its start and length (units are read four at a time)', () => {
    const text = 'aB1 \u0130c\u212aD\r\nÉf\ud800g';
    const units = codeUnits(text);
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= text.length; end++) expect(squashedUnits(units, start, end), `[${start}, ${end})`).toBe(reference(text, start, end));
    }
  });
});

describe('squashedText', () => {
  it('squashes a whole text as squashedUnits does, whatever its units', () => {
    let seed = 31;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Z', 'q', '@', '[', '`', '{', ' ', '1', 'é', '\u0130', '\u212a', '\u0131', '\u017f', '\ud800', '\udc00', '\u{1D41A}', 'Ж', '\r\n', '\u0161', '\u0041\u0301'];
    for (const length of [0, 1, 7, 8, 9, 5000]) {
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(squashedText(text), `${length}`).toBe(reference(text, 0, text.length));
    }
  });

  it('squashes windows of a long text starting and ending anywhere', () => {
    let seed = 37;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Z', ' ', '1', 'é', '\u0130', '\u212a', '\ud800', 'Ж', '\r\n'];
    const text = Array.from({ length: 6000 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    for (let k = 0; k < 60; k++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = start + Math.floor(random() * (text.length - start + 1));
      expect(squashedText(text, start, end), `[${start}, ${end})`).toBe(reference(text, start, end));
    }
  });
});
