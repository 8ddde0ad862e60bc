import { createRequire } from 'node:module';
import { stripInvisible } from './invisible.js';

/**
 * Unicode TR39 confusables (from the unhomoglyph package's data): one character
 * to the ASCII-looking string it imitates. Only non-ASCII keys are used: the
 * table also maps ASCII to ASCII (`m` to `rn`, `1` to `l`) for its own
 * skeleton algorithm, which would garble ordinary text.
 */
const confusables: Record<string, string> = createRequire(import.meta.url)('unhomoglyph/data.json');

const foldTable = new Map<string, string>();
for (const [from, to] of Object.entries(confusables)) {
  if (/^[\x00-\x7f]*$/.test(from)) continue;
  // The skeleton writes "m" as "rn"; matching wants the letter back.
  foldTable.set(from, to === 'rn' ? 'm' : to.toLowerCase());
}

const nonAscii = /[^\x00-\x7f]/;
const nonAsciiRun = /[^\x00-\x7f]+/g;

export function isAscii(text: string): boolean {
  return !nonAscii.test(text);
}

/**
 * The form text is matched in: invisible characters removed, NFKC (full-width
 * and mathematical letters to ASCII), lower case, and remaining look-alikes
 * (Cyrillic "а", Greek "ο", ...) replaced by the letters they imitate.
 * Lower-casing comes before the confusables so capital Cyrillic/Greek I lands
 * on "i" rather than the skeleton's "l".
 */
export function foldForMatching(text: string): string {
  if (!nonAscii.test(text)) return text.toLowerCase();
  const lowered = stripInvisible(text).normalize('NFKC').toLowerCase();
  return lowered.replace(nonAsciiRun, (run) => {
    let out = '';
    for (const char of run) out += foldTable.get(char) ?? char;
    return out;
  });
}
