import type { ScannedString } from './scanned-string.js';
import { mayNameSensitiveLocation, sensitiveLocationOf } from './sensitive-locations.js';

/** Every sensitive location has a separator, a dot or an underscore in it (`.env`, `id_rsa`, `etc/shadow`). */
const couldBeSensitive = /[\\/._]/;

/**
 * Paths to credentials and other sensitive locations (`~/.ssh`, `.env`,
 * `/etc/shadow`, cloud credential files, ...), in the same encodings path
 * traversal is looked for in.
 */
export function detectSensitivePath(scanned: ScannedString): string[] {
  const details = new Set<string>();
  for (const form of scanned.flaggablePathForms) {
    if (!couldBeSensitive.test(form.text)) continue;
    const withoutScheme = form.text.replace(/^file:\/\/(?:localhost)?/i, '');
    if (!mayNameSensitiveLocation(withoutScheme)) continue;
    // C-based servers stop reading a path at a NUL byte.
    const label = sensitiveLocationOf(withoutScheme.split('\0')[0].trimEnd());
    if (label) details.add(label);
  }
  return [...details];
}
