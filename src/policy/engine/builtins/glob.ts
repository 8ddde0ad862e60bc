import { RE2JS } from 're2js';
import { compiledCache } from './compiled-cache.js';
import { builtinError } from './errors.js';
import { ensureOneOf, ensureString, ensureStrings } from './operands.js';

/*
 * glob.match with the semantics of the gobwas/glob library OPA uses: `*`
 * matches any run of non-delimiter characters, `**` any run at all, `?` one
 * non-delimiter character, `[abc]` `[a-z]` `[!abc]` character classes,
 * `{a,b}` alternatives (which may nest), `\` escapes. A glob is translated to
 * an RE2 expression (linear-time matching) and compiled once per process.
 */

const SPECIAL = new Set(['*', '?', '\\', '[', ']', '{', '}']);

function reEscape(ch: string): string {
  return /[\\.+*?()|[\]{}^$-]/.test(ch) ? `\\${ch}` : ch;
}

function translate(glob: string, delimiters: string[]): string {
  const chars = [...glob];
  const notDelimiter = delimiters.length === 0 ? '(?s:.)' : `[^${delimiters.map(reEscape).join('')}]`;
  let i = 0;

  const fail = (reason: string): never => {
    throw new Error(`${reason} in glob ${JSON.stringify(glob)}`);
  };

  const parseClass = (): string => {
    i++;
    const negated = chars[i] === '!';
    if (negated) i++;
    let body = '';
    while (i < chars.length && chars[i] !== ']') {
      let ch = chars[i];
      if (ch === '\\') ch = chars[++i] ?? fail('unexpected end');
      if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
        const hi = chars[i + 2];
        if (hi.codePointAt(0)! < ch.codePointAt(0)!) fail('invalid range');
        body += `${reEscape(ch)}-${reEscape(hi)}`;
        i += 3;
      } else {
        body += reEscape(ch);
        i++;
      }
    }
    if (i >= chars.length) fail('unclosed character class');
    if (body === '') fail('empty character class');
    i++;
    return `[${negated ? '^' : ''}${body}]`;
  };

  /** Parses until the end, or until `,` / `}` inside alternatives. */
  const parseSequence = (inAlternatives: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const ch = chars[i];
      if (inAlternatives && (ch === ',' || ch === '}')) return out;
      if (ch === '*') {
        if (chars[i + 1] === '*') {
          out += '(?s:.*)';
          i += 2;
        } else {
          out += `${notDelimiter}*`;
          i++;
        }
      } else if (ch === '?') {
        out += notDelimiter;
        i++;
      } else if (ch === '[') {
        out += parseClass();
      } else if (ch === '{') {
        i++;
        const alternatives = [parseSequence(true)];
        while (chars[i] === ',') {
          i++;
          alternatives.push(parseSequence(true));
        }
        if (chars[i] !== '}') fail('unclosed alternatives');
        i++;
        out += `(?:${alternatives.join('|')})`;
      } else if (ch === '\\') {
        if (i + 1 >= chars.length) fail('unexpected end of escape');
        out += reEscape(chars[i + 1]);
        i += 2;
      } else if (ch === ']' || ch === '}') {
        fail(`unexpected ${ch}`);
      } else {
        out += reEscape(ch);
        i++;
      }
    }
    return out;
  };

  return `^${parseSequence(false)}$`;
}

const cachedGlob = compiledCache((key: string) => {
  const [delimiters, glob] = JSON.parse(key) as [string[], string];
  return RE2JS.compile(translate(glob, delimiters));
});

function match(pattern: unknown, delimiters: unknown, value: unknown): boolean {
  const glob = ensureString('glob.match', 1, pattern);
  ensureOneOf('glob.match', 2, delimiters, ['array', 'null']);
  const s = ensureString('glob.match', 3, value);
  let delims: string[] = [];
  if (Array.isArray(delimiters)) {
    delims = ensureStrings('glob.match', 2, delimiters).flatMap((d) => [...d]);
    if (delimiters.length === 0) delims = ['.'];
  }
  let compiled: RE2JS;
  try {
    compiled = cachedGlob(JSON.stringify([delims, glob]));
  } catch (err) {
    throw builtinError('glob.match', (err as Error).message);
  }
  return compiled.test(s);
}

function quoteMeta(pattern: unknown): string {
  return [...ensureString('glob.quote_meta', 1, pattern)].map((ch) => (SPECIAL.has(ch) ? `\\${ch}` : ch)).join('');
}

export const globBuiltins = {
  'glob.match': match,
  'glob.quote_meta': quoteMeta,
};
