import { codeUnits, textOfUnits } from './code-units.js';
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
/** Per code unit: `single` for a simple character folding to one code unit (`singleFolds`), `other` for one folding to another length (`otherFolds`), `notSimple` for the rest. */
const foldKind = new Uint8Array(65536);
const single = 1;
const other = 2;
const notSimple = 3;
const singleFolds = new Uint16Array(65536);
const otherFolds = new Map<number, string>();
/** Per code unit: `inert` when NFKC leaves any run of such units alone, else `sensitive`. */
const nfkcClass = new Uint8Array(65536);
const inert = 1;
const sensitive = 2;
/** Marks and Hangul jamo: what composes with the character before it or is reordered. */
const composing = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;
const capitalSigma = /\u03a3/;

function fillBlock(block: number): void {
  for (let unit = block << 8; unit < (block + 1) << 8; unit++) {
    foldKind[unit] = notSimple;
    nfkcClass[unit] = sensitive;
    if (unit < 0x80) nfkcClass[unit] = inert; // ASCII is inert: `nextNotInert` skips it in the same loop
    if (unit < 0x80 || (unit >= 0xd800 && unit <= 0xdfff)) continue; // surrogates: characters outside the BMP are not simple
    const char = String.fromCharCode(unit);
    const normalized = char.normalize('NFKC');
    const composes = composing.test(char) || composing.test(normalized);
    if (!composes && normalized === char) nfkcClass[unit] = inert;
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
    }
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
 * The first position from `from` on of a non-ASCII code unit that NFKC may
 * change, alone or with its neighbours (the length when there is none): a run
 * of non-ASCII units without one is left as it is by NFKC.
 */
export function nextNfkcSensitive(units: Uint16Array, from: number): number {
  for (let i = nextNotInert(units, from); ; i = nextNotInert(units, i)) {
    if (i === units.length || nfkcClass[units[i]] === sensitive) return i;
    fillBlock(units[i] >> 8);
  }
}

/** The first position from `from` on whose unit is not known to be inert: the scan loop has no call in it, so V8 keeps it tight. */
function nextNotInert(units: Uint16Array, from: number): number {
  const classes = nfkcClass;
  for (let i = from; i < units.length; i++) if (classes[units[i]] !== inert) return i;
  return units.length;
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
 * (what `text.replace(/[^\x00-\x7f]+/g, foldRun)` gives), in one pass over
 * the code units with a string made only for runs that are not simple.
 */
export function foldNonAsciiRuns(text: string, foldRun: (run: string) => string): string {
  const units = codeUnits(text);
  const n = units.length;
  let i = 0;
  while (i < n && units[i] < 128) i++;
  if (i === n) return text;
  let out: Uint16Array = new Uint16Array(n + (n >> 3) + 64);
  out.set(units.subarray(0, i));
  let length = i;
  while (i < n) {
    // A run of non-ASCII units: by table while its characters are simple.
    const runStart = i;
    const runOut = length;
    for (; i < n && units[i] >= 128; i++) {
      const unit = units[i];
      // A simple character folding to one unit folds to a unit that is not 0: one read for the common case.
      const singleFold = singleFolds[unit];
      if (singleFold !== 0) {
        out[length++] = singleFold;
        continue;
      }
      const kind = kindOf(unit);
      if (kind === single) out[length++] = singleFolds[unit];
      else if (kind === other) {
        const folded = otherFolds.get(unit)!;
        if (length + folded.length + (n - i) > out.length) out = grown(out, length + folded.length + (n - i));
        for (let k = 0; k < folded.length; k++) out[length++] = folded.charCodeAt(k);
      } else {
        // Not simple: the whole run the Unicode way.
        let end = i + 1;
        while (end < n && units[end] >= 128) end++;
        const folded = foldRun(text.slice(runStart, end));
        length = runOut;
        if (length + folded.length + (n - end) > out.length) out = grown(out, length + folded.length + (n - end));
        for (let k = 0; k < folded.length; k++) out[length++] = folded.charCodeAt(k);
        i = end;
        break;
      }
    }
    // The ASCII after it, as it is.
    for (; i < n && units[i] < 128; i++) out[length++] = units[i];
  }
  return textOfUnits(out, length);
}

function grown(units: Uint16Array, needed: number): Uint16Array {
  const bigger = new Uint16Array(Math.max(needed, units.length * 2));
  bigger.set(units);
  return bigger;
}
