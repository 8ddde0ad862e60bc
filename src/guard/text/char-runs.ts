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

/** Shortest run kept in the cache (base64 payloads need 24); callers asking for shorter runs bypass it. */
const cachedMinimum = 24;
/**
 * The last cached scan: base64 payload decoding and the token scan ask about the
 * same argument, with decoding of nested payloads in between (which must not
 * evict it: those ask with `cache: false`).
 */
let last: { text: string; set: Uint8Array; runs: Array<[number, number]> } | undefined;

/**
 * Maximal runs of characters from `set` that are at least `minLength` long,
 * as [start, end) pairs: one pass over the text, no regex backtracking.
 */
export function charRuns(text: string, set: Uint8Array, minLength: number, options: { cache?: boolean } = {}): Array<[number, number]> {
  if (minLength < cachedMinimum || options.cache === false) return scanRuns(text, set, minLength);
  if (last === undefined || last.text !== text || last.set !== set) last = { text, set, runs: scanRuns(text, set, cachedMinimum) };
  return minLength === cachedMinimum ? last.runs : last.runs.filter(([start, end]) => end - start >= minLength);
}

function inSet(set: Uint8Array, code: number): boolean {
  return code < 128 && set[code] === 1;
}

/**
 * Skip loop: a run of `minLength` or more starting at or after `i` must cover
 * position `i + minLength - 1`, so when that character is outside the set the
 * scan jumps past it; otherwise it widens the run around it. Each character is
 * looked at at most twice, most not at all.
 */
function scanRuns(text: string, set: Uint8Array, minLength: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const n = text.length;
  // Invariant: i is 0 or follows a character outside the set.
  let i = 0;
  while (i + minLength <= n) {
    const probe = i + minLength - 1;
    if (!inSet(set, text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && inSet(set, text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < n && inSet(set, text.charCodeAt(end))) end++;
    if (end - start >= minLength) runs.push([start, end]);
    i = end + 1;
  }
  return runs;
}
