import { describe, expect, it } from 'vitest';
import { dotInPaths, fillUnitTraits, lookalikeTargets, lowersToAscii, quietInPaths, unitTraits } from '../../../src/guard/paths/non-ascii-in-paths.js';

const traitsOf = (unit: number) => unitTraits[unit] || fillUnitTraits(unit);
/** Marks and Hangul jamo: what composes with the character before it or is reordered. */
const composing = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;
/** How a server that normalizes reads a character: NFKC, then look-alikes of separators replaced. */
const read = (char: string) => [...char.normalize('NFKC')].map((c) => lookalikeTargets[c] ?? c).join('');

describe('what non-ASCII code units can do to a path', () => {
  it('knows which lower-case to ASCII, for every code unit (surrogates counted as such)', () => {
    for (let unit = 128; unit < 65536; unit++) {
      const surrogate = unit >= 0xd800 && unit <= 0xdfff;
      const expected = surrogate || /[\0-\x7f]/.test(String.fromCharCode(unit).toLowerCase());
      if (((traitsOf(unit) & lowersToAscii) !== 0) !== expected) expect.fail(`U+${unit.toString(16)}`);
    }
    expect(traitsOf(0x212a) & lowersToAscii).not.toBe(0); // Kelvin sign
    expect(traitsOf(0x130) & lowersToAscii).not.toBe(0); // capital I with dot
  });

  it('takes a unit for quiet only when it stays non-ASCII and unchanged, or becomes digits, space or harmless punctuation, on its own', () => {
    let quiet = 0;
    for (let unit = 128; unit < 65536; unit++) {
      if ((traitsOf(unit) & quietInPaths) === 0) continue;
      quiet++;
      const char = String.fromCharCode(unit);
      const alone = !composing.test(char) && !composing.test(char.normalize('NFKC'));
      const ok = !/[\0-\x7f]/.test(char.toLowerCase()) && alone && (read(char) === char || /^[0-9 !"#$&'()*+,:;<=>?@[\]^`{|}-]+$/.test(read(char)));
      if (!ok) expect.fail(`U+${unit.toString(16)}`);
    }
    expect(quiet).toBeGreaterThan(30000);
    for (const char of 'жЖéß中文한\uff0c\uff08\uff09\uff1a\u00a0\u3000\u2474') expect(traitsOf(char.charCodeAt(0)) & quietInPaths).not.toBe(0);
    // Look-alikes, letters and dots in compatibility forms, marks, Hangul jamo, surrogates, and what lowers to ASCII are not.
    for (const char of '\u3002\uff0e\u2215\uff0f\uff41\uff05\uff3f\u2025\u2026\u0301\u1161\ud800\udc00\u212a\u0130') expect(traitsOf(char.charCodeAt(0)) & quietInPaths).toBe(0);
  });

  it('knows the units that become a dot on their own', () => {
    const dots: string[] = [];
    for (let unit = 128; unit < 65536; unit++) if ((traitsOf(unit) & dotInPaths) !== 0) dots.push(String.fromCharCode(unit));
    for (const char of dots) expect(read(char)).toBe('.');
    expect(dots).toEqual(expect.arrayContaining(['\u3002', '\uff0e', '\ufe52', '\u2024']));
  });
});
