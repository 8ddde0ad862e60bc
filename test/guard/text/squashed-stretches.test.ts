import { describe, expect, it } from 'vitest';
import { squashedStretches, squashedText } from '../../../src/guard/text/squashed-letters.js';

describe('squashedStretches', () => {
  it('squashes each stretch of a long text as squashing it alone does', () => {
    let seed = 61;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Q', ' ', '7', '-', '\r\n', 'й', '\u0130', '\u212a', '\ud83d', '\ude00', 'prompt', 'r u l e s'];
    for (let n = 0; n < 20; n++) {
      const text = Array.from({ length: 3000 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const stretches: Array<[number, number]> = [];
      for (let at = Math.floor(random() * 50); at < text.length; ) {
        const end = Math.min(text.length, at + Math.floor(random() * 900));
        stretches.push([at, end]);
        at = end + Math.floor(random() * 3 * (random() < 0.5 ? 0 : 400));
      }
      const squashed = squashedStretches(text, stretches);
      expect(squashed).toEqual(stretches.map(([start, end]) => squashedText(text, start, end)));
    }
  });

  it('gives an empty string for a stretch without letters or of no length, and nothing for no stretches', () => {
    const text = `${'1'.repeat(5000)}AbC${'-'.repeat(5000)}`;
    expect(squashedStretches(text, [[0, 10], [10, 10], [4999, 5004], [text.length, text.length]])).toEqual(['', '', 'abc', '']);
    expect(squashedStretches(text, [])).toEqual([]);
  });
});
