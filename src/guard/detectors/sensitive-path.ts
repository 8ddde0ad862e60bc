import { isAscii } from '../text/fold.js';
import { mayHoldPaths, pathCandidates } from './path-candidates.js';
import type { ScannedString } from './scanned-string.js';
import { sensitiveLocationOf } from './sensitive-locations.js';

/**
 * Paths to credentials and other sensitive locations (`~/.ssh`, `.env`,
 * `/etc/shadow`, cloud credential files, ...), in the same encodings path
 * traversal is looked for in.
 */
export function detectSensitivePath(scanned: ScannedString, reachesShell: boolean): string[] {
  if (!mayHoldPaths(scanned, reachesShell)) return [];
  const details = new Set<string>();
  const variants = [scanned.text, ...scanned.decoded];
  for (const text of [...variants]) if (!isAscii(text)) variants.push(text.normalize('NFKC'));
  for (const text of variants) {
    for (const candidate of pathCandidates(text, scanned, reachesShell)) {
      const withoutScheme = candidate.replace(/^file:\/\/(?:localhost)?/i, '');
      // C-based servers stop reading a path at a NUL byte.
      const label = sensitiveLocationOf(withoutScheme.split('\0')[0].trimEnd());
      if (label) details.add(label);
    }
  }
  return [...details];
}
