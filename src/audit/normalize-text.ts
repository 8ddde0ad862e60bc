/**
 * The form text is compared in when looking for secrets: NFKC folds fullwidth
 * and compatibility characters to ASCII, and format characters (zero-width
 * spaces and joiners, bidi controls, soft hyphens) are dropped, so "pass\u200Bword"
 * or "ｔｏｋｅｎ" cannot slip past a matcher. So is U+FFFD, which is what a lone
 * surrogate slipped into a secret becomes before matching (json-safe.ts).
 */
export function foldForMatching(text: string): string {
  // Printable ASCII is already folded: skip the costly normalization.
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return text.normalize('NFKC').replace(/[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\uFFFD]/gu, '');
}
