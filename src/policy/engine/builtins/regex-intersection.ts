import { builtinError } from './errors.js';

/*
 * regex.globs_match: do two simple patterns match at least one common string?
 * Patterns are sequences of single-character matchers (a literal, an escaped
 * character, `.`, or a class `[a-z]` / `[^0-9]`), each optionally followed by
 * `*` or `+`. The test walks the product of the two patterns' automata.
 */

interface CharSet {
  negated: boolean;
  /** Inclusive code point ranges; a negated set with no ranges is `.`. */
  ranges: [number, number][];
}

interface Token {
  set: CharSet;
  repeat: boolean;
}

const ANY: CharSet = { negated: true, ranges: [] };

function invalid(builtin: string, input: string, pos: number, reason: string): never {
  throw builtinError(builtin, `input:${input}, pos:${pos}, ${reason}: the input provided is invalid`);
}

function parse(builtin: string, input: string): Token[] {
  const chars = [...input];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    let set: CharSet;
    if (ch === '*' || ch === '+') invalid(builtin, input, i + 1, `quantifier '${ch}' with no preceding character`);
    if (ch === ']') invalid(builtin, input, i + 1, "set-close ']' with no preceding '['");
    if (ch === '\\') {
      if (i + 1 >= chars.length) invalid(builtin, input, i + 1, "escape '\\' at end of input");
      const cp = chars[++i].codePointAt(0)!;
      set = { negated: false, ranges: [[cp, cp]] };
    } else if (ch === '.') {
      set = ANY;
    } else if (ch === '[') {
      const negated = chars[i + 1] === '^';
      let j = negated ? i + 2 : i + 1;
      const ranges: [number, number][] = [];
      for (; j < chars.length && chars[j] !== ']'; j++) {
        let lo = chars[j] === '\\' ? chars[++j] : chars[j];
        if (lo === undefined) break;
        let hi = lo;
        if (chars[j + 1] === '-' && chars[j + 2] !== undefined && chars[j + 2] !== ']') {
          hi = chars[j + 2] === '\\' ? chars[j + 3] : chars[j + 2];
          j += chars[j + 2] === '\\' ? 3 : 2;
          if (hi === undefined) break;
        }
        const [a, b] = [lo.codePointAt(0)!, hi.codePointAt(0)!];
        if (a > b) invalid(builtin, input, j + 1, 'invalid range in set');
        ranges.push([a, b]);
        lo = '';
      }
      if (j >= chars.length) invalid(builtin, input, i + 1, "set-open '[' with no closing ']'");
      if (ranges.length === 0) invalid(builtin, input, j + 1, 'empty set');
      set = { negated, ranges };
      i = j;
    } else {
      const cp = ch.codePointAt(0)!;
      set = { negated: false, ranges: [[cp, cp]] };
    }
    const quantifier = chars[i + 1];
    if (quantifier === '+') {
      tokens.push({ set, repeat: false }, { set, repeat: true });
      i++;
    } else if (quantifier === '*') {
      tokens.push({ set, repeat: true });
      i++;
    } else {
      tokens.push({ set, repeat: false });
    }
  }
  return tokens;
}

function inSet(cp: number, set: CharSet): boolean {
  const inRanges = set.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  return set.negated ? !inRanges : inRanges;
}

/** Two sets share a character if a negated pair exists (the alphabet is unbounded) or a candidate boundary lies in both. */
function intersects(a: CharSet, b: CharSet): boolean {
  if (a.negated && b.negated) return true;
  const candidates = [...a.ranges, ...b.ranges].flatMap(([lo, hi]) => [lo, hi, lo - 1, hi + 1]).filter((cp) => cp >= 0);
  if (a.negated || b.negated) candidates.push(0, 0x10ffff);
  return candidates.some((cp) => inSet(cp, a) && inSet(cp, b));
}

export function globsIntersect(builtin: string, first: string, second: string): boolean {
  const a = parse(builtin, first);
  const b = parse(builtin, second);
  const seen = new Set<string>();
  const queue: [number, number][] = [[0, 0]];
  const visit = (i: number, j: number) => {
    const key = `${i},${j}`;
    if (!seen.has(key)) {
      seen.add(key);
      queue.push([i, j]);
    }
  };
  seen.add('0,0');
  while (queue.length > 0) {
    const [i, j] = queue.shift()!;
    if (i === a.length && j === b.length) return true;
    if (i < a.length && a[i].repeat) visit(i + 1, j);
    if (j < b.length && b[j].repeat) visit(i, j + 1);
    if (i < a.length && j < b.length && intersects(a[i].set, b[j].set)) {
      visit(a[i].repeat ? i : i + 1, b[j].repeat ? j : j + 1);
    }
  }
  return false;
}
