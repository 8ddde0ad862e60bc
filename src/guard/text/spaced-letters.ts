/**
 * Letters spelled out one by one ("i g n o r e", "I.G.N.O.R.E"): the matches
 * of the global regex
 *
 *   (?:^|[^a-zA-Z])[a-zA-Z]([^a-zA-Z]{1,3}[a-zA-Z]){4}(?![a-zA-Z])
 *
 * found with `matchAll`, without running the regex over the whole text.
 *
 * Such a match is five single ASCII letters of a chain: letters with no letter
 * next to them, one after the other with one to three other characters between
 * them. A chain of k letters holds floor(k / 5) matches, one per five letters,
 * each starting on the character before its first letter (at 0 for a letter at
 * 0). From a match's first letter to its last there are at least nine
 * characters and no two letters side by side, so every chain long enough has
 * two neighbouring positions (x, x + 1), x a multiple of 8, that are not both
 * letters. The scan looks only at those pairs, most of which sit inside
 * ordinary words, and follows a chain only from a pair that is not.
 */

const stride = 8;
const maxGap = 3;

function isLetter(text: string, i: number): boolean {
  const code = text.charCodeAt(i) | 32;
  return code >= 97 && code <= 122;
}

/** A letter with no letter on either side. */
function isSingle(text: string, i: number): boolean {
  return !isLetter(text, i - 1) && !isLetter(text, i + 1);
}

/** The single letter before the one at `i` in its chain (1 to 3 non-letters between), or -1. */
function previousInChain(text: string, i: number): number {
  for (let j = i - 2; j >= 0 && j >= i - 1 - maxGap; j--) {
    if (isLetter(text, j)) return isSingle(text, j) ? j : -1;
  }
  return -1;
}

/** The single letter after the one at `i` in its chain, or -1. */
function nextInChain(text: string, i: number): number {
  for (let j = i + 2; j < text.length && j <= i + 1 + maxGap; j++) {
    if (isLetter(text, j)) return isSingle(text, j) ? j : -1;
  }
  return -1;
}

/** [start, end) of every match, in text order. */
export function spacedLetterMatches(text: string): Array<[number, number]> {
  const matches: Array<[number, number]> = [];
  const n = text.length;
  // Chains end before this position: probes there have been followed already.
  let doneUntil = 0;
  for (let x = 0; x < n; x += stride) {
    if (x < doneUntil || (isLetter(text, x) && isLetter(text, x + 1))) continue;
    // The chain letter at or before x: x itself, or the letter ending the gap x is in (not of a chain already followed).
    const lowest = Math.max(doneUntil, x - maxGap);
    let letter = x;
    while (letter >= lowest && !isLetter(text, letter)) letter--;
    if (letter < lowest || !isSingle(text, letter)) continue;
    let first = letter;
    for (let previous = previousInChain(text, first); previous >= 0; previous = previousInChain(text, first)) first = previous;
    let count = 0;
    let groupStart = first;
    let last = first;
    for (let letter = first; letter >= 0; letter = nextInChain(text, letter)) {
      if (count % 5 === 0) groupStart = letter;
      count++;
      last = letter;
      if (count % 5 === 0) matches.push([groupStart === 0 ? 0 : groupStart - 1, letter + 1]);
    }
    doneUntil = last + 1;
  }
  return matches;
}
