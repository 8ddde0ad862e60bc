/**
 * Whether each of `words` (lower-case ASCII letters) holds a letter that
 * `text` lacks in either case, and as U+0130 or U+212A, which lower-case to
 * "i" and "k" (`squashedLetters` reads them so): then the text's squashed
 * letters hold none of the words. Hex, with the letters a-f only, lacks most.
 * A letter of a sample of the text is there; the others are looked for with
 * `includes`, many times faster than squashing a large text, and the first
 * one found ends the attempt (false: the words may be there).
 */
export function eachWordLacksALetter(text: string, words: readonly string[]): boolean {
  const seen = sampledLetters(text);
  const absent = new Set<string>();
  for (const word of words) {
    if ([...word].some((letter) => absent.has(letter))) continue;
    const unseen = [...word].find((letter) => !seen.has(letter));
    if (unseen === undefined || formsOf(unseen).some((form) => text.includes(form))) return false;
    absent.add(unseen);
  }
  return true;
}

/** The code units that lower-case to `letter`: both cases, and U+0130 for "i", U+212A for "k". */
function formsOf(letter: string): string[] {
  return [letter, letter.toUpperCase(), ...(letter === 'i' ? ['\u0130'] : letter === 'k' ? ['\u212a'] : [])];
}

/** The lower-case ASCII letters of 64 stretches of 64 characters spread over `text` (read with `charCodeAt`: a few thousand). */
function sampledLetters(text: string): Set<string> {
  const seen = new Set<string>();
  const step = Math.max(64, Math.floor(text.length / 64));
  for (let start = 0; start < text.length; start += step) {
    for (let i = start; i < Math.min(text.length, start + 64); i++) {
      const lower = text.charCodeAt(i) | 32;
      if (lower >= 97 && lower <= 122) seen.add(String.fromCharCode(lower));
    }
  }
  return seen;
}
