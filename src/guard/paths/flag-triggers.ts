import { maySegmentStartSensitiveLocation } from '../detectors/sensitive-locations.js';
import { isAsciiLetter, nibbleTable } from '../text/char-runs.js';
import { kernel, kernelMemory, loadText, readInt32s, reserveTable, scratchAddress } from '../text/kernels/kernel-memory.js';
import { dotInPaths, fillUnitTraits, quietInPaths, unitTraits } from './non-ascii-in-paths.js';
import { sensitiveSegmentStarts } from './sensitive-segment-starts.js';

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

const codeCount = 1 << codeBits;
const isBoundary = (code: number) => code === wordEnd || code === quote || code === slash;
const nonAsciiCodes = [other, anywhere, unfilled, dotLookalike];

/** Per code: whether it is a trigger after some unit that is not a boundary, after some boundary, and the codes that may follow it there. */
const afterOther = new Uint8Array(codeCount);
const afterBoundary = new Uint8Array(codeCount);
const boundarySeconds = Array.from({ length: codeCount }, () => new Set<number>());
for (let before = 0; before < codeCount; before++) {
  for (let code = 0; code < codeCount; code++) {
    for (let after = 0; after < codeCount; after++) {
      if (triggerTable[(before << (2 * codeBits)) | (code << codeBits) | after] !== 1) continue;
      if (!isBoundary(before)) afterOther[code] = 1;
      else {
        afterBoundary[code] = 1;
        boundarySeconds[code].add(after);
      }
    }
  }
}

const allCodes = Array.from({ length: codeCount }, (_, code) => code);
/** Codes that are a trigger after a unit that is not a boundary. */
const selfCodes = new Set(allCodes.filter((code) => afterOther[code] === 1));
/** The other codes that are a trigger after a boundary. */
const firstCodes = allCodes.filter((code) => !selfCodes.has(code) && afterBoundary[code] === 1);
const letterCodes = new Set(Array.from(letters, letterCode));
/** The codes that may follow a trigger of code `code` after a boundary. */
const secondsOf = (code: number) => allCodes.filter((after) => boundarySeconds[code].has(after));
/** First codes of letters, a trigger only as the first of a pair of letters (`etc`, `fi`), and the others ("."), a trigger before most units. */
const pairFirstCodes = firstCodes.filter((code) => letterCodes.has(code));
const loneFirstCodes = new Set(firstCodes.filter((code) => !letterCodes.has(code)));
// The kernel looks for the pairs among ASCII letters only, folded to lower case.
if (pairFirstCodes.some((code) => secondsOf(code).some((after) => !letterCodes.has(after)))) throw new Error('a letter may start a trigger pair only with a letter');
for (let unit = 97; unit <= 122; unit++) if (unitCode[unit] !== unitCode[unit - 32]) throw new Error('letters must have one code in either case');
// The kernel takes every non-ASCII unit for a candidate of its own, never for a boundary.
if (nonAsciiCodes.some(isBoundary)) throw new Error('a non-ASCII unit cannot be a boundary');

/** The nibble table (as the kernel reads it) of the ASCII units whose code is in `codes`. */
const nibbleTableOfCodes = (codes: Set<number>) => nibbleTable((unit) => codes.has(unitCode[unit]));

/**
 * A bit per group of pair first codes with the same seconds (at most 8),
 * and per code the bits of the first codes it may follow as a second: a
 * pair may start a trigger when the bits of its two codes meet.
 */
const pairGroups = [...new Set(pairFirstCodes.map((code) => secondsOf(code).join()))];
if (pairGroups.length > 8) throw new Error('at most 8 groups of trigger pairs');
const pairFirstBits = new Map(pairFirstCodes.map((code) => [code, 1 << pairGroups.indexOf(secondsOf(code).join())]));
const pairSecondBits = new Map<number, number>();
for (const code of pairFirstCodes) for (const after of secondsOf(code)) pairSecondBits.set(after, (pairSecondBits.get(after) ?? 0) | pairFirstBits.get(code)!);

/** The bits of the lower-case letters of high nibble `high` (6 or 7), at their low nibble. */
function letterTable(high: number, bits: Map<number, number>): Uint8Array {
  const table = new Uint8Array(16);
  for (let low = 0; low < 16; low++) {
    const unit = (high << 4) | low;
    if (unit >= 97 && unit <= 122) table[low] = bits.get(unitCode[unit]) ?? 0;
  }
  return table;
}

/**
 * The kernel's candidate classes (paths-kernels.as.ts): the nibble tables
 * of the self, boundary and lone first classes of ASCII units (units from
 * 0x8000 on narrow to NUL there, which is in the self class), then the
 * pair bits of the letters as first and as second, each for high nibbles 6
 * and 7.
 */
const candidateClasses = new Uint8Array(112);
candidateClasses.set(nibbleTableOfCodes(selfCodes), 0);
candidateClasses.set(nibbleTableOfCodes(new Set([wordEnd, quote, slash])), 16);
candidateClasses.set(nibbleTableOfCodes(loneFirstCodes), 32);
candidateClasses.set(letterTable(6, pairFirstBits), 48);
candidateClasses.set(letterTable(7, pairFirstBits), 64);
candidateClasses.set(letterTable(6, pairSecondBits), 80);
candidateClasses.set(letterTable(7, pairSecondBits), 96);
if (!selfCodes.has(unitCode[0])) throw new Error('NUL must be a candidate of its own');

/**
 * At `(code << codeBits) | after` for the codes of a pair of letters that
 * starts one of `sensitiveSegmentStarts`: the third unit of that start (its
 * letters matched in either case), 0 for any other pair. A letter is not
 * taken for a trigger where the third unit differs: the shell path words
 * would set it aside (`letterMayStartFlaggableSegment`).
 */
const thirdUnits = new Uint8Array(1 << (2 * codeBits));
for (const start of sensitiveSegmentStarts) {
  const [a, b] = [start.charCodeAt(0), start.charCodeAt(1)];
  // `fi` (a `file:` URL) is a trigger whatever follows; so is a start of another kind (`_netrc`).
  if (!isAsciiLetter(a) || !isAsciiLetter(b) || (start[0] === 'f' && start[1] === 'i')) continue;
  thirdUnits[(unitCode[a] << codeBits) | unitCode[b]] = start.charCodeAt(2);
}

// The kernel skips the candidates of code `other` without a look at their neighbours.
if (afterOther[other] === 1 || afterBoundary[other] === 1) throw new Error('a unit of code other cannot be a trigger');

/**
 * A bit per code unit (bit `unit & 7` of byte `unit >> 3`): the non-ASCII
 * units of code `other` (quiet ones in filled blocks), then the start and
 * length (u16, little-endian) of the longest run of whole blocks of such
 * units: the kernel takes neither for candidates.
 */
const quietUnits = new Uint8Array(8192 + 4);

/** The kernel's copies of `unitCode`, right after it `triggerTable`, then `candidateClasses` and `quietUnits` (paths-kernels.as.ts), written again as blocks are filled. */
const codesOffset = 0;
const thirdsOffset = 65536 + triggerTable.length + candidateClasses.length;
const quietOffset = thirdsOffset + thirdUnits.length;
const tablesAddress = reserveTable(quietOffset + quietUnits.length, writeTables);
writeTables(new DataView(kernelMemory(0)));

function writeTables(memory: DataView): void {
  const bytes = new Uint8Array(memory.buffer);
  bytes.set(unitCode, tablesAddress + codesOffset);
  bytes.set(triggerTable, tablesAddress + 65536);
  bytes.set(candidateClasses, tablesAddress + 65536 + triggerTable.length);
  bytes.set(thirdUnits, tablesAddress + thirdsOffset);
  bytes.set(quietUnits, tablesAddress + quietOffset);
}

/** Whether every unit of the block is non-ASCII of code `other`. */
function isQuietBlock(block: number): boolean {
  for (let k = 0; k < 32; k++) if (quietUnits[block * 32 + k] !== 0xff) return false;
  return true;
}

/** Sets the longest run of quiet blocks in `quietUnits` and the kernel's copy. */
function markLongestQuietRun(): void {
  let longest = { start: 0, length: 0 };
  for (let start = 0; start < 256; start++) {
    let end = start;
    while (end < 256 && isQuietBlock(end)) end++;
    if (end - start > longest.length) longest = { start, length: end - start };
    start = end;
  }
  const view = new DataView(quietUnits.buffer);
  view.setUint16(8192, longest.start * 256, true);
  // 65535 units at most, in a u16.
  view.setUint16(8194, Math.min(longest.length * 256, 65535), true);
  new Uint8Array(kernelMemory(0)).set(quietUnits.subarray(8192), tablesAddress + quietOffset + 8192);
}

/** Gives the units of the block their codes and quiet bits, in the kernel's copy too. */
function fillBlock(block: number): void {
  const first = block << 8;
  for (let i = Math.max(first, 128); i < first + 256; i++) {
    const traits = unitTraits[i] || fillUnitTraits(i);
    unitCode[i] = (traits & quietInPaths) !== 0 ? other : (traits & dotInPaths) !== 0 ? dotLookalike : anywhere;
    if (unitCode[i] === other) quietUnits[i >> 3] |= 1 << (i & 7);
  }
  const memory = new Uint8Array(kernelMemory(0));
  memory.set(unitCode.subarray(first, first + 256), tablesAddress + codesOffset + first);
  memory.set(quietUnits.subarray(first >> 3, (first >> 3) + 32), tablesAddress + quietOffset + (first >> 3));
}

function isUnfilledBlock(block: number): boolean {
  return unitCode[Math.max(block << 8, 128)] === unfilled;
}

/** Unfilled blocks between two quiet ones that are filled together (ideographs a text does not use), so the run of quiet blocks spans them. */
const bridgedGap = 4;

/** Fills the unfilled blocks (at most `bridgedGap`) between the quiet `block` and the next filled block in direction `step`, when that one is quiet. */
function bridgeGap(block: number, step: number): void {
  let beyond = block + step;
  while (beyond >= 0 && beyond < 256 && Math.abs(beyond - block) <= bridgedGap && isUnfilledBlock(beyond)) beyond += step;
  if (beyond < 0 || beyond >= 256 || Math.abs(beyond - block) > bridgedGap || !isQuietBlock(beyond)) return;
  for (let between = block + step; between !== beyond; between += step) fillBlock(between);
}

const flagTriggers = kernel<(tables: number, units: number, from: number, end: number, neighbours: number, out: number, limit: number) => number>('flagTriggers');

/** Gives the units of the block of `unit` their codes, in the kernel's copy too. */
export function fillFlagCodes(unit: number): void {
  const block = unit >> 8;
  fillBlock(block);
  if (isQuietBlock(block)) {
    bridgeGap(block, -1);
    bridgeGap(block, 1);
  }
  markLongestQuietRun();
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
    this.count = flagTriggers(tablesAddress, unitsAddress, start, end, before | (after << 8) | (isBoundary(before) ? 1 << 16 : 0), out, batch);
    readInt32s(out, this.count, this.found);
    this.index = 0;
    this.scannedUntil = this.count === batch ? this.found[batch - 1] + 1 : end;
  }
}
