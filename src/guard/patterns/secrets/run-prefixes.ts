import { unitPairs } from '../../text/code-units.js';

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
  /**
   * For each pair of ASCII characters (first | second << 7, as two units are
   * read at once): 1 when it is the first two or the second and third
   * characters of a prefix. A prefix starting at p covers the pair of units
   * read together at p (p even) or p + 1 (p odd): looking the pairs up two
   * units at a time finds every place where one may start.
   */
  private readonly headPairs = new Uint8Array(128 * 128);

  /** `groups`: lists of ASCII prefixes of three characters or more. */
  constructor(groups: readonly (readonly string[])[]) {
    this.groups = groups;
    groups.forEach((prefixes, group) => {
      for (const prefix of prefixes) {
        if (prefix.length < 3 || !/^[\x00-\x7f]+$/.test(prefix)) throw new Error(`prefix '${prefix}' must be three or more ASCII characters`);
        const pair = (prefix.charCodeAt(0) << 7) | prefix.charCodeAt(1);
        this.headPairs[prefix.charCodeAt(0) | (prefix.charCodeAt(1) << 7)] = 1;
        this.headPairs[prefix.charCodeAt(1) | (prefix.charCodeAt(2) << 7)] = 1;
        if (this.byPair[pair] === 0) {
          this.entries.push([]);
          this.byPair[pair] = this.entries.length;
        }
        this.entries[this.byPair[pair] - 1].push({ group, prefix: Uint16Array.from(prefix, (char) => char.charCodeAt(0)) });
      }
    });
  }

  /**
   * Per group, the positions in text order where one of its prefixes starts
   * inside one of `runs` ([start, end) pairs in text order, of ASCII
   * characters of `units`). With runs of a set holding the prefixes'
   * characters, every prefix found lies inside its run. Undefined when more
   * than `limit` places start with a prefix's first two characters: so dense
   * a text ("sk-sk-sk-...") is better left to the regex engine's own scan.
   */
  positions(units: Uint16Array, runs: ReadonlyArray<readonly [number, number]>, limit = Infinity): number[][] | undefined {
    const starts = pairStarts(units, runs, this.byPair, this.headPairs, limit);
    if (starts === undefined) return undefined;
    const found: number[][] = this.groups.map(() => []);
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

/**
 * Where in `runs` a pair of characters marked in `byPair` starts, in text
 * order, for every prefix that fits in its run (those that do not cannot
 * match); undefined past `limit` of them. The runs' units are read two at a
 * time; only where such a pair is in `headPairs` are the places at and
 * before it looked at.
 */
function pairStarts(units: Uint16Array, runs: ReadonlyArray<readonly [number, number]>, byPair: Uint8Array, headPairs: Uint8Array, limit: number): number[] | undefined {
  const starts: number[] = [];
  const pairs = unitPairs(units);
  for (let r = 0; r < runs.length; r++) {
    const [start, end] = runs[r];
    for (let k = (start + 1) >> 1; 2 * k + 1 < end; k++) {
      const both = pairs[k];
      // Inside a run every unit is ASCII: seven bits each.
      if (headPairs[(both & 0x7f) | ((both >>> 9) & 0x3f80)] === 0) continue;
      const at = 2 * k;
      if (at - 1 >= start && byPair[(units[at - 1] << 7) | units[at]] !== 0 && starts.push(at - 1) > limit) return undefined;
      if (byPair[(units[at] << 7) | units[at + 1]] !== 0 && starts.push(at) > limit) return undefined;
    }
  }
  return starts;
}

/** Whether `prefix` (whose first two units are known to match) starts at `position`. */
function startsWith(units: Uint16Array, position: number, prefix: Uint16Array): boolean {
  if (position + prefix.length > units.length) return false;
  for (let k = 2; k < prefix.length; k++) if (units[position + k] !== prefix[k]) return false;
  return true;
}
