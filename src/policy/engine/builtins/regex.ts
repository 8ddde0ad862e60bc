import { RE2JS } from 're2js';
import { compiledCache } from './compiled-cache.js';
import { builtinError } from './errors.js';
import { ensureInteger, ensureString } from './operands.js';
import { globsIntersect } from './regex-intersection.js';

/*
 * Regular expressions with RE2 semantics (Go's regexp): linear-time matching,
 * no backreferences or lookaround. Each pattern is compiled once per process.
 */

interface GoRegexp {
  findAll(s: string, n: number): string[];
  findAllSubmatch(s: string, n: number): (string | null)[][];
  findAllIndex(s: string, n: number): number[][];
  findAllSubmatchIndex(s: string, n: number): number[][];
  namedGroups: Record<string, number>;
}

interface Compiled {
  pattern: RE2JS;
  go: GoRegexp;
}

function compileRegex(source: string): Compiled {
  const pattern = RE2JS.compile(source);
  return { pattern, go: pattern.re2() as unknown as GoRegexp };
}

const cachedRegex = compiledCache(compileRegex);

/** Compiles with the cache, turning a syntax error into the builtin's error. */
export function regexFor(builtin: string, source: string): Compiled {
  try {
    return cachedRegex(source);
  } catch (err) {
    throw builtinError(builtin, (err as Error).message);
  }
}

function match(pattern: unknown, value: unknown): boolean {
  const p = ensureString('regex.match', 1, pattern);
  const s = ensureString('regex.match', 2, value);
  return regexFor('regex.match', p).pattern.test(s);
}

function isValid(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  try {
    cachedRegex(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Go's Regexp.Split(s, -1). */
function split(pattern: unknown, value: unknown): string[] {
  const p = ensureString('regex.split', 1, pattern);
  const s = ensureString('regex.split', 2, value);
  if (p !== '' && s === '') return [''];
  const parts: string[] = [];
  let begin = 0;
  let end = 0;
  for (const [start, stop] of regexFor('regex.split', p).go.findAllIndex(s, -1)) {
    end = start;
    if (stop !== 0) parts.push(s.slice(begin, end));
    begin = stop;
  }
  if (end !== s.length) parts.push(s.slice(begin));
  return parts;
}

function findN(pattern: unknown, value: unknown, limit: unknown): string[] {
  const p = ensureString('regex.find_n', 1, pattern);
  const s = ensureString('regex.find_n', 2, value);
  const n = ensureInteger('regex.find_n', 3, limit);
  return regexFor('regex.find_n', p).go.findAll(s, n) ?? [];
}

function findAllStringSubmatchN(pattern: unknown, value: unknown, limit: unknown): string[][] {
  const builtin = 'regex.find_all_string_submatch_n';
  const p = ensureString(builtin, 1, pattern);
  const s = ensureString(builtin, 2, value);
  const n = ensureInteger(builtin, 3, limit);
  const found = regexFor(builtin, p).go.findAllSubmatch(s, n) ?? [];
  return found.map((groups) => groups.map((g) => g ?? ''));
}

/**
 * Go's Regexp.Expand: `$name` takes the longest run of letters, digits and
 * underscores as a group name or number, `${name}` is explicit, `$$` is a
 * dollar; unknown groups expand to nothing.
 */
function expand(template: string, s: string, indices: number[], named: Record<string, number>): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '$' || i + 1 >= template.length) {
      out += ch;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    let next = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close === -1 ? '' : template.slice(i + 2, close);
      if (close !== -1 && /^\w+$/.test(inner)) {
        name = inner;
        next = close + 1;
      }
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (m) {
        name = m[0];
        next = i + 1 + m[0].length;
      }
    }
    if (name === undefined) {
      out += ch;
      continue;
    }
    const group = /^\d+$/.test(name) ? Number(name) : named[name];
    if (group !== undefined && 2 * group + 1 < indices.length && indices[2 * group] >= 0) {
      out += s.slice(indices[2 * group], indices[2 * group + 1]);
    }
    i = next - 1;
  }
  return out;
}

function replace(value: unknown, pattern: unknown, replacement: unknown): string {
  const s = ensureString('regex.replace', 1, value);
  const p = ensureString('regex.replace', 2, pattern);
  const r = ensureString('regex.replace', 3, replacement);
  const { go } = regexFor('regex.replace', p);
  let out = '';
  let last = 0;
  for (const indices of go.findAllSubmatchIndex(s, -1) ?? []) {
    out += s.slice(last, indices[0]) + expand(r, s, indices, go.namedGroups);
    last = indices[1];
  }
  return out + s.slice(last);
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * regex.template_match: the template holds regular expressions between the
 * (single-character) delimiters and literal text elsewhere; it matches when the
 * whole value matches.
 */
function templateMatch(template: unknown, value: unknown, delimiterStart: unknown, delimiterEnd: unknown): boolean {
  const builtin = 'regex.template_match';
  const tpl = ensureString(builtin, 1, template);
  const s = ensureString(builtin, 2, value);
  const open = ensureString(builtin, 3, delimiterStart);
  const close = ensureString(builtin, 4, delimiterEnd);
  if (open.length !== 1 || close.length !== 1) throw builtinError(builtin, 'delimiters must be single characters');
  const bounds: number[] = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < tpl.length; i++) {
    if (tpl[i] === open) {
      if (++level === 1) start = i;
    } else if (tpl[i] === close) {
      if (--level === 0) bounds.push(start, i + 1);
      else if (level < 0) throw builtinError(builtin, `unbalanced braces in ${JSON.stringify(tpl)}`);
    }
  }
  if (level !== 0) throw builtinError(builtin, `unbalanced braces in ${JSON.stringify(tpl)}`);
  let pattern = '^';
  let end = 0;
  for (let i = 0; i < bounds.length; i += 2) {
    pattern += `${quoteMeta(tpl.slice(end, bounds[i]))}(${tpl.slice(bounds[i] + 1, bounds[i + 1] - 1)})`;
    end = bounds[i + 1];
  }
  pattern += `${quoteMeta(tpl.slice(end))}$`;
  return regexFor(builtin, pattern).pattern.test(s);
}

function globsMatch(a: unknown, b: unknown): boolean {
  const builtin = 'regex.globs_match';
  return globsIntersect(builtin, ensureString(builtin, 1, a), ensureString(builtin, 2, b));
}

export const regexBuiltins = {
  'regex.match': match,
  'regex.is_valid': isValid,
  'regex.split': split,
  'regex.find_n': findN,
  'regex.find_all_string_submatch_n': findAllStringSubmatchN,
  'regex.replace': replace,
  'regex.template_match': templateMatch,
  'regex.globs_match': globsMatch,
};
