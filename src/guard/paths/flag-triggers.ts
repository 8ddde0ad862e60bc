import { maySegmentStartSensitiveLocation } from '../detectors/sensitive-locations.js';
import { dotInPaths, fillUnitTraits, quietInPaths, unitTraits } from './non-ascii-in-paths.js';

/**
 * The units that may make a shell word one the path detectors could flag
 * without roots (see `mayBeFlagged` in shell-path-words.ts), found by one
 * scan. Such a word holds "\", NUL or a non-ASCII unit that is neither
 * quiet nor a dot (anywhere in it), a "%" that may start an escape, a "_"
 * before "c" or "d" (`application_default_credentials.json`), or starts
 * itself or a segment (after a unit that ends words, a quote or "/") with a
 * "." or a non-ASCII dot that is not the whole segment, or two units that
 * may start a sensitive location or `file:`. Each unit is given one of a few
 * codes, and whether a unit is a trigger is one lookup of the codes of it
 * and its two neighbours.
 */

/** A unit that plays no part: most letters, digits, most punctuation, quiet non-ASCII units. */
const other = 0;
/** A unit that ends words (the ends of the text count as one). */
const wordEnd = 1;
const quote = 2;
const slash = 3;
/** A unit that may make its word flaggable wherever it stands. */
const anywhere = 4;
/** A non-ASCII unit whose block is not filled yet: a trigger until it is. */
const unfilled = 5;
const dot = 6;
/** A non-ASCII unit read as ".", which may make its word flaggable where it starts a segment. */
const dotLookalike = 7;
const percent = 8;
const underscore = 9;
/** The letters of the sensitive segment starts and of "fi" (`file:`), in either case, have a code each from here on. */
const firstLetterCode = 10;
const letters = 'acdefilnprtuw';
const codeBits = 5;

/**
 * Per code unit, its code. Non-ASCII units are `unfilled` until their block
 * of 256 is filled from `unitTraits` (`fillFlagCodes`).
 */
const unitCode = new Uint8Array(65536).fill(unfilled, 128);
for (let code = 1; code <= 32; code++) unitCode[code] = wordEnd;
for (const c of ';|&<>()`') unitCode[c.charCodeAt(0)] = wordEnd;
unitCode[34] = quote;
unitCode[39] = quote;
unitCode[47] = slash;
// DEL lower-cases (| 32) like "_" in `maySegmentStartSensitiveLocation`: rare enough to be a trigger of its own.
for (const c of '\\\0\x7f') unitCode[c.charCodeAt(0)] = anywhere;
unitCode[37] = percent;
unitCode[95] = underscore;
unitCode[46] = dot;
for (let i = 0; i < letters.length; i++) {
  unitCode[letters.charCodeAt(i)] = firstLetterCode + i;
  unitCode[letters.toUpperCase().charCodeAt(i)] = firstLetterCode + i;
}

/**
 * At `(code << codeBits) | after`: 1 when some ASCII unit of code `code`
 * followed by one of code `after` may start a sensitive segment or `file:`
 * (so the entry holds for any units of the two codes).
 */
const startPairOfCodes = new Uint8Array(1 << (2 * codeBits));
for (let a = 0; a < 128; a++) {
  for (let b = 0; b < 128; b++) {
    if (maySegmentStartSensitiveLocation(a, b) || ((a | 32) === 102 && (b | 32) === 105)) startPairOfCodes[(unitCode[a] << codeBits) | unitCode[b]] = 1;
  }
}

/** The code of an ASCII letter. */
function letterCode(letter: string): number {
  return unitCode[letter.charCodeAt(0)];
}

/** The codes of the units that may follow "%" in an escape (`%HH`, `%uHHHH`): digits are `other`. */
const escapeAfterPercent = new Set([other, ...'abcdefu'.split('').map(letterCode)]);

function isTrigger(before: number, code: number, after: number): boolean {
  if (code === anywhere || code === unfilled) return true;
  if (code === percent && escapeAfterPercent.has(after)) return true;
  if (code === underscore && (after === letterCode('c') || after === letterCode('d'))) return true;
  if (before !== wordEnd && before !== quote && before !== slash) return false;
  // "." (or a look-alike) alone in its segment is dropped by normalizing, so it may flag nothing.
  if (code === dot || code === dotLookalike) return after !== slash && after !== wordEnd;
  return startPairOfCodes[(code << codeBits) | after] === 1;
}

/**
 * At `(before << 2 * codeBits) | (code << codeBits) | after`: 1 when a unit
 * of code `code` between units of codes `before` and `after` may make its
 * word flaggable. A letter followed by a non-ASCII unit needs no entry: a
 * non-ASCII unit that completes a sensitive start lowers to ASCII, which
 * makes it an `anywhere` unit.
 */
const triggerTable = new Uint8Array(1 << (3 * codeBits));
for (let code = 0; code < 1 << codeBits; code++) {
  for (let before = 0; before < 1 << codeBits; before++) {
    for (let after = 0; after < 1 << codeBits; after++) {
      triggerTable[(before << (2 * codeBits)) | (code << codeBits) | after] = isTrigger(before, code, after) ? 1 : 0;
    }
  }
}

/** Gives the units of the block of `unit` their codes. */
export function fillFlagCodes(unit: number): void {
  const first = unit & 0xff00;
  for (let i = Math.max(first, 128); i < first + 256; i++) {
    const traits = unitTraits[i] || fillUnitTraits(i);
    unitCode[i] = (traits & quietInPaths) !== 0 ? other : (traits & dotInPaths) !== 0 ? dotLookalike : anywhere;
  }
}

/** Whether the unit's block has no codes yet (`fillFlagCodes` gives them). */
export function isUnfilled(unit: number): boolean {
  return unitCode[unit] === unfilled;
}

/** Whether the unit at `i` may make its word flaggable. */
function isTriggerAt(units: Uint16Array, i: number): boolean {
  const before = i === 0 ? wordEnd : unitCode[units[i - 1]];
  const after = i + 1 < units.length ? unitCode[units[i + 1]] : wordEnd;
  return triggerTable[(before << (2 * codeBits)) | (unitCode[units[i]] << codeBits) | after] === 1;
}

/**
 * The position of the first unit at or after `from` that may make its word
 * flaggable (`units.length` when there is none). Two units are read at a
 * time from `pairs` (the same memory as 32-bit numbers, as in `nextHint`);
 * each iteration looks up the unit before the pair and the first unit of
 * the pair, each between its two neighbours. The loop holds no call (one
 * slows the whole loop down).
 */
export function nextFlagTrigger(units: Uint16Array, pairs: Uint32Array, from: number): number {
  if (from >= units.length) return units.length;
  if ((from & 1) === 1) {
    if (isTriggerAt(units, from)) return from;
    from++;
  }
  // The unit before `from` is not looked at again, only what `from` starts after: `other` and `wordEnd` are never triggers.
  let beforeLast = other;
  let last = from === 0 ? wordEnd : unitCode[units[from - 1]];
  if (last !== wordEnd && last !== quote && last !== slash) last = other;
  let k = from >> 1;
  for (; k < pairs.length; k++) {
    const pair = pairs[k];
    const low = unitCode[pair & 0xffff];
    const high = unitCode[pair >>> 16];
    const atLast = triggerTable[(beforeLast << (2 * codeBits)) | (last << codeBits) | low];
    if ((atLast | triggerTable[(last << (2 * codeBits)) | (low << codeBits) | high]) !== 0) return atLast !== 0 ? 2 * k - 1 : 2 * k;
    beforeLast = low;
    last = high;
  }
  // The last unit of the last pair, then an odd-length text's last unit, which is in no pair.
  if (2 * k - 1 >= from && isTriggerAt(units, 2 * k - 1)) return 2 * k - 1;
  return (units.length & 1) === 1 && units.length - 1 >= from && isTriggerAt(units, units.length - 1) ? units.length - 1 : units.length;
}
