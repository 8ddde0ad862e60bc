/** A span of text recognised as something sensitive. */
export interface TextMatch {
  /** Dotted kind: "pii.email", "secret.github_token", ... */
  kind: string;
  /** Human-readable name: "email address". Never contains the matched text. */
  label: string;
  start: number;
  end: number;
}

export type TextMatcher = (text: string) => TextMatch[];

/**
 * Every match of a global pattern, without shared state: `search` restores the
 * pattern's `lastIndex` and `matchAll` works on a copy, so nothing leaks from
 * one scan to the next. `search` goes first because most texts do not match
 * and copying the regex for `matchAll` is the expensive part.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new Error(`pattern ${pattern} must be global to scan for all matches`);
  if (text.search(pattern) < 0) return [];
  return [...text.matchAll(pattern)] as RegExpExecArray[];
}
