import { asciiSet, nibbleTablesOf } from '../../text/char-runs.js';
import { codeUnits } from '../../text/code-units.js';
import { kernel, kernelMemory, kernelPositions, reserveTable } from '../../text/kernels/kernel-memory.js';

/**
 * Where the PII number patterns (card, SSN, North American phone, IBAN) can
 * start in a large text. Scanning a text with each pattern tries it at every
 * position (their lookbehinds keep the regex engine from skipping ahead), and
 * hex, logs and base64 hold digits nearly everywhere. Instead, one pass over
 * the code units keeps the class of the last ten characters in one number
 * and looks for what every match holds, each of which is rare in such text:
 *
 * - a card number: a chain of 13 digits, single spaces or dashes between them;
 * - a separated SSN: `d S dd S dddd` with the same separator (the area's
 *   first two digits are left to the pattern);
 * - a North American phone number ends `d[.-]dddd`;
 * - an IBAN starts with two capitals and two digits;
 * - a labelled SSN: a run of 9 digits after a character that is not a
 *   lower-case letter, digit or `_`, or after `n`, `r`, `y` (the end of its label).
 *
 * From each such place the few positions where that pattern can start are
 * listed; each pattern is then tried only there (`matchesStartingAt`).
 */
export interface NumberStarts {
  card: number[];
  ssn: number[];
  labelledSsn: number[];
  phone: number[];
  iban: number[];
}

/**
 * Per code unit: a three-bit class, and `afterLabel` when a labelled SSN's
 * digits may follow it (not a digit or a lower-case letter but `n`, `r`, `y`,
 * the last letters of the labels). The classes are chosen so that one mask
 * and compare tells each place: letters and digits have the high bit, space
 * and dash differ only in the low bit, dash and dot only in the middle one.
 */
const other = 0;
const dot = 1;
const space = 2;
const dash = 3;
const digit = 4;
const upper = 5;
const lower = 6;
const labelEnd = 7;
const afterLabel = 8;

const entryOf = new Uint8Array(65536).fill(other | afterLabel);
for (let c = 0x30; c <= 0x39; c++) entryOf[c] = digit;
for (let c = 0x41; c <= 0x5a; c++) entryOf[c] = upper | afterLabel;
for (let c = 0x61; c <= 0x7a; c++) entryOf[c] = lower;
for (const c of 'nry') entryOf[c.charCodeAt(0)] = labelEnd | afterLabel;
entryOf[0x20] = space | afterLabel;
entryOf[0x2d] = dash | afterLabel;
entryOf[0x2e] = dot | afterLabel;

/** Classes (or masks) of consecutive characters, the last one in the lowest three bits. */
function shapeOf(...classes: number[]): number {
  return classes.reduce((shape, c) => (shape << 3) | c, 0);
}

const d = digit;
const any = 7;
/** `d S dd S dddd`, S a space or a dash (its low bit masked off). */
const ssnMask = shapeOf(any, 6, any, any, 6, any, any, any, any);
const ssnShape = shapeOf(d, space, d, d, space, d, d, d, d);
/** `d[.-]dddd` (the separator's middle bit masked off). */
const phoneMask = shapeOf(any, 5, any, any, any, any);
const phoneShape = shapeOf(d, dot, d, d, d, d);
/** Two capitals and two digits after anything but a letter or digit (the high bit masked). */
const ibanMask = shapeOf(4, any, any, any, any);
const ibanShape = shapeOf(other, upper, upper, d, d);
const cardChain = 13;
/** A run of digits counts from `labelledBase` after a character with `afterLabel`, from 0 after others. */
const labelledBase = 16;
const labelledRun = labelledBase + 9;

function isDigitUnit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether `units[at]` is a space or dash between two digits: it continues a chain. */
function linksChain(units: Uint16Array, at: number): boolean {
  const c = units[at];
  return (c === 0x20 || c === 0x2d) && at > 0 && isDigitUnit(units[at - 1]) && isDigitUnit(units[at + 1]);
}

/** The scan state after the digit at `at`, as the kernel carries it; counts stop where their value no longer matters. */
function stateAt(units: Uint16Array, at: number): { shape: number; chain: number; run: number } {
  let shape = 0;
  for (let j = Math.max(0, at - 9); j <= at; j++) shape = (shape << 3) | (entryOf[units[j]] & 7);
  let chain = 0;
  for (let j = at; j >= 0 && chain <= cardChain; j--) {
    if (isDigitUnit(units[j])) chain++;
    else if (!linksChain(units, j)) break;
  }
  let digits = 0;
  while (digits <= labelledRun && at - digits >= 0 && isDigitUnit(units[at - digits])) digits++;
  const base = at - digits >= 0 && (entryOf[units[at - digits]] & afterLabel) !== 0 ? labelledBase : 0;
  return { shape, chain, run: base + digits };
}

/** Pushes `position` unless a position at or after it is listed already (places overlap). */
function pushAfter(list: number[], position: number): void {
  if (position >= 0 && (list.length === 0 || list[list.length - 1] < position)) list.push(position);
}

/**
 * The card candidates of the chain holding the digit at `at`: its digits
 * that follow neither a digit nor a dash (the pattern's lookbehind).
 */
function pushChainStarts(units: Uint16Array, at: number, list: number[]): void {
  let start = at;
  while (start > 0 && (isDigitUnit(units[start - 1]) || linksChain(units, start - 1))) start--;
  for (let q = start; q < units.length && (isDigitUnit(units[q]) || linksChain(units, q)); q++) {
    if (isDigitUnit(units[q]) && (q === 0 || (!isDigitUnit(units[q - 1]) && units[q - 1] !== 0x2d))) pushAfter(list, q);
  }
}

/** How far before its digits a labelled SSN starts: `ssn` right before them, `social security number` and four characters. */
const nearestLabel = 3;
const farthestLabel = 22 + 4;

/** Lists where the patterns can start, given the places ending at `at` (`state`: the scan's state after it). */
function listStarts(units: Uint16Array, at: number, state: { shape: number; chain: number; run: number }, starts: NumberStarts): void {
  const { shape, chain, run } = state;
  if (chain === cardChain) pushChainStarts(units, at, starts.card);
  if ((shape & ssnMask) === ssnShape) pushAfter(starts.ssn, at - 10);
  // `ddd-ddd-dddd` and `(ddd)ddd-dddd`, each also with `1-` before it, and `(ddd) ddd-dddd`.
  if ((shape & phoneMask) === phoneShape) for (let back = 15; back >= 11; back--) pushAfter(starts.phone, at - back);
  if ((shape & ibanMask) === ibanShape) pushAfter(starts.iban, at - 3);
  if (run === labelledRun) for (let back = farthestLabel; back >= nearestLabel; back--) pushAfter(starts.labelledSsn, at - 8 - back);
}

/** Below this length, scanning the text with each pattern costs less than finding where to try them. */
export const numberStartsMinimum = 16 * 1024;

/**
 * Digits, capitals, space, dash and dot: every place lies in a run of them
 * eight characters or longer (`ddd-dddd`, the shortest, ends a phone number),
 * and most text has few such runs: the places are looked for only there.
 */
const numberChars = asciiSet('0-9A-Z .-');

/**
 * The kernel's tables (`numberPlaces`, run-class-kernels.as.ts): the run
 * kernels' form of `numberChars`, the entries of the ASCII units, then the
 * places' masks and shapes, the card chain and the labelled run length.
 */
const tablesAddress = reserveTable(32 + 128 + 8 * 4, writeTables);
writeTables(new DataView(kernelMemory(0)));

function writeTables(memory: DataView): void {
  const bytes = new Uint8Array(memory.buffer);
  bytes.set(nibbleTablesOf(numberChars), tablesAddress);
  // The kernel's entries also mark digits (16) and the separators of a chain, space and dash (32).
  for (let c = 0; c < 128; c++) {
    const k = entryOf[c] & 7;
    bytes[tablesAddress + 32 + c] = entryOf[c] | (k === digit ? 16 : 0) | (k === space || k === dash ? 32 : 0);
  }
  [ssnMask, ssnShape, phoneMask, phoneShape, ibanMask, ibanShape, cardChain, labelledRun].forEach((value, k) => {
    memory.setUint32(tablesAddress + 160 + 4 * k, value, true);
  });
}

const numberPlaces = kernel<(tables: number, units: number, length: number, out: number) => number>('numberPlaces');

/**
 * Where each place ends (its last character, a digit), in text order: the
 * kernel scans each run of `numberChars` eight or longer, carrying the
 * classes of the last ten characters, the digits of the chain of digits
 * (single spaces or dashes between them) and the run of digits; the places
 * are few, so the caller's work per place is small.
 */
function placesIn(text: string): Int32Array {
  return kernelPositions(text, (units, out) => numberPlaces(tablesAddress, units, text.length, out));
}

export function numberStarts(text: string): NumberStarts {
  const starts: NumberStarts = { card: [], ssn: [], labelledSsn: [], phone: [], iban: [] };
  const places = placesIn(text);
  if (places.length === 0) return starts;
  const units = codeUnits(text);
  for (let k = 0; k < places.length; k++) listStarts(units, places[k], stateAt(units, places[k]), starts);
  return starts;
}

let last: { text: string; starts: NumberStarts } | undefined;

/** `numberStarts`, kept for the last text asked about: the number matchers ask about the same text one after another. */
export function numberStartsOf(text: string): NumberStarts {
  if (last === undefined || last.text !== text) last = { text, starts: numberStarts(text) };
  return last.starts;
}
