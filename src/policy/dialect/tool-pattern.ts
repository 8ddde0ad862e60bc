import { hasToolWildcard, parseSlashRegex, regexError, toolGlobToRegex } from './patterns.js';
import type { ToolPattern } from './policy-types.js';

/** Reads `tool:` (a name, a glob, a /regex/ or a list of them); returns an error message when a regex is invalid. */
export function readToolPattern(value: string | string[]): ToolPattern | string {
  const items = Array.isArray(value) ? value : [value];
  const pattern: ToolPattern = { label: Array.isArray(value) ? value.join(', ') : value, anyTool: false, names: [], prefixes: [], suffixes: [], regexes: [] };
  for (const item of items) {
    const slash = parseSlashRegex(item);
    if (/^\*+$/.test(item)) pattern.anyTool = true;
    else if (slash) {
      const source = slash.ignoreCase ? `(?i)${slash.source}` : slash.source;
      const problem = regexError(source);
      if (problem) return `invalid tool regex ${item}: ${problem}`;
      pattern.regexes.push(source);
    } else if (!hasToolWildcard(item)) pattern.names.push(item);
    else {
      // `git_*` and `*_file` are a prefix and a suffix test, cheaper than a regex at every decision.
      const affix = /^([^*?]+)\*+$/.exec(item) ?? /^\*+([^*?]+)$/.exec(item);
      if (!affix) pattern.regexes.push(toolGlobToRegex(item));
      else (item.endsWith('*') ? pattern.prefixes : pattern.suffixes).push(affix[1]);
    }
  }
  return pattern;
}
