import { codeUnits } from './code-units.js';
import { kernel, kernelMemory, loadText, readSpans, scratchAddress } from './kernels/kernel-memory.js';

/** A set of ASCII characters, as a lookup table for per-character scans. */
export function asciiSet(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const range of chars.match(/.-.|./gs) ?? []) {
    const from = range.charCodeAt(0);
    const to = range.length === 3 ? range.charCodeAt(2) : from;
    for (let c = from; c <= to; c++) table[c] = 1;
  }
  return table;
}

/** Whether a code unit (NaN outside the text) is an ASCII letter. */
export function isAsciiLetter(unit: number): boolean {
  const lower = unit | 32;
  return lower >= 97 && lower <= 122;
}

export function isNonAsciiOrIn(set: Uint8Array, unit: number): boolean {
  return unit >= 128 || set[unit] === 1;
}

/**
 * The position of the first unit at or after `from` that is outside ASCII
 * or in `set` (`units.length` when there is none). Two units are read at a
 * time from `pairs` (`unitPairs` of `units`): both are ASCII and outside the
 * set exactly when the pair has no bit of 0xff80ff80 set and neither half is
 * in the table, one mask and two lookups per pair, whatever the byte order.
 */
export function nextNonAsciiOrIn(set: Uint8Array, units: Uint16Array, pairs: Uint32Array, from: number): number {
  let p = from >> 1;
  if ((from & 1) === 1 && p < pairs.length) {
    if (isNonAsciiOrIn(set, units[from])) return from;
    p++;
  }
  for (; p < pairs.length; p++) {
    const pair = pairs[p];
    if (((pair & 0xff80ff80) | set[pair & 0x7f] | set[(pair >>> 16) & 0x7f]) !== 0) return isNonAsciiOrIn(set, units[2 * p]) ? 2 * p : 2 * p + 1;
  }
  // An odd-length text's last unit is in no pair.
  const last = units.length - 1;
  return (units.length & 1) === 1 && last >= from && isNonAsciiOrIn(set, units[last]) ? last : units.length;
}

/**
 * Shortest run kept in the cache: the known-format prefix scan needs 20 (an
 * AWS key ID), base64 payloads 24, the token scan 32; callers asking for
 * shorter runs bypass it.
 */
const cachedMinimum = 20;
/**
 * The last cached scan: base64 payload decoding and the secret scans ask about
 * the same argument, with decoding of nested payloads in between (which must
 * not evict it: those ask with `cache: false`). `byMinimum` keeps each longer
 * minimum's runs, filtered once.
 */
let last: { text: string; set: Uint8Array; byMinimum: Array<{ minLength: number; runs: Array<[number, number]> }> } | undefined;

/**
 * Maximal runs of characters from `set` that are at least `minLength` long,
 * as [start, end) pairs in text order: one pass over the text, no regex
 * backtracking. The arrays returned from the cache are shared: do not modify them.
 */
export function charRuns(text: string, set: Uint8Array, minLength: number, options: { cache?: boolean } = {}): Array<[number, number]> {
  if (minLength < cachedMinimum || options.cache === false) return scanRuns(text, set, minLength);
  if (last === undefined || last.text !== text || last.set !== set) {
    last = { text, set, byMinimum: [{ minLength: cachedMinimum, runs: scanRuns(text, set, cachedMinimum) }] };
  }
  const cached = last.byMinimum.find((entry) => entry.minLength === minLength);
  if (cached !== undefined) return cached.runs;
  const runs = last.byMinimum[0].runs.filter(([start, end]) => end - start >= minLength);
  last.byMinimum.push({ minLength, runs });
  return runs;
}

/**
 * Skip loop: a run of `minLength` or more starting at or after `from` must
 * cover position `from + minLength - 1` (the probe). When the probe is outside
 * the set, the scan jumps past it. Otherwise it walks back from the probe:
 * reaching `from` (or the part already known to be in the set) means a run of
 * at least `minLength`, which is then followed to its end; stopping at a
 * character outside the set moves `from` right after it, with what lies
 * between known to be in the set. Most characters are never looked at, none
 * more than twice. The code units are read from a typed array (twice as fast
 * as `charCodeAt`); a loop this branchy is bound by mispredictions, so the
 * fewer steps the better.
 */
function scanRuns(text: string, set: Uint8Array, minLength: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  if (text.length < minLength) return runs;
  if (minLength >= kernelMinimum && text.length >= kernelTextMinimum) return scanRunsInKernel(text, set, minLength);
  const units = codeUnits(text);
  const n = units.length;
  for (let start = nextRun(units, set, minLength, 0); start < n; ) {
    let end = start + minLength;
    while (end < n && units[end] < 128 && set[units[end]] !== 0) end++;
    runs.push([start, end]);
    start = nextRun(units, set, minLength, end + 1);
  }
  return runs;
}

/**
 * The start of the next run of `minLength` or more from `from` on (`from`
 * is 0 or follows a character outside the set), or the length: the skip
 * loop, with no call in it (the caller follows the run to its end).
 */
function nextRun(units: Uint16Array, set: Uint8Array, minLength: number, from: number): number {
  const n = units.length;
  // [from, knownUntil] are all in the set when knownUntil >= from.
  let knownUntil = -1;
  while (from + minLength <= n) {
    const probe = from + minLength - 1;
    let c = units[probe];
    if (c >= 128 || set[c] === 0) {
      from = probe + 1;
      continue;
    }
    const floor = knownUntil >= from ? knownUntil + 1 : from;
    let start = probe;
    while (start > floor) {
      c = units[start - 1];
      if (c >= 128 || set[c] === 0) break;
      start--;
    }
    if (start === floor) return from;
    knownUntil = probe;
    from = start;
  }
  return n;
}

/** From this minimum on, runs are found by kernels reading eight units at a time (a run within eight is too short to count). */
const kernelMinimum = 8;
/** Shorter texts (decoded payloads, windows) are scanned here: for them the loop costs less than loading them into kernel memory. */
const kernelTextMinimum = 16 * 1024;
const classRuns = kernel<(table: number, units: number, length: number, minLength: number, out: number) => number>('classRuns');

/**
 * `scanRuns` by the kernels of run-class-kernels.as.ts: eight units tested
 * at once, whether the set is dense in the text (hex, base64, logs) or not,
 * where the skip loop mispredicts or steps one unit at a time; all runs in
 * one call, written to scratch memory.
 */
function scanRunsInKernel(text: string, set: Uint8Array, minLength: number): Array<[number, number]> {
  const units = loadText(text);
  const table = scratchAddress();
  const out = table + 32;
  // Runs are separated by a unit outside the set: at most one per minLength + 1 units, two numbers each.
  const most = Math.ceil(text.length / (minLength + 1));
  const memory = kernelMemory(out + 8 * most);
  new Uint8Array(memory, table, 32).set(nibbleTablesOf(set));
  return readSpans(out, classRuns(table, units, text.length, minLength, out));
}

/** The kernels' nibble table of the ASCII units `holds` is true of: at each low nibble, a bit per high nibble (0-7). */
export function nibbleTable(holds: (unit: number) => boolean): Uint8Array {
  const table = new Uint8Array(16);
  for (let unit = 0; unit < 128; unit++) if (holds(unit)) table[unit & 15] |= 1 << (unit >> 4);
  return table;
}

/** Per set, the kernels' form of it (run-class-kernels.as.ts): a unit c is in the set when `low[c & 15] & high[c >> 4]` is not 0 (a bit per row of 16). */
const nibbleTables = new WeakMap<Uint8Array, Uint8Array>();

export function nibbleTablesOf(set: Uint8Array): Uint8Array {
  let tables = nibbleTables.get(set);
  if (tables === undefined) {
    if (set[0] !== 0) throw new Error('a set searched by the run kernels cannot hold NUL');
    tables = new Uint8Array(32);
    tables.set(nibbleTable((c) => set[c] !== 0));
    for (let c = 1; c < 128; c++) if (set[c] !== 0) tables[16 + (c >> 4)] = 1 << (c >> 4);
    nibbleTables.set(set, tables);
  }
  return tables;
}
