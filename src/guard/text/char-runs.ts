import { codeUnits, unitPairs } from './code-units.js';

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
  const units = codeUnits(text);
  const pairs = unitPairs(units);
  const both = pairSetOf(set);
  const n = units.length;
  for (let start = nextRun(units, set, minLength, 0); start < n; ) {
    // Most runs (words, identifiers) end within a few dozen units: followed one unit at a time; data, two at a time.
    let end = start + minLength;
    const shortUntil = Math.min(n, end + 32);
    while (end < shortUntil && units[end] < 128 && set[units[end]] !== 0) end++;
    if (end === shortUntil && end < n) end = runEnd(units, pairs, both, set, end);
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

/** Per set, its pair table: for two ASCII units read together (first | second << 7), 1 when both are in the set. */
const pairSets = new WeakMap<Uint8Array, Uint8Array>();

function pairSetOf(set: Uint8Array): Uint8Array {
  let both = pairSets.get(set);
  if (both === undefined) {
    both = new Uint8Array(128 * 128);
    for (let first = 0; first < 128; first++) for (let second = 0; second < 128; second++) both[first | (second << 7)] = set[first] & set[second];
    pairSets.set(set, both);
  }
  return both;
}

/**
 * Where the run of units in `set` going on at `from` ends (the length at
 * the latest). Long runs (base64 and hex data) are followed two units per
 * load, with `both` (`pairSetOf(set)`) telling whether both are in the set.
 */
function runEnd(units: Uint16Array, pairs: Uint32Array, both: Uint8Array, set: Uint8Array, from: number): number {
  let end = from;
  if (end % 2 === 1 && end < units.length) {
    const c = units[end];
    if (c >= 128 || set[c] === 0) return end;
    end++;
  }
  for (let k = end >> 1; k < pairs.length; k++) {
    const pair = pairs[k];
    if ((pair & 0xff80ff80) !== 0 || both[(pair & 0x7f) | ((pair >>> 9) & 0x3f80)] === 0) break;
    end += 2;
  }
  // The first unit of the pair that stopped the loop, or a last odd unit.
  if (end < units.length) {
    const c = units[end];
    if (c < 128 && set[c] !== 0) end++;
  }
  return end;
}
