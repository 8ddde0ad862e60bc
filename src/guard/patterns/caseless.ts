/**
 * Makes a regex source match letters in either case by spelling them as
 * classes (`ssn` -> `[sS][sS][nN]`), leaving escapes and character classes
 * alone. V8 scans such patterns much faster than the same pattern with the
 * `i` flag on large two-byte strings.
 */
export function caseless(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[++i] ?? '');
    } else if (c === '[') {
      let j = i + 1;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j;
    } else if (/[a-z]/i.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return out;
}
