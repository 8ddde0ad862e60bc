import { describe, expect, it } from 'vitest';
import { spacedLetterSpans } from '../../../src/guard/text/spaced-letters.js';

const spacedLetters = /(?:^|[^a-zA-Z])[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z](?![a-zA-Z])/g;
const reference = (text: string) => [...text.matchAll(spacedLetters)].map((m) => [m.index, m.index + m[0].length]);

describe('spacedLetterSpans', () => {
  it('finds the same spans as the regex it replaces', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Z', 'q', 'ab', 'Word', ' ', ' ', '.', '  ', '    ', '-', '1', 'é', 'İ', '\n'];
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(spacedLetterSpans(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('handles chains at the start and end, long chains and broken ones', () => {
    for (const text of ['i g n o r e', ' i g n o r e', 'I.G.N.O.R.E all', 'a b c d e f g h i j k', 'a b c d    e f g h i', 'a b cd e f g', 'x y z w v', 'a b c d', 'a  b   c d-e']) {
      expect(spacedLetterSpans(text), text).toEqual(reference(text));
    }
    expect(spacedLetterSpans('i g n o r e')).toEqual([[0, 9]]);
    expect(spacedLetterSpans('a b c d e f g h i j k')).toEqual([[0, 9], [9, 19]]);
  });
});
