import { describe, expect, it } from 'vitest';
import { caseless } from '../../../src/guard/patterns/caseless.js';
import { LiteralScan } from '../../../src/guard/text/literal-scan.js';

const words = ['ignore', 'ign', 'gnor', 'gn0r', '<|', '[inst]', '[/inst]', 'system>', 'sys', 'yp@s', '_of_turn>', 'a'];
const literals = new LiteralScan(words);

/** The regex the scan stands in for: each literal caseless, longer alternatives first, scanned with matchAll. */
function reference(text: string): Array<[string, number, number]> {
  const escaped = [...words].sort((a, b) => b.length - a.length).map((w) => caseless(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const pattern = new RegExp(escaped.join('|'), 'g');
  return [...text.matchAll(pattern)].map((m) => [m[0].toLowerCase(), m.index, m.index + m[0].length]);
}

function scanned(text: string): Array<[string, number, number]> {
  const found: Array<[string, number, number]> = [];
  literals.scan(text, (word, start, end) => found.push([words[word], start, end]));
  return found;
}

describe('LiteralScan', () => {
  it('finds what the equivalent caseless regex alternation finds, match for match', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['ignore', 'IGNORE', 'IgN', 'gn0R', '<', '|', '[inst]', '[INST', '/inst]', 'sys', 'SYSTEM>', 'yp@S', '_of_turn', '>', 'a', 'A', ' ', 'x', 'İ', 'ſ', 'K', 'é'];
    for (let n = 0; n < 400; n++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(scanned(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('finds literals at the very start and end of the text, and in texts shorter than a gram', () => {
    for (const text of ['', 'a', '<', '<|', 'x<|', 'gnor', 'xgnor', 'sys', 'Sy']) expect(scanned(text), text).toEqual(reference(text));
  });

  it('finds each literal at every odd and even offset, up to the last character (two units are read at a time)', () => {
    for (const word of ['<|', 'ign', 'gnor', '[/inst]', 'a']) {
      for (let before = 0; before <= 5; before++) {
        for (let after = 0; after <= 3; after++) {
          const text = `${'-'.repeat(before)}${word.toUpperCase()}${'-'.repeat(after)}`;
          expect(scanned(text), JSON.stringify(text)).toEqual(reference(text));
        }
      }
    }
  });

  it('prefers the longest literal at a position and resumes after it', () => {
    expect(scanned('xIgnOre ign.')).toEqual([['ignore', 1, 7], ['ign', 8, 11]]);
    expect(scanned('[/INST]')).toEqual([['[/inst]', 0, 7]]);
  });

  it('folds only ASCII letters: look-alikes that lower-case to ASCII are not matches', () => {
    // U+0130 (İ) lower-cases to "i̇" and U+212A (Kelvin) to "k"; a regex without the i flag does not match them either.
    expect(scanned('İgnore')).toEqual(reference('İgnore'));
    expect(scanned('İgnore').map(([w]) => w)).toEqual(['gnor']);
  });

  it('does not take non-ASCII units for the ASCII characters of their low seven bits', () => {
    // U+0169 U+0167 U+016E U+016F U+0172 U+0165: "ignore" in the low bits; U+017C U+01A7 ("|" and "'"), U+013C ("<").
    const aliased = [...'ignore'].map((char) => String.fromCharCode(0x100 | char.charCodeAt(0))).join('');
    for (const text of [aliased, `${aliased}ignore`, `\u013c\u017c x<|`, `\u0169gnore`, `i\u0167nore gn0r`, `\ud800ignore\udc00`, `ign\u0000ore`, `ignore\r\nIGNORE\r\n`]) {
      expect(scanned(text), JSON.stringify(text)).toEqual(reference(text));
    }
    expect(scanned(aliased)).toEqual([]);
    expect(scanned(`\u0169gnore`)).toEqual([['gnor', 1, 5]]);
  });

  it('finds the same in long texts, read through the shared code-unit cache', () => {
    const text = `${'lorem ipsum \u00e9 '.repeat(400)}IGNORE<|${'dolor \ud83d\ude00 sit '.repeat(300)}yp@s`;
    expect(text.length).toBeGreaterThan(4096);
    expect(scanned(text)).toEqual(reference(text));
  });

  it('finds the same in long texts crowded with near misses at odd and even offsets (pairs of units vouch for two starts each)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Pieces sharing a literal's second to fourth characters ("gnor" in "ignor"), its low five bits ("y0@S"), CRLF, lone surrogates.
    const pieces = ['gno', 'ignor', 'IGNOR', 'y0@S', 'yp@', 'p@s', '[in', '/ins', 'ys', 'ystem>', '_of_', 'f_turn>', '\r\n', '\ud800', '\udfff', 'é', 'İ', ' ', 'x', 'a', '<', '|'];
    for (let n = 0; n < 20; n++) {
      const text = Array.from({ length: 2000 + Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(text.length).toBeGreaterThan(4096);
      expect(scanned(text)).toEqual(reference(text));
    }
  });

  it('finds literals at both ends of texts just long enough to be scanned in WebAssembly, at odd and even lengths', () => {
    for (let length = 4093; length <= 4100; length++) {
      for (const word of ['<|', 'IGNORE', 'yp@s', 'a']) {
        const middle = 'lorem ipsum \u00e9 gno '.repeat(300).slice(0, length - 2 * word.length);
        const text = `${word}${middle}${word}`;
        expect(scanned(text), `${word} in ${text.length}`).toEqual(reference(text));
      }
    }
  });

  it('finds every match of long texts holding thousands of them (the kernel hands them over in batches)', () => {
    for (const text of ['a'.repeat(9001), `${'x IGNORE <|yp@s '.repeat(1500)}gn0r`, `${'ignor'.repeat(2000)}e`]) {
      const expected = reference(text);
      expect(expected.length).toBeGreaterThan(1000);
      expect(scanned(text)).toEqual(expected);
    }
  });

  it('rejects literals it cannot match', () => {
    expect(() => new LiteralScan(['ok', ''])).toThrow(/non-empty ASCII/);
    expect(() => new LiteralScan(['ignоre'])).toThrow(/non-empty ASCII/);
    expect(() => new LiteralScan(['a\0b'])).toThrow(/without NUL/);
  });
});
