import { allMatches, matchesStartingAt, type TextMatch } from '../text-match.js';
import { numberStartsMinimum, numberStartsOf } from './number-starts.js';

/**
 * North American numbers with separators: (415) 555-2671, 415-555-2671,
 * 415.555.2671, 1-415-555-2671. Area code and exchange start with 2-9, the
 * separators must agree, and a digit, word or dash around the number rejects
 * it, so dates, versions and long IDs do not match.
 */
const northAmerican =
  /(?<![\w+.-])(?:1[.-])?(?:\([2-9]\d{2}\) ?[2-9]\d{2}[.-]|[2-9]\d{2}([.-])[2-9]\d{2}\1)\d{4}(?![\w-]|\.\d)/g;

const maxInternationalLength = 24;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Digits, spaces, dots, dashes and parentheses: what may follow the "+". */
function isPhoneBody(code: number): boolean {
  return isDigit(code) || code === 32 || code === 46 || code === 45 || code === 40 || code === 41;
}

function isWordChar(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * International numbers written with a leading "+" (E.164): 8 to 15 digits,
 * with single spaces, dots, dashes or parentheses between them.
 */
export function findInternationalPhoneNumbers(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  for (let plus = text.indexOf('+'); plus >= 0; plus = text.indexOf('+', plus + 1)) {
    const before = plus > 0 ? text.charCodeAt(plus - 1) : 32;
    if (isWordChar(before) || before === 43) continue;
    const first = text.charCodeAt(plus + 1);
    if (!((first >= 49 && first <= 57) || first === 40)) continue;
    let end = plus + 1;
    let digits = 0;
    let lastDigitEnd = plus;
    while (end < text.length && end - plus <= maxInternationalLength) {
      const code = text.charCodeAt(end);
      if (!isPhoneBody(code) || (code === 32 && text.charCodeAt(end - 1) === 32)) break;
      if (isDigit(code)) {
        digits++;
        lastDigitEnd = end + 1;
      }
      end++;
    }
    if (digits < 8 || digits > 15) continue;
    if (lastDigitEnd < text.length && isWordChar(text.charCodeAt(lastDigitEnd))) continue;
    matches.push({ kind: 'pii.phone', label: 'phone number', start: plus, end: lastDigitEnd });
  }
  return matches;
}

/** `viaStarts`: as for `findCardNumbers`. */
export function findNorthAmericanPhoneNumbers(text: string, viaStarts = text.length >= numberStartsMinimum): TextMatch[] {
  const found = viaStarts ? matchesStartingAt(northAmerican, text, numberStartsOf(text).phone) : allMatches(northAmerican, text);
  return found.map((match) => ({ kind: 'pii.phone', label: 'phone number', start: match.index, end: match.index + match[0].length }));
}

/** Both kinds; a North American number inside an international one is not listed again. */
export function findPhoneNumbers(text: string, viaStarts = text.length >= numberStartsMinimum): TextMatch[] {
  const international = findInternationalPhoneNumbers(text);
  const matches = [...international];
  for (const match of findNorthAmericanPhoneNumbers(text, viaStarts)) {
    if (international.some((m) => match.start >= m.start && match.start < m.end)) continue;
    matches.push(match);
  }
  return matches.sort((a, b) => a.start - b.start);
}
