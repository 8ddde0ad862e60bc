import { piiKinds } from '../kinds.js';
import { piiMatchers } from '../patterns/pii/index.js';
import { compatibilityForm } from '../text/fold.js';
import type { ScannedString } from './scanned-string.js';

/** Personal data: email, phone, SSN, payment card (Luhn), IBAN (mod 97); also in full-width digits and letters. */
export function detectPii(scanned: ScannedString): string[] {
  const details = new Set<string>();
  const compatible = compatibilityForm(scanned.text);
  const variants = compatible === scanned.text ? [scanned.text] : [scanned.text, compatible];
  for (const text of variants) {
    for (const kind of piiKinds) {
      for (const match of piiMatchers[kind](text)) details.add(`${match.kind}: ${match.label}`);
    }
  }
  return [...details];
}
