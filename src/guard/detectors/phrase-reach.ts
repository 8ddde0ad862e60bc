/**
 * How far a match of a phrase pattern can reach before and after a word it
 * holds, derived from the pattern itself: the search windows around trigger
 * words (injection-windows.ts) need no wider reach than this.
 *
 * The pattern's source is read as an automaton over characters (the subset
 * the phrase patterns are written in: literals, escapes, classes, groups,
 * alternation, `?`, `*`, `+`, `{m,n}`; `\b` read as matching anywhere, which
 * only allows more). The reach before the word is the longest path from the
 * start to a state from which the word can be read; after it, the longest
 * path to the end from a state the word leads to. Case is ignored: the word
 * and the pattern's letters are compared in lower case.
 */

export interface Reach {
  before: number;
  after: number;
}

/** A set of characters: 1 per ASCII code it holds (the words are ASCII, so what else it holds never matters). */
interface Chars {
  ascii: Uint8Array;
}

/** A state's edges: `to` on a character in `reads` (undefined: on nothing), `length` its weight in a path (Infinity stands for a loop). */
interface Edge {
  to: number;
  reads?: Chars;
  length: number;
}

/** A loop (`*`, `+`, `{m,}`) is unrolled this many times beyond its minimum, enough for any word to pass through, plus an edge of infinite length. */
const loopCopies = 16;

class Automaton {
  readonly edges: Edge[][] = [];

  state(): number {
    this.edges.push([]);
    return this.edges.length - 1;
  }

  link(from: number, to: number, reads?: Chars, length = reads === undefined ? 0 : 1): void {
    this.edges[from].push({ to, reads, length });
  }
}

/** A parsed pattern: its nodes build fragments (again for each copy a repetition needs). */
type Node =
  | { kind: 'char'; reads: Chars }
  | { kind: 'empty' }
  | { kind: 'sequence'; parts: Node[] }
  | { kind: 'choice'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/** The character sets read so far, by their source (a literal's character or a class): the patterns repeat a few of them many times. */
const charSets = new Map<string, Chars>();

function charSet(source: string, make: () => Chars): Chars {
  let chars = charSets.get(source);
  if (chars === undefined) charSets.set(source, (chars = make()));
  return chars;
}

/** Parses the regex source subset the phrase patterns use; anything else is an error (the derivation would be wrong). */
function parse(source: string): Node {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`phrase reach: ${what} at ${at} in /${source}/`);
  };
  const literal = (char: string): Chars => {
    if (char.charCodeAt(0) >= 128) fail(`non-ASCII '${char}'`);
    return charSet(char, () => {
      const ascii = new Uint8Array(128);
      ascii[char.charCodeAt(0)] = 1;
      return { ascii };
    });
  };
  const escaped = (char: string): string => (char === 'n' ? '\n' : char === 't' ? '\t' : /[\\/|[\]().?*+{}<>:_-]/.test(char) ? char : fail(`escape \\${char}`));

  function choice(): Node {
    const options = [sequence()];
    while (source[at] === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'choice', options };
  }

  function sequence(): Node {
    const parts: Node[] = [];
    while (at < source.length && source[at] !== '|' && source[at] !== ')') parts.push(quantified(atom()));
    return { kind: 'sequence', parts };
  }

  function atom(): Node {
    const char = source[at++];
    if (char === '(') {
      if (source.slice(at, at + 2) !== '?:') fail('capturing group or lookaround');
      at += 2;
      const inner = choice();
      if (source[at++] !== ')') fail('unclosed group');
      return inner;
    }
    if (char === '[') return { kind: 'char', reads: charClass() };
    if (char === '\\') {
      const next = source[at++];
      if (next === 'b') return { kind: 'empty' };
      return { kind: 'char', reads: literal(escaped(next)) };
    }
    if ('.?*+{}^$'.includes(char)) fail(`'${char}'`);
    return { kind: 'char', reads: literal(char) };
  }

  function charClass(): Chars {
    const from = at;
    const negated = source[at] === '^';
    if (negated) at++;
    const ranges: Array<[string, string]> = [];
    while (source[at] !== ']') {
      if (at >= source.length) fail('unclosed class');
      const read = (): string => (source[at] === '\\' ? escaped(source[(at += 2) - 1]) : source[at++]);
      const low = read();
      if (source[at] === '-' && source[at + 1] !== ']') {
        at++;
        ranges.push([low, read()]);
      } else ranges.push([low, low]);
    }
    at++;
    if (ranges.some(([low, high]) => high.charCodeAt(0) >= 128 || low > high)) fail('class beyond ASCII');
    return charSet(`[${source.slice(from, at)}`, () => {
      const ascii = new Uint8Array(128);
      for (const [low, high] of ranges) ascii.fill(1, low.charCodeAt(0), high.charCodeAt(0) + 1);
      for (let code = 0; negated && code < 128; code++) ascii[code] ^= 1;
      return { ascii };
    });
  }

  function quantified(node: Node): Node {
    const char = source[at];
    if (char === '?' || char === '*' || char === '+') {
      at++;
      return { kind: 'repeat', node, min: char === '+' ? 1 : 0, max: char === '?' ? 1 : Infinity };
    }
    if (char !== '{') return node;
    const bounds = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at)) ?? fail('quantifier');
    at += bounds[0].length;
    const min = Number(bounds[1]);
    return { kind: 'repeat', node, min, max: bounds[2] === undefined ? min : bounds[3] === '' ? Infinity : Number(bounds[3]) };
  }

  const node = choice();
  if (at !== source.length) fail(`'${source[at]}'`);
  return node;
}

/** Adds `node` to the automaton from state `from` on; returns the state it ends in. */
function build(automaton: Automaton, node: Node, from: number): number {
  switch (node.kind) {
    case 'char': {
      const end = automaton.state();
      automaton.link(from, end, node.reads);
      return end;
    }
    case 'empty':
      return from;
    case 'sequence':
      return node.parts.reduce((at, part) => build(automaton, part, at), from);
    case 'choice': {
      const ends = node.options.map((option) => build(automaton, option, from));
      const end = automaton.state();
      for (const at of ends) automaton.link(at, end);
      return end;
    }
    case 'repeat': {
      let at = from;
      for (let k = 0; k < node.min; k++) at = build(automaton, node.node, at);
      const optional = node.max === Infinity ? loopCopies : node.max - node.min;
      const skips: number[] = [];
      for (let k = 0; k < optional; k++) {
        skips.push(at);
        at = build(automaton, node.node, at);
      }
      const end = automaton.state();
      for (const skip of [...skips, at]) automaton.link(skip, end);
      if (node.max === Infinity) automaton.link(from, end, undefined, Infinity);
      return end;
    }
  }
}

/** Longest path lengths over an acyclic automaton whose states are numbered in an order its edges respect (as `build` makes them). */
function longestPaths(automaton: Automaton, start: number, end: number): { from: number[]; to: number[] } {
  const count = automaton.edges.length;
  const from = new Array<number>(count).fill(-Infinity);
  const to = new Array<number>(count).fill(-Infinity);
  from[start] = 0;
  for (let state = 0; state < count; state++) {
    for (const edge of automaton.edges[state]) {
      if (edge.to <= state) throw new Error('phrase reach: the automaton is not ordered');
      from[edge.to] = Math.max(from[edge.to], from[state] + edge.length);
    }
  }
  to[end] = 0;
  for (let state = count - 1; state >= 0; state--) {
    for (const edge of automaton.edges[state]) to[state] = Math.max(to[state], to[edge.to] + edge.length);
  }
  return { from, to };
}

/**
 * Per word, the reach of `pattern`'s matches around it where one holds it,
 * or undefined where none can (Infinity where a loop lets a match reach
 * without bound).
 */
export function phraseReaches(pattern: RegExp, words: readonly string[]): Array<Reach | undefined> {
  const automaton = new Automaton();
  const start = automaton.state();
  const end = build(automaton, parse(pattern.source), start);
  const paths = longestPaths(automaton, start, end);
  const reaches = new Map<string, Reach | undefined>();
  return words.map((word) => {
    const lower = word.toLowerCase();
    if (!reaches.has(lower)) reaches.set(lower, reachOf(automaton, paths, lower));
    return reaches.get(lower);
  });
}

/**
 * One pass over the states in order. A word may start on any edge reading
 * its first character from a state a path reaches, after the longest path
 * there; `partial` holds, per state reached with k >= 1 of the word's
 * characters just read, the longest stretch of a match before the word
 * (index k). Every edge leads to a later state, so a state's entry is
 * complete when the pass comes to it.
 */
function reachOf(automaton: Automaton, paths: { from: number[]; to: number[] }, word: string): Reach | undefined {
  const m = word.length;
  const codes = [...word].map((char) => char.charCodeAt(0));
  if (codes.some((code) => code >= 128)) throw new Error(`phrase reach: non-ASCII word '${word}'`);
  const partial = new Map<number, Float64Array>();
  const extend = (state: number, k: number, longest: number) => {
    let byCount = partial.get(state);
    if (byCount === undefined) partial.set(state, (byCount = new Float64Array(m + 1).fill(-Infinity)));
    byCount[k] = Math.max(byCount[k], longest);
  };
  let reach: Reach | undefined;
  automaton.edges.forEach((edges, state) => {
    if (paths.from[state] > -Infinity) for (const { to, reads } of edges) if (reads?.ascii[codes[0]] === 1) extend(to, 1, paths.from[state]);
    const byCount = partial.get(state);
    if (byCount === undefined) return;
    if (byCount[m] > -Infinity && paths.to[state] > -Infinity) reach = { before: Math.max(reach?.before ?? 0, byCount[m]), after: Math.max(reach?.after ?? 0, paths.to[state]) };
    for (let k = 1; k < m; k++) {
      if (byCount[k] === -Infinity) continue;
      // A word's characters follow one another: between them only edges reading nothing.
      for (const { to, reads } of edges) {
        if (reads === undefined) extend(to, k, byCount[k]);
        else if (reads.ascii[codes[k]] === 1) extend(to, k + 1, byCount[k]);
      }
    }
  });
  return reach;
}
