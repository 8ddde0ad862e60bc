import { describe, expect, it } from 'vitest';
import { hasLeetInWord, stringHasLeetInWord, unitsHaveLeetInWord } from '../../../src/guard/detectors/prompt-injection.js';
import { codeUnits } from '../../../src/guard/text/code-units.js';

/** The regex the loop stands in for. */
const leetInWord = /[a-zA-Z][013457@$!|]|[013457@$!|][a-zA-Z]/;

describe('hasLeetInWord', () => {
  it('answers as the leetspeak regex does, on random texts of letters, digits, symbols and non-ASCII', () => {
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'z', 'Q', '0', '1', '2', '3', '8', '@', '$', '!', '|', ' ', '-', '\n', '\r\n', 'é', '\u0131', '\ud800', '\udc00', '\uff41'];
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const expected = leetInWord.test(text);
      if (expected) found++;
      expect(hasLeetInWord(text), JSON.stringify(text)).toBe(expected);
    }
    expect(found).toBeGreaterThan(500);
  });

  it('finds a stand-in at either end of the text and not across other characters', () => {
    expect(hasLeetInWord('1gnore')).toBe(true);
    expect(hasLeetInWord('bypa$')).toBe(true);
    expect(hasLeetInWord('version 1.0.3 at 10:45 $ 3 !')).toBe(false);
    expect(hasLeetInWord('A1 B2')).toBe(true);
    expect(hasLeetInWord('1 2 B')).toBe(false);
    expect(hasLeetInWord('é1')).toBe(false);
    expect(hasLeetInWord('')).toBe(false);
    expect(hasLeetInWord('x\r\n1 \ud8003 !\udc00')).toBe(false);
    expect(hasLeetInWord('1 1 1 1 1 1 1 1 1 1x')).toBe(true);
  });
});

describe('unitsHaveLeetInWord', () => {
  it('answers as the leetspeak regex does on the stretch, whatever lies around it', () => {
    let seed = 29;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Z', '0', '1', '3', '7', '9', '@', '$', '!', '|', ' ', '\r\n', 'é', '\u212a', '\ud800', '\udc00'];
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(random() * 16) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const start = Math.floor(random() * (text.length + 1));
      const end = start + Math.floor(random() * (text.length - start + 1));
      const expected = leetInWord.test(text.slice(start, end));
      if (expected) found++;
      expect(unitsHaveLeetInWord(codeUnits(text), start, end), JSON.stringify([text, start, end])).toBe(expected);
    }
    expect(found).toBeGreaterThan(200);
  });

  it('does not pair a stand-in with a letter just outside the stretch', () => {
    const units = codeUnits('a1b');
    expect(unitsHaveLeetInWord(units, 1, 2)).toBe(false);
    expect(unitsHaveLeetInWord(units, 0, 2)).toBe(true);
    expect(unitsHaveLeetInWord(units, 1, 3)).toBe(true);
    expect(unitsHaveLeetInWord(units, 3, 3)).toBe(false);
  });
});

describe('stringHasLeetInWord', () => {
  it('answers as the leetspeak regex does on stretches of a long text read in kernel memory, eight units a step and one by one', () => {
    let seed = 53;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Z', '0', '1', '3', '4', '5', '7', '9', '@', '$', '!', '|', ' ', '\r\n', 'é', '\u212a', '\u0130', '\ud800', '\udc00', '\u3041', '`', '{', '/'];
    const filler = 'the quick brown fox, ';
    let found = 0;
    for (let n = 0; n < 30; n++) {
      const text = `${filler.repeat(200)}${Array.from({ length: 600 }, () => pieces[Math.floor(random() * pieces.length)]).join('')}${filler.repeat(20)}`;
      expect(text.length).toBeGreaterThanOrEqual(4096);
      for (let k = 0; k < 100; k++) {
        const start = 4000 + Math.floor(random() * (text.length - 4000));
        const end = start + Math.floor(random() * Math.min(40, text.length - start + 1));
        const expected = leetInWord.test(text.slice(start, end));
        if (expected) found++;
        expect(stringHasLeetInWord(text, undefined, start, end), JSON.stringify([text.slice(start, end), start, end])).toBe(expected);
      }
    }
    expect(found).toBeGreaterThan(500);
  });

  it('finds a pair at the start, the end and across a step of eight, and none across the stretch ends', () => {
    const text = `${'-'.repeat(5000)}a1${'-'.repeat(5)}x${'-'.repeat(7)}$b${'-'.repeat(5000)}`;
    const at = text.indexOf('a1');
    expect(stringHasLeetInWord(text, undefined, at, at + 2)).toBe(true);
    expect(stringHasLeetInWord(text, undefined, at + 1, at + 20)).toBe(true);
    expect(stringHasLeetInWord(text, undefined, at + 1, at + 15)).toBe(false);
    expect(stringHasLeetInWord(text, undefined, 0, at + 1)).toBe(false);
    expect(stringHasLeetInWord(text, undefined, at - 7, at + 9)).toBe(true);
    expect(stringHasLeetInWord(text, undefined, 10, 10)).toBe(false);
    expect(stringHasLeetInWord(text, undefined, 0, text.length)).toBe(true);
  });
});
