import { isNfkcInert } from '../text/simple-fold.js';

/** Look-alikes of "." and "/" that NFKC leaves alone but Windows "best fit" code pages turn into the real thing. */
export const separatorLookalikes = /[\u2215\u2044\u29F8\u2571\uFF0F\u29F5\u2216\uFE68\uFF3C\u2024\uFF0E\uFE52\u3002]/g;
export const lookalikeTargets: Record<string, string> = {
  '\u2215': '/', '\u2044': '/', '\u29F8': '/', '\u2571': '/', '\uFF0F': '/',
  '\u29F5': '\\', '\u2216': '\\', '\uFE68': '\\', '\uFF3C': '\\',
  '\u2024': '.', '\uFF0E': '.', '\uFE52': '.', '\u3002': '.',
};

/** Lower-casing the unit can give ASCII (the Kelvin sign gives "k", the dotted capital I gives "i" and a dot). Surrogates count as such. */
export const lowersToAscii = 1;
/**
 * The path detectors can take the non-ASCII unit for a letter that never
 * matters: NFKC leaves it (and any run of such units) as it is, it is no
 * look-alike of a separator, and lower-casing keeps it non-ASCII. A word
 * whose other units are ASCII has no other form than itself and names a
 * sensitive location only through its ASCII.
 */
export const pathInert = 2;
const known = 4;
const ascii = /[\0-\x7f]/;

/**
 * Per code unit: its `lowersToAscii` and `pathInert` bits, or 0 until its
 * block of 256 units is filled. Read as `unitTraits[unit] || fillUnitTraits(unit)`
 * right in the scan loops: a typed-array read inlines where a call may not.
 */
export const unitTraits = new Uint8Array(65536);

/** The traits of one code unit, worked out with the Unicode algorithms. */
function traitsOf(unit: number): number {
  // A lone surrogate lowers as itself, but a pair lowers as one character: treated as possibly ASCII.
  const surrogate = unit >= 0xd800 && unit <= 0xdfff;
  const char = String.fromCharCode(unit);
  const lowers = surrogate || ascii.test(char.toLowerCase());
  const lookalike = lookalikeTargets[char] !== undefined;
  const inert = unit >= 128 && !lowers && !lookalike && isNfkcInert(Uint16Array.of(unit), 0, 1);
  return known | (lowers ? lowersToAscii : 0) | (inert ? pathInert : 0);
}

/** Fills the block of `unit` in `unitTraits` and returns the traits of `unit`. */
export function fillUnitTraits(unit: number): number {
  const first = unit & 0xff00;
  for (let i = first; i < first + 256; i++) unitTraits[i] = traitsOf(i);
  return unitTraits[unit];
}
