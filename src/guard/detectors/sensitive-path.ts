import type { ScannedString } from './scanned-string.js';
import { mayNameSensitiveLocation, sensitiveLocationOf } from './sensitive-locations.js';

const fileScheme = /^file:\/\/(?:localhost)?/i;

/** The path of a `file:` URL, any other text as it is. */
function withoutFileScheme(text: string): string {
  // Most texts are ruled out by their first letter before the pattern is tried.
  return (text.charCodeAt(0) | 32) === 102 ? text.replace(fileScheme, '') : text;
}

/**
 * Paths to credentials and other sensitive locations (`~/.ssh`, `.env`,
 * `/etc/shadow`, cloud credential files, ...), in the same encodings path
 * traversal is looked for in.
 */
export function detectSensitivePath(scanned: ScannedString): string[] {
  const details = new Set<string>();
  for (const form of scanned.flaggablePathForms) {
    const path = withoutFileScheme(form.text);
    if (!mayNameSensitiveLocation(path)) continue;
    // C-based servers stop reading a path at a NUL byte.
    const label = sensitiveLocationOf(path.split('\0')[0].trimEnd());
    if (label) details.add(label);
  }
  return [...details];
}
