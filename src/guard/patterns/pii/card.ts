import type { TextMatch } from '../text-match.js';
import { numberStartsMinimum, numberStartsOf } from './number-starts.js';

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

const fewestDigits = 13;
const mostDigits = 19;

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The end of the digits of `text` from `from` on, read up to `most` + 1 of them: a longer run is too long for whatever asks. */
function digitsEnd(text: string, from: number, most: number): number {
  let end = from;
  while (end <= from + most && isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** Whether a number may end at `end`: neither a digit nor a dash and a digit follows (the number would go on). */
function mayEndAt(text: string, end: number): boolean {
  return !isDigit(text.charCodeAt(end)) && !(text.charCodeAt(end) === 45 && isDigit(text.charCodeAt(end + 1)));
}

/** The card at `text[start, end)` when its digits have a brand: a known prefix and length, a valid Luhn check digit, not one digit repeated. */
function cardOf(text: string, start: number, end: number): TextMatch | undefined {
  const digits = text.slice(start, end).replace(/\D/g, '');
  // The Luhn check first: it is the cheapest test, and nine numbers in ten fail it (hex and IDs are full of digit runs).
  if (!passesLuhn(digits) || /^(\d)\1+$/.test(digits)) return undefined;
  const brand = brands.find((b) => b.prefix.test(digits) && b.lengths.includes(digits.length));
  return brand && { kind: 'pii.card', label: `${brand.name} card number`, start, end };
}

/**
 * The card number starting at `start` (a digit after neither a digit nor a
 * dash): 13-19 digits, ending where a number may end, either in one group
 * or grouped as printed on cards with one separator (a space or a dash):
 * 4-4-4-4 with a tail of 1-3 digits or none, Amex 4-6-5, Diners 4-6-4. The
 * readings that hold are tried, the longest first, until one has a brand.
 * Matching a pattern once per start, as a greedy regex does, tries only the
 * longest reading of the digits there: digits next to a card hid it
 * (`4111 1111 1111 1111 22`, `2 4111 1111 1111 1111`).
 */
function cardAt(text: string, start: number): TextMatch | undefined {
  const firstEnd = digitsEnd(text, start, mostDigits);
  const first = firstEnd - start;
  if (first >= fewestDigits && first <= mostDigits) return mayEndAt(text, firstEnd) ? cardOf(text, start, firstEnd) : undefined;
  if (first !== 4) return undefined;
  const separator = text.charCodeAt(firstEnd);
  // The ends of the groups after the first (up to four), each read up to seven digits: no card group is longer than six.
  const ends = [firstEnd];
  while (ends.length < 5 && text.charCodeAt(ends[ends.length - 1]) === separator && isDigit(text.charCodeAt(ends[ends.length - 1] + 1))) {
    ends.push(digitsEnd(text, ends[ends.length - 1] + 1, 6));
  }
  const group = (k: number) => ends[k] - ends[k - 1] - 1;
  const readings: number[] = [];
  if (ends.length === 5 && group(1) === 4 && group(2) === 4 && group(3) === 4 && group(4) <= 3) readings.push(ends[4]);
  if (ends.length >= 4 && group(1) === 4 && group(2) === 4 && group(3) === 4) readings.push(ends[3]);
  if (ends.length >= 3 && group(1) === 6 && (group(2) === 5 || group(2) === 4)) readings.push(ends[2]);
  for (const end of readings) {
    const card = mayEndAt(text, end) ? cardOf(text, start, end) : undefined;
    if (card !== undefined) return card;
  }
  return undefined;
}

/** Where a card number can start in `text`: each digit after neither a digit nor a dash. */
function digitStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isDigit(text.charCodeAt(i)) && !isDigit(text.charCodeAt(i - 1)) && text.charCodeAt(i - 1) !== 45) starts.push(i);
  }
  return starts;
}

/**
 * Payment card numbers: a known brand prefix and length, card-like grouping,
 * and a valid Luhn check digit, read from each place a number starts, none
 * inside another. `viaStarts` (the default for large texts) takes the places
 * number-starts.ts lists (those in a chain of 13 digits or more) instead of
 * every digit; the results are the same either way.
 */
export function findCardNumbers(text: string, viaStarts = text.length >= numberStartsMinimum): TextMatch[] {
  const matches: TextMatch[] = [];
  let next = 0;
  for (const start of viaStarts ? numberStartsOf(text).card : digitStarts(text)) {
    if (start < next) continue;
    const card = cardAt(text, start);
    if (card === undefined) continue;
    matches.push(card);
    next = card.end;
  }
  return matches;
}
