import { describe, expect, it } from 'vitest';
import { DistinctWords } from '../../../src/guard/paths/distinct-words.js';
import { copyCodeUnits } from '../../../src/guard/text/code-units.js';

function distinct(text: string, ranges: Array<[number, number]>): string[] {
  const words = new DistinctWords(text, copyCodeUnits(text));
  for (const [start, end] of ranges) words.add(start, end);
  return words.words();
}

describe('distinct words of a text', () => {
  it('keeps each word once, in the order first seen, told apart by all their units', () => {
    const text = 'a/b x a/b a/c ab/ a/b\u00e9 a/b\uD800';
    expect(distinct(text, [[0, 3], [6, 9], [10, 13], [14, 17], [18, 22], [23, 27], [0, 3]])).toEqual(['a/b', 'a/c', 'ab/', 'a/b\u00e9', 'a/b\uD800']);
  });

  it('tells apart a word from its prefixes and the empty word', () => {
    expect(distinct('abc', [[0, 3], [0, 2], [0, 1], [0, 0], [1, 1], [0, 3]])).toEqual(['abc', 'ab', 'a', '']);
  });

  it('holds many words, repeated, across growing its table', () => {
    const parts = Array.from({ length: 3000 }, (_, i) => `w${i % 1000}`);
    const text = parts.join(' ');
    const ranges: Array<[number, number]> = [];
    let at = 0;
    for (const part of parts) {
      ranges.push([at, at + part.length]);
      at += part.length + 1;
    }
    expect(distinct(text, ranges)).toEqual(parts.slice(0, 1000));
  });
});
