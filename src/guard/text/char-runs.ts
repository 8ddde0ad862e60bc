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

/** Shortest run kept in the cache; callers asking for shorter runs bypass it. */
const cachedMinimum = 16;
/** The last scan: base64 payload decoding and the token scan ask about the same text back to back. */
let last: { text: string; set: Uint8Array; runs: Array<[number, number]> } | undefined;

/**
 * Maximal runs of characters from `set` that are at least `minLength` long,
 * as [start, end) pairs: one pass over the text, no regex backtracking.
 */
export function charRuns(text: string, set: Uint8Array, minLength: number): Array<[number, number]> {
  if (minLength < cachedMinimum) return scanRuns(text, set, minLength);
  if (last === undefined || last.text !== text || last.set !== set) last = { text, set, runs: scanRuns(text, set, cachedMinimum) };
  return minLength === cachedMinimum ? last.runs : last.runs.filter(([start, end]) => end - start >= minLength);
}

function scanRuns(text: string, set: Uint8Array, minLength: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 128;
    if (c < 128 && set[c] === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= minLength) runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}
