import { describe, expect, it } from 'vitest';
import { PrefixIndex } from '../../../src/guard/patterns/secrets/run-prefixes.js';
import { asciiSet, charRuns } from '../../../src/guard/text/char-runs.js';

const set = asciiSet('A-Za-z0-9+/_-');
const groups = [['sk-'], ['sk-ant-'], ['ghp_', 'github_pat_'], ['AKIA', 'ASIA']];

/** Every occurrence of each group's prefixes inside a run, found with indexOf. */
function reference(text: string, runs: Array<[number, number]>): number[][] {
  return groups.map((prefixes) => {
    const found: number[] = [];
    for (const prefix of prefixes) {
      for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
        if (runs.some(([start, end]) => at >= start && at + prefix.length <= end)) found.push(at);
      }
    }
    return found.sort((a, b) => a - b);
  });
}

describe('PrefixIndex', () => {
  const index = new PrefixIndex(groups);

  it('finds every prefix inside the runs, overlapping and repeated ones included, and none outside them', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['sk-', 'sk-ant-', 'ssk-', 'ghp_', 'gh', 'github_pat_', 'AKIA', 'ASIASIA', 'AK', 'x', 'Zz9', ' ', '.', 'é', '\ud800', '\n', '\r\n', 'sk'];
    for (let n = 0; n < 400; n++) {
      const text = Array.from({ length: Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      for (const minLength of [1, 4, 20]) {
        const runs = charRuns(text, set, minLength, { cache: false });
        expect(index.positions(text, runs), JSON.stringify(text)).toEqual(reference(text, runs));
      }
    }
  });

  it('finds the same in long runs, read sixteen units at a time, pairs straddling them, beside units whose low byte is a prefix character', () => {
    let seed = 9;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['sk-', 'ghp_', 'github_pat_', 'AKIASIA', 'Zz9abcdefghijklmno', 'x', 's', 'k', 'g', 'A', '\u736b', '\u4b41', '\uff73', '\ud800', ' ', '\r\n'];
    for (let n = 0; n < 60; n++) {
      const text = Array.from({ length: 200 + Math.floor(random() * 200) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      for (const minLength of [1, 20]) {
        const runs = charRuns(text, set, minLength, { cache: false });
        expect(index.positions(text, runs), JSON.stringify(text)).toEqual(reference(text, runs));
      }
      for (let offset = 0; offset < 17; offset++) {
        const shifted = `${'Q'.repeat(offset)}sk-${'Q'.repeat(30 - offset)}AKIA`;
        expect(index.positions(shifted, [[0, shifted.length]]), shifted).toEqual(reference(shifted, [[0, shifted.length]]));
      }
    }
  });

  it('finds prefixes at the very start and end of the text and of a run', () => {
    const text = 'sk-ant-x ghp_ AKIA';
    expect(index.positions(text, [[0, 8], [9, 13], [14, 18]])).toEqual([[0], [0], [9], [14]]);
    expect(index.positions('sk-an.t- AKI', [[0, 5], [9, 12]])).toEqual([[0], [], [], []]);
    expect(index.positions('', [])).toEqual([[], [], [], []]);
  });

  it('gives up past the limit of places starting like a prefix, and not before', () => {
    const text = 'sk-'.repeat(10);
    const runs: Array<[number, number]> = [[0, text.length]];
    expect(index.positions(text, runs, 9)).toBeUndefined();
    expect(index.positions(text, runs, 10)?.[0]).toHaveLength(10);
  });

  it('refuses prefixes it cannot index', () => {
    expect(() => new PrefixIndex([['s']])).toThrow(/two or more ASCII/);
    expect(() => new PrefixIndex([['sé']])).toThrow(/two or more ASCII/);
  });
});
