import { piiKinds, type PiiKind } from '../kinds.js';
import { piiMatchers } from '../patterns/pii/index.js';
import { findInternationalPhoneNumbers, findNorthAmericanPhoneNumbers } from '../patterns/pii/phone.js';
import type { TextMatch } from '../patterns/text-match.js';
import { linesMatching } from '../text/digit-lines.js';
import { compatibilityWindows, isAscii } from '../text/fold.js';
import type { ScannedString } from './scanned-string.js';

/** From this length on, the number patterns are searched only in the lines that can hold their numbers. */
const numberLinesMinimum = 16 * 1024;

/**
 * Two digits after two digits or capital letters: every card number reported
 * (unbroken, or grouped 4-4-4-4, 4-6-5, 4-6-4), social security number (its
 * serial, or nine labelled digits) and North American phone number (its line
 * number) holds four digits in a row, and every IBAN starts with a country
 * code and check digits. One search finds the lines with either.
 */
const numberOrIbanStart = /[A-Z\d][A-Z\d]\d\d/;

/**
 * The matches of one PII kind in `text`. With `numberLines` (the lines of a
 * large text holding `numberOrIbanStart`), the number patterns search only
 * those: none of their matches spans a line break, so they find the same
 * numbers there (at other positions: only the kinds are used here). E-mail
 * addresses and "+" numbers (whose digits may all be single) are searched in
 * the whole text.
 */
function matchesOf(kind: PiiKind, text: string, numberLines: string | undefined): TextMatch[] {
  if (numberLines === undefined || kind === 'pii.email') return piiMatchers[kind](text);
  if (kind === 'pii.phone') return [...findInternationalPhoneNumbers(text), ...findNorthAmericanPhoneNumbers(numberLines)];
  return piiMatchers[kind](numberLines);
}

/** Every kind needs an ASCII digit or an "@" (full-width ones are in the NFKC variants). */
const digitOrAt = /[0-9@]/;
/** Personal data: email, phone, SSN, payment card (Luhn), IBAN (mod 97); also in full-width digits and letters. */
export function detectPii(scanned: ScannedString): string[] {
  const details = new Set<string>();
  // Around full-width and other compatibility characters, the NFKC form too (an IBAN is at most 42 characters long);
  // compatibility characters are not ASCII, so an ASCII text (JSON, code, logs, base64) has none.
  const variants = isAscii(scanned.text) ? [scanned.text] : [scanned.text, ...compatibilityWindows(scanned.text, 48)];
  for (const text of variants) {
    if (!digitOrAt.test(text)) continue;
    const numberLines = text.length >= numberLinesMinimum ? linesMatching(text, numberOrIbanStart) : undefined;
    for (const kind of piiKinds) {
      for (const match of matchesOf(kind, text, numberLines)) details.add(`${match.kind}: ${match.label}`);
    }
  }
  return [...details];
}
