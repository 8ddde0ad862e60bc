import { allMatches, type TextMatch } from '../text-match.js';

/**
 * North American numbers with separators: (415) 555-2671, 415-555-2671,
 * 415.555.2671, 1-415-555-2671. Area code and exchange start with 2-9, the
 * separators must agree, and a digit, word or dash around the number rejects
 * it, so dates, versions and long IDs do not match.
 */
const northAmerican =
  /(?<![\w+.-])(?:1[.-])?(?:\([2-9]\d{2}\) ?[2-9]\d{2}[.-]|[2-9]\d{2}([.-])[2-9]\d{2}\1)\d{4}(?![\w-]|\.\d)/g;

const maxInternationalLength = 24;
const internationalBody = /[\d .()-]/;

/**
 * International numbers written with a leading "+" (E.164): 8 to 15 digits,
 * with single spaces, dots, dashes or parentheses between them.
 */
function findInternational(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  for (let plus = text.indexOf('+'); plus >= 0; plus = text.indexOf('+', plus + 1)) {
    if (plus > 0 && /[\w+]/.test(text[plus - 1])) continue;
    if (!/[1-9(]/.test(text[plus + 1] ?? '')) continue;
    let end = plus + 1;
    while (end < text.length && end - plus <= maxInternationalLength && internationalBody.test(text[end])) {
      if (text[end] === ' ' && text[end - 1] === ' ') break;
      end++;
    }
    while (end > plus && !/\d/.test(text[end - 1])) end--;
    const digits = text.slice(plus, end).replace(/\D/g, '').length;
    if (digits < 8 || digits > 15) continue;
    if (end < text.length && /\w/.test(text[end])) continue;
    matches.push({ kind: 'pii.phone', label: 'phone number', start: plus, end });
  }
  return matches;
}

export function findPhoneNumbers(text: string): TextMatch[] {
  const international = findInternational(text);
  const matches = [...international];
  for (const match of allMatches(northAmerican, text)) {
    const start = match.index;
    if (international.some((m) => start >= m.start && start < m.end)) continue;
    matches.push({ kind: 'pii.phone', label: 'phone number', start, end: start + match[0].length });
  }
  return matches.sort((a, b) => a.start - b.start);
}
