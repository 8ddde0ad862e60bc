import { piiKinds } from '../kinds.js';
import { piiMatchers } from '../patterns/pii/index.js';
import { compatibilityWindows, isAscii } from '../text/fold.js';
import type { ScannedString } from './scanned-string.js';

/**
 * The text, and around full-width and other compatibility characters its NFKC
 * form (an IBAN is at most 42 characters long); compatibility characters are
 * not ASCII, so an ASCII text (JSON, code, logs, base64) has none. The windows
 * are searched as one text, one per line: no pattern matches across a line
 * break, and each treats one as it does the end of a text, so they find what
 * they find in each window on its own, with one search per pattern however
 * many windows there are (CJK prose has one at nearly every line).
 */
function variantsOf(text: string): string[] {
  if (isAscii(text)) return [text];
  const windows = compatibilityWindows(text, 48);
  return windows.length === 0 ? [text] : [text, windows.join('\n')];
}

/** Every kind needs an ASCII digit or an "@" (full-width ones are in the NFKC variants). */
const digitOrAt = /[0-9@]/;
/** Personal data: email, phone, SSN, payment card (Luhn), IBAN (mod 97); also in full-width digits and letters. */
export function detectPii(scanned: ScannedString): string[] {
  const details = new Set<string>();
  for (const text of variantsOf(scanned.text)) {
    if (!digitOrAt.test(text)) continue;
    for (const kind of piiKinds) {
      for (const match of piiMatchers[kind](text)) details.add(`${match.kind}: ${match.label}`);
    }
  }
  return [...details];
}
