import { isNfkcInert, simpleFold } from '../text/simple-fold.js';

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
 * The non-ASCII unit never makes a shell word one the path detectors could
 * flag, wherever it stands: lower-casing keeps it non-ASCII, and NFKC with
 * the separator look-alikes replaced either leaves it as it is (and any run
 * of such units: `isNfkcInert`), or turns it, whatever stands around it
 * (a simple character: `simpleFold`), into ASCII that plays no part in a
 * traversal or a sensitive name: digits, space, punctuation other than
 * `. / \ % _ ~` (the fullwidth comma and brackets of CJK text).
 */
export const quietInPaths = 2;
/**
 * The non-ASCII unit becomes "." under NFKC or as a look-alike, whatever
 * stands around it (the ideographic full stop): it matters only where it
 * starts a path segment (a hidden file, ".."), as a "." would.
 */
export const dotInPaths = 8;
const known = 4;
const ascii = /[\0-\x7f]/;
const quietAscii = /^[0-9 !"#$&'()*+,:;<=>?@[\]^`{|}-]+$/;

/**
 * Per code unit: its `lowersToAscii`, `quietInPaths` and `dotInPaths` bits,
 * or 0 until its block of 256 units is filled. Read as
 * `unitTraits[unit] || fillUnitTraits(unit)` right in the scan loops: a
 * typed-array read inlines where a call may not.
 */
export const unitTraits = new Uint8Array(65536);

/** The traits of one code unit, worked out with the Unicode algorithms. */
function traitsOf(unit: number): number {
  // A lone surrogate lowers as itself, but a pair lowers as one character: treated as possibly ASCII.
  const surrogate = unit >= 0xd800 && unit <= 0xdfff;
  const char = String.fromCharCode(unit);
  const lowers = surrogate || ascii.test(char.toLowerCase());
  if (unit < 128 || lowers) return known | (lowers ? lowersToAscii : 0);
  const read = char.normalize('NFKC').replace(separatorLookalikes, (c) => lookalikeTargets[c]);
  const inert = read === char && isNfkcInert(unit);
  const simple = simpleFold(unit) !== undefined;
  const quiet = inert || (simple && quietAscii.test(read));
  const dot = simple && read === '.';
  return known | (quiet ? quietInPaths : 0) | (dot ? dotInPaths : 0);
}

/** Fills the block of `unit` in `unitTraits` and returns the traits of `unit`. */
export function fillUnitTraits(unit: number): number {
  const first = unit & 0xff00;
  for (let i = first; i < first + 256; i++) unitTraits[i] = traitsOf(i);
  return unitTraits[unit];
}
