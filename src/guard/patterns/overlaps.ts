import type { TextMatch } from './text-match.js';

/**
 * Of overlapping matches keeps the one listed first (callers list the more
 * specific matchers first); returns the survivors in text order. One sweep
 * after a sort: O(n log n) however many matches a hostile text produces.
 */
export function dropOverlaps(matches: TextMatch[]): TextMatch[] {
  const ranked = matches.map((match, priority) => ({ match, priority }));
  ranked.sort((a, b) => a.match.start - b.match.start || a.priority - b.priority);
  const kept: Array<{ match: TextMatch; priority: number }> = [];
  for (const candidate of ranked) {
    const last = kept[kept.length - 1];
    if (!last || candidate.match.start >= last.match.end) kept.push(candidate);
    else if (candidate.priority < last.priority) kept[kept.length - 1] = candidate;
  }
  return kept.map((k) => k.match);
}
