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

/**
 * What `allMatches(pattern, text)` finds, given that every match starts at one
 * of `positions` (in text order): the pattern is tried at each of them with a
 * sticky copy, skipping those inside the previous match, as the global scan does.
 */
export function matchesStartingAt(pattern: RegExp, text: string, positions: readonly number[]): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  if (positions.length === 0) return matches;
  // A sticky copy per call: its lastIndex is set here and seen nowhere else.
  const atPosition = new RegExp(pattern, pattern.flags.replace('g', '') + 'y');
  let next = 0;
  for (const position of positions) {
    if (position < next) continue;
    atPosition.lastIndex = position;
    const match = atPosition.exec(text);
    if (match === null) continue;
    matches.push(match);
    next = position + Math.max(match[0].length, 1);
  }
  return matches;
}
