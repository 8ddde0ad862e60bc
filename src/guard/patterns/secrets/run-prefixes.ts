import { nibbleTablesOf } from '../../text/char-runs.js';
import { codeUnits } from '../../text/code-units.js';
import { kernel, kernelMemory, loadText, scratchAddress } from '../../text/kernels/kernel-memory.js';

/**
 * Where literal prefixes (`ghp_`, `AKIA`, `sk-`, ...) start inside character
 * runs. Credentials of most known formats are runs of token characters that
 * start with a fixed prefix: instead of each format's regex scanning a large
 * text, one pass over the runs (a small part of the text) finds every place
 * where one of the prefixes starts, and each regex is tried only there.
 */
export class PrefixIndex {
  /** Per group, its prefixes. */
  private readonly groups: readonly (readonly string[])[];
  /**
   * For each pair of ASCII characters (first << 7 | second): 0, or 1 + the
   * index in `entries` of the prefixes starting with that pair. Looking a
   * pair up costs the same as a single character, and far fewer positions
   * pass (`gh` rather than every `g`).
   */
  private readonly byPair = new Uint8Array(128 * 128);
  private readonly entries: Array<Array<{ group: number; prefix: Uint16Array }>> = [];
  /** The first and second characters of the prefixes (the kernels' form of the sets), for the kernel to pass over sixteen units holding none. */
  private readonly firsts: Uint8Array;
  private readonly seconds: Uint8Array;

  /** `groups`: lists of ASCII prefixes of two characters or more. */
  constructor(groups: readonly (readonly string[])[]) {
    this.groups = groups;
    groups.forEach((prefixes, group) => {
      for (const prefix of prefixes) {
        if (prefix.length < 2 || !/^[\x01-\x7f]+$/.test(prefix)) throw new Error(`prefix '${prefix}' must be two or more ASCII characters`);
        const pair = (prefix.charCodeAt(0) << 7) | prefix.charCodeAt(1);
        if (this.byPair[pair] === 0) {
          this.entries.push([]);
          this.byPair[pair] = this.entries.length;
        }
        this.entries[this.byPair[pair] - 1].push({ group, prefix: Uint16Array.from(prefix, (char) => char.charCodeAt(0)) });
      }
    });
    this.firsts = nibbleTablesOf(setOf(groups.flat().map((prefix) => prefix.charCodeAt(0))));
    this.seconds = nibbleTablesOf(setOf(groups.flat().map((prefix) => prefix.charCodeAt(1))));
  }

  /**
   * Per group, the positions in text order where one of its prefixes starts
   * inside one of `runs` ([start, end) pairs in text order, of ASCII
   * characters of `text`). With runs of a set holding the prefixes'
   * characters, every prefix found lies inside its run. Undefined when more
   * than `limit` places start with a prefix's first two characters: so dense
   * a text ("sk-sk-sk-...") is better left to the regex engine's own scan.
   */
  positions(text: string, runs: ReadonlyArray<readonly [number, number]>, limit = Infinity): number[][] | undefined {
    const starts = pairStarts(text, runs, this.byPair, this.firsts, this.seconds, limit);
    if (starts === undefined) return undefined;
    const found: number[][] = this.groups.map(() => []);
    const units = codeUnits(text);
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k];
      const entries = this.entries[this.byPair[(units[start] << 7) | units[start + 1]] - 1];
      for (let e = 0; e < entries.length; e++) {
        if (startsWith(units, start, entries[e].prefix)) found[entries[e].group].push(start);
      }
    }
    return found;
  }
}

const nextPairStart = kernel<(pairs: number, firsts: number, seconds: number, units: number, from: number, end: number) => number>('nextPairStart');

/**
 * Where in `runs` a pair of characters marked in `byPair` starts, in text
 * order; undefined past `limit` of them. A kernel (run-class-kernels.as.ts)
 * reads the runs sixteen units at a time and looks pairs up only where one of
 * the prefixes' first characters (`firsts`) is followed by one of their
 * second characters (`seconds`).
 */
function pairStarts(text: string, runs: ReadonlyArray<readonly [number, number]>, byPair: Uint8Array, firsts: Uint8Array, seconds: Uint8Array, limit: number): number[] | undefined {
  const starts: number[] = [];
  if (runs.length === 0) return starts;
  const units = loadText(text);
  const pairsAddress = scratchAddress();
  const firstsAddress = pairsAddress + byPair.length;
  const secondsAddress = firstsAddress + firsts.length;
  const tables = new Uint8Array(kernelMemory(secondsAddress + seconds.length), pairsAddress, byPair.length + firsts.length + seconds.length);
  tables.set(byPair);
  tables.set(firsts, byPair.length);
  tables.set(seconds, byPair.length + firsts.length);
  for (let r = 0; r < runs.length; r++) {
    const [start, end] = runs[r];
    for (let at = nextPairStart(pairsAddress, firstsAddress, secondsAddress, units, start, end); at < end; at = nextPairStart(pairsAddress, firstsAddress, secondsAddress, units, at + 1, end)) {
      if (starts.push(at) > limit) return undefined;
    }
  }
  return starts;
}

/** The set of the ASCII characters `codes`, as a lookup table. */
function setOf(codes: number[]): Uint8Array {
  const set = new Uint8Array(128);
  for (const code of codes) set[code] = 1;
  return set;
}

/** Whether `prefix` (whose first two units are known to match) starts at `position`. */
function startsWith(units: Uint16Array, position: number, prefix: Uint16Array): boolean {
  if (position + prefix.length > units.length) return false;
  for (let k = 2; k < prefix.length; k++) if (units[position + k] !== prefix[k]) return false;
  return true;
}
