import { maySegmentStartSensitiveLocation } from '../detectors/sensitive-locations.js';
import { kernel, kernelMemory, loadText, readInt32s, reserveTable, scratchAddress } from '../text/kernels/kernel-memory.js';
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

/** The kernel's copies of `unitCode` and, right after it, `triggerTable` (paths-kernels.as.ts), written again as blocks are filled. */
const tablesAddress = reserveTable(65536 + triggerTable.length, writeTables);
writeTables(new DataView(kernelMemory(0)));

function writeTables(memory: DataView): void {
  const bytes = new Uint8Array(memory.buffer);
  bytes.set(unitCode, tablesAddress);
  bytes.set(triggerTable, tablesAddress + 65536);
}

const flagTriggers = kernel<(tables: number, units: number, from: number, end: number, neighbours: number, out: number, limit: number) => number>('flagTriggers');

/** Gives the units of the block of `unit` their codes, in the kernel's copy too. */
export function fillFlagCodes(unit: number): void {
  const first = unit & 0xff00;
  for (let i = Math.max(first, 128); i < first + 256; i++) {
    const traits = unitTraits[i] || fillUnitTraits(i);
    unitCode[i] = (traits & quietInPaths) !== 0 ? other : (traits & dotInPaths) !== 0 ? dotLookalike : anywhere;
  }
  new Uint8Array(kernelMemory(0)).set(unitCode.subarray(first, first + 256), tablesAddress + first);
}

/** Whether the unit's block has no codes yet (`fillFlagCodes` gives them). */
export function isUnfilled(unit: number): boolean {
  return unitCode[unit] === unfilled;
}

/** Positions the kernel hands over per call. */
const batch = 4096;
/**
 * Units the kernel looks through per call at most: a word found from a
 * trigger is skipped whole, so a long one (base64) is not looked through
 * ahead of time.
 */
const stretch = 65536;

/**
 * The units of a text that may make their shell word flaggable, in order:
 * a unit is one when `triggerTable` says so for the codes of it and its two
 * neighbours (the ends of the text count as units that end words). The
 * kernel finds them a batch at a time, about twice as fast as the same loop
 * in JavaScript.
 */
export class FlagTriggers {
  private readonly found = new Int32Array(batch);
  private count = 0;
  private index = 0;
  /** Every trigger before this position is in `found` or was asked for already. */
  private scannedUntil = 0;

  constructor(
    private readonly text: string,
    private readonly units: Uint16Array,
  ) {}

  /** The first trigger at or after `from` (`units.length` when there is none); `from` may only grow from one call to the next. */
  next(from: number): number {
    for (;;) {
      while (this.index < this.count && this.found[this.index] < from) this.index++;
      if (this.index < this.count) return this.found[this.index];
      if (this.scannedUntil >= this.units.length) return this.units.length;
      this.scan(Math.max(from, this.scannedUntil));
    }
  }

  /** Looks again from `position` on, after `fillFlagCodes` gave the unit there its code. */
  restartAt(position: number): void {
    this.count = 0;
    this.index = 0;
    this.scannedUntil = position;
  }

  private scan(start: number): void {
    const { units } = this;
    // Only what a unit starts after matters of the one before `start`, which was looked at already.
    let before = start === 0 ? wordEnd : unitCode[units[start - 1]];
    if (before !== wordEnd && before !== quote && before !== slash) before = other;
    const end = Math.min(units.length, start + stretch);
    const after = end < units.length ? unitCode[units[end]] : wordEnd;
    const unitsAddress = loadText(this.text);
    const out = scratchAddress();
    kernelMemory(out + 4 * batch);
    this.count = flagTriggers(tablesAddress, unitsAddress, start, end, before | (after << 8), out, batch);
    readInt32s(out, this.count, this.found);
    this.index = 0;
    this.scannedUntil = this.count === batch ? this.found[batch - 1] + 1 : end;
  }
}
