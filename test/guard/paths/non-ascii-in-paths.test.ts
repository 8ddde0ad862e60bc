import { describe, expect, it } from 'vitest';
import { fillUnitTraits, lookalikeTargets, lowersToAscii, pathInert, unitTraits } from '../../../src/guard/paths/non-ascii-in-paths.js';

const traitsOf = (unit: number) => unitTraits[unit] || fillUnitTraits(unit);
const composing = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;

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

  it('takes a unit for an inert letter only when NFKC, the separator look-alikes and lower-casing all leave it non-ASCII and unchanged', () => {
    let inert = 0;
    for (let unit = 128; unit < 65536; unit++) {
      if ((traitsOf(unit) & pathInert) === 0) continue;
      inert++;
      const char = String.fromCharCode(unit);
      const ok = char.normalize('NFKC') === char && !composing.test(char) && lookalikeTargets[char] === undefined && !/[\0-\x7f]/.test(char.toLowerCase());
      if (!ok) expect.fail(`U+${unit.toString(16)}`);
    }
    expect(inert).toBeGreaterThan(30000);
    for (const char of 'жЖéß中文한') expect(traitsOf(char.charCodeAt(0)) & pathInert).not.toBe(0);
    // Look-alikes, compatibility forms, marks, Hangul jamo, surrogates, and what lowers to ASCII are not.
    for (const char of '\u3002\uff0e\u2215\uff41\uff0c\u00a0\u3000\u0301\u1161\ud800\udc00\u212a\u0130') expect(traitsOf(char.charCodeAt(0)) & pathInert).toBe(0);
  });
});
