import type { TextMatch } from '../text-match.js';
import { findGenericSecrets } from './generic.js';
import { findKnownSecrets } from './known-formats.js';
import { dropOverlaps } from '../overlaps.js';

/** Every credential in `text`: known formats first, then generic ones not already covered. */
export function findSecrets(text: string): TextMatch[] {
  return dropOverlaps([...findKnownSecrets(text), ...findGenericSecrets(text)]);
}
