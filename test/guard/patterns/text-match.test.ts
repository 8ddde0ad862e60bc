import { describe, expect, it } from 'vitest';
import { allMatches, matchesStartingAt } from '../../../src/guard/patterns/text-match.js';

const summary = (matches: RegExpExecArray[]) => matches.map((m) => [m.index, m[0]]);

describe('matchesStartingAt', () => {
  it('finds what the global scan finds when given every position a match can start at', () => {
    const pattern = /ab[ab]{0,3}/g;
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => 'abx'[Math.floor(random() * 3)]).join('');
      const starts = [...text.matchAll(/(?=ab)/g)].map((m) => m.index);
      expect(summary(matchesStartingAt(pattern, text, starts)), text).toEqual(summary(allMatches(pattern, text)));
    }
  });

  it('skips positions inside the previous match and leaves the pattern untouched', () => {
    const pattern = /aaa/g;
    pattern.lastIndex = 5;
    expect(summary(matchesStartingAt(pattern, 'aaaaaa', [0, 1, 2, 3]))).toEqual([[0, 'aaa'], [3, 'aaa']]);
    expect(summary(matchesStartingAt(pattern, 'aaaaaa', []))).toEqual([]);
    expect(pattern.lastIndex).toBe(5);
  });

  it('keeps capture indices when the pattern asks for them', () => {
    const [match] = matchesStartingAt(/k=(\w+)/dg, 'x k=abc', [2]);
    expect(match.indices![1]).toEqual([4, 7]);
  });
});
