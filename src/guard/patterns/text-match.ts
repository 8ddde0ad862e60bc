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
 * Every match of a global pattern. `matchAll` works on a copy of the regex, so
 * a shared pattern's `lastIndex` is never read or written: no state leaks from
 * one scan to the next.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new Error(`pattern ${pattern} must be global to scan for all matches`);
  return [...text.matchAll(pattern)] as RegExpExecArray[];
}
