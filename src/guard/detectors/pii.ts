import { piiKinds } from '../kinds.js';
import { piiMatchers } from '../patterns/pii/index.js';
import { compatibilityWindows } from '../text/fold.js';
import type { ScannedString } from './scanned-string.js';

/** Personal data: email, phone, SSN, payment card (Luhn), IBAN (mod 97); also in full-width digits and letters. */
export function detectPii(scanned: ScannedString): string[] {
  const details = new Set<string>();
  // Around full-width and other compatibility characters, the NFKC form too (an IBAN is at most 42 characters long).
  const variants = [scanned.text, ...compatibilityWindows(scanned.text, 48, scanned.nonAsciiRuns)];
  for (const text of variants) {
    for (const kind of piiKinds) {
      for (const match of piiMatchers[kind](text)) details.add(`${match.kind}: ${match.label}`);
    }
  }
  return [...details];
}
