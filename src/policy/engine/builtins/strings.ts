import { builtinError, typeError } from './errors.js';
import { ensureInteger, ensureNumber, ensureObject, ensureOneOf, ensureString, ensureStrings, typeNameOf } from './operands.js';
import { sprintf } from './sprintf.js';
import { renderTemplate } from './text-template.js';
import { compareStrings } from './values.js';

/** format_int truncates toward zero, as Go's big.Float.Int does. */
function formatInt(number: unknown, base: unknown): string {
  const n = ensureNumber('format_int', 1, number);
  const b = ensureNumber('format_int', 2, base);
  if (![2, 8, 10, 16].includes(b)) throw typeError('format_int', 'operand 2 must be one of {2, 8, 10, 16}');
  return BigInt(Math.trunc(n)).toString(b);
}

/** Code point offsets of every (possibly overlapping) occurrence. */
function indexofN(haystack: unknown, needle: unknown): number[] {
  const base = [...ensureString('indexof_n', 1, haystack)];
  const search = [...ensureString('indexof_n', 2, needle)];
  if (search.length === 0) throw builtinError('indexof_n', 'empty search character');
  const found: number[] = [];
  for (let i = 0; i + search.length <= base.length; i++) {
    if (search.every((ch, j) => base[i + j] === ch)) found.push(i);
  }
  return found;
}

function stringOrStrings(builtin: string, pos: number, value: unknown): string[] {
  ensureOneOf(builtin, pos, value, ['string', 'set', 'array']);
  return typeof value === 'string' ? [value] : ensureStrings(builtin, pos, value as unknown[]);
}

function anyPrefixMatch(search: unknown, base: unknown): boolean {
  const strings = stringOrStrings('strings.any_prefix_match', 1, search);
  const prefixes = stringOrStrings('strings.any_prefix_match', 2, base);
  return strings.some((s) => prefixes.some((p) => s.startsWith(p)));
}

function anySuffixMatch(search: unknown, base: unknown): boolean {
  const strings = stringOrStrings('strings.any_suffix_match', 1, search);
  const suffixes = stringOrStrings('strings.any_suffix_match', 2, base);
  return strings.some((s) => suffixes.some((p) => s.endsWith(p)));
}

/** Go's strings.Count: non-overlapping occurrences; an empty substring counts code points plus one. */
function count(search: unknown, substring: unknown): number {
  const s = ensureString('strings.count', 1, search);
  const sub = ensureString('strings.count', 2, substring);
  if (sub === '') return [...s].length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/**
 * strings.replace_n follows Go's strings.Replacer over the pattern keys in
 * sorted order: at each position the first key (in that order) that matches
 * wins, and replaced text is not scanned again.
 */
function replaceN(patterns: unknown, value: unknown): string {
  const obj = ensureObject('strings.replace_n', 1, patterns);
  const s = ensureString('strings.replace_n', 2, value);
  const keys = Object.keys(obj).sort(compareStrings);
  for (const k of keys) {
    if (typeof obj[k] !== 'string') {
      throw typeError('strings.replace_n', `operand 1 must be object of strings but got object containing ${typeNameOf(obj[k])}`);
    }
  }
  const nonEmpty = keys.filter((k) => k !== '');
  const empty = keys.includes('') ? (obj[''] as string) : undefined;
  let out = '';
  let i = 0;
  while (i <= s.length) {
    const key = nonEmpty.find((k) => s.startsWith(k, i));
    if (key !== undefined) {
      out += obj[key] as string;
      i += key.length;
      continue;
    }
    if (empty !== undefined) out += empty;
    if (i === s.length) break;
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    out += ch;
    i += ch.length;
  }
  return out;
}

function reverse(value: unknown): string {
  return [...ensureString('strings.reverse', 1, value)].reverse().join('');
}

/** Go's strings.SplitN: n < 0 splits everywhere, n == 0 gives nothing, n > 0 at most n parts. */
function splitN(value: unknown, delimiter: unknown, limit: unknown): string[] {
  const s = ensureString('strings.split_n', 1, value);
  const sep = ensureString('strings.split_n', 2, delimiter);
  const n = ensureInteger('strings.split_n', 3, limit);
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n < 0 || chars.length <= n) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function renderTemplateBuiltin(template: unknown, vars: unknown): string {
  const text = ensureString('strings.render_template', 1, template);
  const data = ensureObject('strings.render_template', 2, vars);
  try {
    return renderTemplate(text, data);
  } catch (err) {
    throw builtinError('strings.render_template', (err as Error).message);
  }
}

export const stringBuiltins = {
  sprintf,
  format_int: formatInt,
  indexof_n: indexofN,
  'strings.any_prefix_match': anyPrefixMatch,
  'strings.any_suffix_match': anySuffixMatch,
  'strings.count': count,
  'strings.replace_n': replaceN,
  'strings.reverse': reverse,
  'strings.split_n': splitN,
  'strings.render_template': renderTemplateBuiltin,
};
