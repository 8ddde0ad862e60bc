import { allMatches, matchesStartingAt, type TextMatch } from '../text-match.js';
import { numberStartsMinimum, numberStartsOf } from './number-starts.js';

/** 13-19 digits, optionally grouped by single spaces or dashes, not inside a longer digit run. */
const candidate = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d]|-\d)/g;

interface CardBrand {
  name: string;
  prefix: RegExp;
  lengths: number[];
}

const brands: CardBrand[] = [
  { name: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'Mastercard', prefix: /^(?:5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] },
  { name: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { name: 'Discover', prefix: /^(?:6011|65|64[4-9])/, lengths: [16, 19] },
  { name: 'Diners Club', prefix: /^(?:30[0-5]|36|38|39)/, lengths: [14, 16, 19] },
  { name: 'JCB', prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'Maestro', prefix: /^(?:5018|5020|5038|5893|6304|6759|676[1-3])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Groups as printed on cards: 4-4-4-4 (and 17-19 digit tails), Amex 4-6-5, Diners 4-6-4; or no separators at all. */
function groupedLikeACard(raw: string): boolean {
  const separators = raw.replace(/\d/g, '');
  if (separators.length === 0) return true;
  if (new Set(separators).size !== 1) return false;
  const groups = raw.split(separators[0]).map((g) => g.length).join('-');
  return /^(?:4-4-4-4(?:-[1-3])?|4-6-5|4-6-4)$/.test(groups);
}

/**
 * Payment card numbers: a known brand prefix and length, card-like grouping,
 * and a valid Luhn check digit. `viaStarts` (the default for large texts)
 * tries the pattern only where it can start (number-starts.ts) instead of
 * scanning the whole text; the results are the same either way.
 */
export function findCardNumbers(text: string, viaStarts = text.length >= numberStartsMinimum): TextMatch[] {
  const matches: TextMatch[] = [];
  for (const match of viaStarts ? matchesStartingAt(candidate, text, numberStartsOf(text).card) : allMatches(candidate, text)) {
    const raw = match[0];
    const digits = raw.replace(/\D/g, '');
    // The Luhn check first: it is the cheapest test, and nine numbers in ten fail it (hex and IDs are full of digit runs).
    if (!passesLuhn(digits)) continue;
    const brand = brands.find((b) => b.prefix.test(digits) && b.lengths.includes(digits.length));
    if (!brand || !groupedLikeACard(raw) || /^(\d)\1+$/.test(digits)) continue;
    matches.push({ kind: 'pii.card', label: `${brand.name} card number`, start: match.index, end: match.index + raw.length });
  }
  return matches;
}
