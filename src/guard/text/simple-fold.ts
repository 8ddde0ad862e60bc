import { kernel, kernelMemory, loadText, reserveTable, scratchAddress } from './kernels/kernel-memory.js';
import { stripInvisible } from './invisible.js';
import { lookalikeOf } from './lookalikes.js';

/**
 * Folding non-ASCII text by table. `foldRun` (fold.ts) folds a run of
 * non-ASCII characters with Unicode algorithms: invisibles out, NFKC, lower
 * case, look-alikes replaced. For most characters that is a fixed mapping
 * that does not depend on their neighbours: a "simple" character is
 * invisible (its fold is nothing), or it is not a mark or a Hangul jamo,
 * nor is anything NFKC makes of it, and neither it nor its NFKC form is the
 * capital sigma (whose lower case depends on what follows). NFKC of a run of
 * simple characters is the concatenation of their NFKC forms, as nothing in
 * them composes with what precedes it (only marks and Hangul vowel and
 * trailing jamo do) or is reordered (only marks are), and lower-casing and
 * look-alike replacement work character by character, so the run's fold is
 * the concatenation of its characters' folds, which a table gives. Runs with
 * any other character go through `foldRun`.
 *
 * The tables are filled in blocks of 256 code units, each the first time a
 * text holds one of them (about 0.1 ms per block).
 */

const unfilled = 0;
/** The kernel's copies of `singleFolds`, `doubleFolds` and of which units `nfkcClass` calls inert (ASCII always), written block by block as `fillBlock` fills them. */
const singlesAddress = reserveTable(7 * 65536, mirrorFilledBlocks);
const doublesAddress = singlesAddress + 2 * 65536;
const inertAddress = doublesAddress + 4 * 65536;
const foldByTables = kernel<(singles: number, doubles: number, units: number, from: number, end: number, out: number, at: number) => number>('foldByTables');
const foldWritten = kernel<() => number>('foldWritten');
const nextUnlisted = kernel<(table: number, units: number, from: number, end: number) => number>('nextUnlisted');
/** The start of the run of non-ASCII units holding position `i`, and its end (before `end`), of a text loaded at `units`. */
export const nonAsciiRunStart = kernel<(units: number, i: number) => number>('nonAsciiRunStart');
export const nonAsciiRunEnd = kernel<(units: number, i: number, end: number) => number>('nonAsciiRunEnd');
/** Per code unit: `single` for a simple character folding to one code unit (`singleFolds`), `other` for one folding to another length (`otherFolds`), `notSimple` for the rest. */
const foldKind = new Uint8Array(65536);
const single = 1;
const other = 2;
const notSimple = 3;
const singleFolds = new Uint16Array(65536);
// ASCII copies itself (NUL excepted: 0 reads as "no single fold"), so the fold loop needs no test for it.
for (let unit = 1; unit < 0x80; unit++) singleFolds[unit] = unit;
const otherFolds = new Map<number, string>();
/** Per code unit NFKC changes and whose NFKC form holds nothing that composes: that form, whatever stands around the unit. */
const nfkcForms = new Map<number, string>();
/** Per code unit folding to two units, both packed (the first in the low half); 0 for any other. */
const doubleFolds = new Uint32Array(65536);
/**
 * Per code unit: `inert` when NFKC leaves any run of such units alone,
 * `changing` when NFKC changes the unit alone (then it changes any text
 * holding it: such a character never occurs in NFKC's output), else
 * `sensitive` (marks and jamo, which may compose with their neighbours, and
 * surrogates).
 */
const nfkcClass = new Uint8Array(65536);
const inert = 1;
const sensitive = 2;
const changing = 3;
/** Marks and Hangul jamo: what composes with the character before it or is reordered. */
const composing = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;
const capitalSigma = /\u03a3/;
mirrorBlock(0); // the ASCII folds

function fillBlock(block: number): void {
  for (let unit = block << 8; unit < (block + 1) << 8; unit++) {
    foldKind[unit] = notSimple;
    nfkcClass[unit] = sensitive;
    if (unit < 0x80) nfkcClass[unit] = inert;
    if (unit < 0x80 || (unit >= 0xd800 && unit <= 0xdfff)) continue; // surrogates: characters outside the BMP are not simple
    const char = String.fromCharCode(unit);
    const normalized = char.normalize('NFKC');
    const composes = composing.test(char) || composing.test(normalized);
    if (normalized !== char) nfkcClass[unit] = changing;
    else if (!composes) nfkcClass[unit] = inert;
    if (normalized !== char && !composes) nfkcForms.set(unit, normalized);
    const invisible = stripInvisible(char) === '';
    if (!invisible && (composes || capitalSigma.test(normalized))) continue;
    let folded = '';
    if (!invisible) for (const lower of normalized.toLowerCase()) folded += lookalikeOf.get(lower) ?? lower;
    if (folded.length === 1) {
      foldKind[unit] = single;
      singleFolds[unit] = folded.charCodeAt(0);
    } else {
      foldKind[unit] = other;
      otherFolds.set(unit, folded);
      if (folded.length === 2) doubleFolds[unit] = folded.charCodeAt(0) | (folded.charCodeAt(1) << 16);
    }
  }
  mirrorBlock(block);
}

function mirrorFilledBlocks(memory: DataView): void {
  for (let block = 0; block < 256; block++) if (block === 0 || foldKind[block << 8] !== unfilled) mirrorBlock(block, memory);
}

function mirrorBlock(block: number, memory: DataView = new DataView(kernelMemory(0))): void {
  for (let unit = block << 8; unit < (block + 1) << 8; unit++) {
    memory.setUint16(singlesAddress + 2 * unit, singleFolds[unit], true);
    memory.setUint32(doublesAddress + 4 * unit, doubleFolds[unit], true);
    memory.setUint8(inertAddress + unit, unit < 0x80 || nfkcClass[unit] === inert ? 1 : 0);
  }
}

function kindOf(unit: number): number {
  if (foldKind[unit] === unfilled) fillBlock(unit >> 8);
  return foldKind[unit];
}

/** The fold of a non-ASCII code unit when it is a simple character, else undefined. */
export function simpleFold(unit: number): string | undefined {
  const kind = kindOf(unit);
  return kind === single ? String.fromCharCode(singleFolds[unit]) : kind === other ? otherFolds.get(unit) : undefined;
}

/** Whether NFKC leaves any run of non-ASCII units like `unit` alone (true only where that is sure without normalizing). */
export function isNfkcInert(unit: number): boolean {
  if (nfkcClass[unit] === unfilled) fillBlock(unit >> 8);
  return nfkcClass[unit] === inert;
}

/**
 * The first position from `from` on (before `end`) of a non-ASCII code unit
 * of `text` that NFKC may change, alone or with its neighbours (`end` when
 * there is none): a run of non-ASCII units without one is left as it is by
 * NFKC.
 * `units` is the address `loadText(text)` gave (asked once, not per call: it
 * compares the texts). Found by the kernel `nextUnlisted` over the units it
 * does not know to be inert; those of blocks not filled yet are filled here.
 */
export function nextNfkcSensitive(text: string, units: number, from: number, end = text.length): number {
  for (let i = nextUnlisted(inertAddress, units, from, end); ; i = nextUnlisted(inertAddress, units, i, end)) {
    if (i === end || nfkcClass[text.charCodeAt(i)] !== unfilled) return i;
    fillBlock(text.charCodeAt(i) >> 8);
  }
}

/** Whether NFKC surely changes `units[start, end)`: a unit there changes alone (`false` tells nothing). */
export function nfkcSurelyChanges(units: Uint16Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (nfkcClass[units[i]] === changing) return true;
  return false;
}

/**
 * `text.slice(start, end).normalize('NFKC')`, normalizing only around the
 * units NFKC may change (`loaded`: the address `loadText(text)` gave). NFKC
 * can be split before any inert unit: it is a starter that composes with
 * nothing before it. So each run of other units is normalized with the unit
 * before it (a mark may compose with it), and everything else is copied; a
 * run of one unit whose NFKC form holds nothing that composes is replaced by
 * that form without normalizing. A slice dense in such runs is normalized
 * whole.
 */
export function normalizedSlice(text: string, loaded: number, start: number, end: number): string {
  const pieces: string[] = [];
  let copied = start;
  for (let at = nextNfkcSensitive(text, loaded, start, end); at < end; at = nextNfkcSensitive(text, loaded, copied, end)) {
    // Where such runs come more often than one per sixteen units (full-width words), normalizing the whole slice at once is cheaper.
    if (pieces.length > ((at - start) >> 3) + 32) return text.slice(start, end).normalize('NFKC');
    const runEnd = nextInert(text, at + 1, end);
    const form = runEnd === at + 1 ? nfkcForms.get(text.charCodeAt(at)) : undefined;
    if (form !== undefined) pieces.push(text.slice(copied, at), form);
    else {
      const from = Math.max(start, at - 1);
      pieces.push(text.slice(copied, from), text.slice(from, runEnd).normalize('NFKC'));
    }
    copied = runEnd;
  }
  pieces.push(text.slice(copied, end));
  return pieces.join('');
}

/** The first position from `from` on (before `end`) whose unit is inert, or `end`. */
function nextInert(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && !isNfkcInert(text.charCodeAt(i))) i++;
  return i;
}

/** The fold of the non-ASCII run `text[start, end)` (`units`: its code units): by table when it is simple, else `foldRun` of it. */
export function foldRunAt(text: string, units: Uint16Array, start: number, end: number, foldRun: (run: string) => string): string {
  let folded = '';
  for (let i = start; i < end; i++) {
    const fold = simpleFold(units[i]);
    if (fold === undefined) return foldRun(text.slice(start, end));
    folded += fold;
  }
  return folded;
}

/**
 * `text` with every maximal run of non-ASCII code units replaced by its fold
 * (what `text.replace(/[^\x00-\x7f]+/g, foldRun)` gives). The WebAssembly
 * kernel `foldByTables` folds the units the tables know (twice as fast as the
 * same loop in JavaScript); it stops at the others, which are folded here:
 * NUL, a unit of a block not filled or mirrored yet, a fold of another
 * length, and runs that are not simple, folded whole by `foldRun`.
 */
export function foldNonAsciiRuns(text: string, foldRun: (run: string) => string): string {
  // The fold under way owns the kernel's scratch space: `foldRun` must not fold.
  if (folding) throw new Error('foldNonAsciiRuns is not reentrant');
  folding = true;
  try {
    return foldByKernel(text, foldRun);
  } finally {
    folding = false;
  }
}

let folding = false;

function foldByKernel(text: string, foldRun: (run: string) => string): string {
  const n = text.length;
  const unitsAddress = loadText(text);
  const outAddress = scratchAddress();
  // Output units there is room for: at least two for each unit not read yet.
  let capacity = 2 * n;
  let memory = new DataView(kernelMemory(outAddress + 2 * capacity));
  let length = 0;
  let i = 0;
  while (i < n) {
    i = foldByTables(singlesAddress, doublesAddress, unitsAddress, i, n, outAddress, length);
    length = foldWritten();
    if (i === n) break;
    const unit = text.charCodeAt(i);
    if (unit === 0) {
      memory.setUint16(outAddress + 2 * length++, 0, true);
      i++;
      continue;
    }
    const kind = kindOf(unit);
    if (kind === single || doubleFolds[unit] !== 0) continue; // a block filled just now
    const runStart = kind === other ? i : nonAsciiRunStart(unitsAddress, i);
    const runEnd = kind === other ? i + 1 : nonAsciiRunEnd(unitsAddress, i, n);
    const folded = kind === other ? otherFolds.get(unit)! : foldRun(text.slice(runStart, runEnd));
    // A run that is not simple is folded whole, the part already written by table included.
    if (kind !== other) length -= foldedLength(text, runStart, i);
    if (length + folded.length + 2 * (n - runEnd) > capacity) {
      capacity = length + folded.length + 2 * (n - runEnd);
      memory = new DataView(kernelMemory(outAddress + 2 * capacity));
    }
    for (let k = 0; k < folded.length; k++) memory.setUint16(outAddress + 2 * length++, folded.charCodeAt(k), true);
    i = runEnd;
  }
  // No scan reads the folded copy's code units from JavaScript: they are not kept (`codeUnits`), saving a copy of the megabytes.
  return Buffer.from(memory.buffer, outAddress, 2 * length).toString('utf16le');
}

/** How many units the table folds of the simple characters in [start, end) make. */
function foldedLength(text: string, start: number, end: number): number {
  let length = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    length += foldKind[unit] === single ? 1 : otherFolds.get(unit)!.length;
  }
  return length;
}
