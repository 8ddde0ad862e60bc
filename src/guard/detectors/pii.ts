import { piiKinds, type PiiKind } from '../kinds.js';
import { piiMatchers } from '../patterns/pii/index.js';
import { findInternationalPhoneNumbers, findNorthAmericanPhoneNumbers } from '../patterns/pii/phone.js';
import type { TextMatch } from '../patterns/text-match.js';
import { linesMatching } from '../text/digit-lines.js';
import { compatibilityWindows } from '../text/fold.js';
import type { ScannedString } from './scanned-string.js';

/** From this length on, the number patterns are searched only in the lines that can hold their numbers. */
const numberLinesMinimum = 16 * 1024;

/**
 * Four digits in a row: every card number reported (unbroken, or grouped
 * 4-4-4-4, 4-6-5, 4-6-4), social security number (its serial, or nine
 * labelled digits) and North American phone number (its line number) holds them.
 */
const fourDigits = /\d\d\d\d/;
/** A country code and check digits: every IBAN starts with them. */
const ibanStart = /[A-Z][A-Z]\d\d/;

/** The lines of a large text where the number patterns can match. */
interface NumberLines {
  withFourDigits: string;
  withIbanStart: string;
}

/**
 * The matches of one PII kind in `text`. With `lines` (of a large text), the
 * number patterns search only the lines that can hold what they report: none
 * of their matches spans a line break, so they find the same numbers there
 * (at other positions: only the kinds are used here). E-mail addresses and
 * "+" numbers (whose digits may all be single) are searched in the whole text.
 */
function matchesOf(kind: PiiKind, text: string, lines: NumberLines | undefined): TextMatch[] {
  if (lines === undefined || kind === 'pii.email') return piiMatchers[kind](text);
  if (kind === 'pii.phone') return [...findInternationalPhoneNumbers(text), ...findNorthAmericanPhoneNumbers(lines.withFourDigits)];
  return piiMatchers[kind](kind === 'pii.iban' ? lines.withIbanStart : lines.withFourDigits);
}

/** Every kind needs an ASCII digit or an "@" (full-width ones are in the NFKC variants). */
const digitOrAt = /[0-9@]/;

/** Personal data: email, phone, SSN, payment card (Luhn), IBAN (mod 97); also in full-width digits and letters. */
export function detectPii(scanned: ScannedString): string[] {
  const details = new Set<string>();
  // Around full-width and other compatibility characters, the NFKC form too (an IBAN is at most 42 characters long).
  const variants = [scanned.text, ...compatibilityWindows(scanned.text, 48)];
  for (const text of variants) {
    if (!digitOrAt.test(text)) continue;
    const lines = text.length >= numberLinesMinimum ? { withFourDigits: linesMatching(text, fourDigits), withIbanStart: linesMatching(text, ibanStart) } : undefined;
    for (const kind of piiKinds) {
      for (const match of matchesOf(kind, text, lines)) details.add(`${match.kind}: ${match.label}`);
    }
  }
  return [...details];
}
