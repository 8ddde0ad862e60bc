import { countrySpecs, isValidIBAN } from 'ibantools';
import { allMatches, matchesStartingAt, type TextMatch } from '../text-match.js';
import { numberStartsMinimum, numberStartsOf } from './number-starts.js';

/** Country code, check digits, then the account in groups of four (printed) or unbroken (electronic). */
const candidate = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![a-z0-9])/g;

/** Where, in `raw`, the `count`-th non-space character ends. */
function offsetAfterChars(raw: string, count: number): number {
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== ' ') seen++;
    if (seen === count) return i + 1;
  }
  return raw.length;
}

/**
 * IBANs whose length fits their country and whose mod-97 check holds (checked
 * by ibantools). A candidate that runs into a following word is cut back to
 * its country's length first. `viaStarts`: as for `findCardNumbers`.
 */
export function findIbans(text: string, viaStarts = text.length >= numberStartsMinimum): TextMatch[] {
  const matches: TextMatch[] = [];
  for (const match of viaStarts ? matchesStartingAt(candidate, text, numberStartsOf(text).iban) : allMatches(candidate, text)) {
    const raw = match[0];
    const electronic = raw.replace(/ /g, '');
    const expected = countrySpecs[electronic.slice(0, 2)]?.chars;
    if (!expected || electronic.length < expected) continue;
    if (!isValidIBAN(electronic.slice(0, expected))) continue;
    const end = match.index + offsetAfterChars(raw, expected);
    if (end < match.index + raw.length && raw[end - match.index] !== ' ') continue;
    matches.push({ kind: 'pii.iban', label: 'IBAN (bank account)', start: match.index, end });
  }
  return matches;
}
