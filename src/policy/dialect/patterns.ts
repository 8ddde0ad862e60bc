import { RE2JS } from 're2js';

/**
 * Glob and regex handling shared by tool patterns and condition operators.
 * Globs are translated to anchored RE2 regexes here, so the generated Rego needs
 * only `regex.match` and every glob metacharacter is escaped by one function.
 */

/** `/regex/` or `/regex/i` as written in a policy; undefined when `text` is not slash-delimited. */
export function parseSlashRegex(text: string): { source: string; ignoreCase: boolean } | undefined {
  const match = /^\/(.+)\/(i?)$/s.exec(text);
  return match ? { source: match[1], ignoreCase: match[2] === 'i' } : undefined;
}

/** Patterns already checked (policies repeat them across rules), with their error; bounded. */
const checked = new Map<string, string | undefined>();
const MAX_CHECKED = 4096;

/** The RE2 syntax error in `pattern`, or undefined when it compiles. */
export function regexError(pattern: string): string | undefined {
  if (checked.has(pattern)) return checked.get(pattern);
  let problem: string | undefined;
  try {
    RE2JS.compile(pattern);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (checked.size >= MAX_CHECKED) checked.clear();
  checked.set(pattern, problem);
  return problem;
}

/** Escapes every RE2 metacharacter, so the text matches only itself. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * Tool-name glob: `*` is any run of characters, `?` is one character, everything
 * else (including `[`, `{`, `\`, `.`) is literal.
 */
export function toolGlobToRegex(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += escapeRegex(ch);
  }
  return `(?s)^${out}$`;
}

export function hasToolWildcard(name: string): boolean {
  return name.includes('*') || name.includes('?');
}

/**
 * Path glob for the `glob` operator: `**` crosses `/`, `*` and `?` do not,
 * `[abc]`/`[!abc]` are character classes, `{a,b}` alternatives, `\x` a literal x.
 * Returns the anchored RE2 source or an error message.
 */
export function pathGlobToRegex(glob: string): { regex: string } | { error: string } {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '\\') {
      if (i + 1 >= glob.length) return { error: 'glob ends with a lone backslash' };
      out += escapeRegex(glob[++i]);
    } else if (ch === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) return { error: `unclosed [ at offset ${i}` };
      let body = glob.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      if (body === '') return { error: `empty character class at offset ${i}` };
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^[]/g, '\\$&')}]`;
      i = end;
    } else if (ch === '{') {
      braces++;
      out += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (ch === ',' && braces > 0) out += '|';
    else out += escapeRegex(ch);
  }
  if (braces > 0) return { error: 'unclosed {' };
  return { regex: `(?s)^${out}$` };
}
