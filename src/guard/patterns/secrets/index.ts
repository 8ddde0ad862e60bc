import type { TextMatch } from '../text-match.js';
import { findGenericSecrets } from './generic.js';
import { findKnownSecrets } from './known-formats.js';
import { dropOverlaps } from '../overlaps.js';

/** The shortest text holding a credential: a password in a URL, `a://b:c@` (assignments need a name and 8 characters). */
const shortestSecretText = 8;

/** Every credential in `text`: known formats first, then generic ones not already covered. */
export function findSecrets(text: string): TextMatch[] {
  if (text.length < shortestSecretText) return [];
  return dropOverlaps([...findKnownSecrets(text), ...findGenericSecrets(text)]);
}
