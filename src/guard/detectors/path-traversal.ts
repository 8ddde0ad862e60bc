import { outsideRoots } from '../paths/outside-roots.js';
import type { DetectionContext } from './detection-context.js';
import type { ScannedString } from './scanned-string.js';

const dotDotSegment = /(?:^|[\\/])\.\.(?:[\\/]|;|$)/;
/** `....//` and `..././`: what is left after a filter deletes `../` once is a traversal. */
const strippedOnce = /\.\.[\\/]/g;
const schemeUrl = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Worth resolving against the roots: absolute, home-relative, or with a separator. */
const pathLike = /^[~\\/]|^[a-z]:|^file:|[\\/]/i;

function traversalIn(path: string): string | undefined {
  if (!path.includes('..')) return undefined;
  if (dotDotSegment.test(path)) return "'..' path segment";
  if (dotDotSegment.test(path.replace(strippedOnce, ''))) return "'..' path segment once a '../' filter has run (....// style)";
  return undefined;
}

/**
 * Path traversal: `..` segments in any encoding, NUL bytes (which cut a path
 * short in C-based servers), and, when the policy names allowed roots, paths
 * that resolve outside all of them. Only strings that can be paths are
 * looked at (see path-candidates.ts).
 */
export function detectPathTraversal(scanned: ScannedString, context: DetectionContext): string[] {
  const details = new Set<string>();
  // Without roots to resolve against, only the forms of words that may hold NUL or ".." can be flagged.
  for (const form of context.roots ? scanned.pathForms : scanned.flaggablePathForms) {
    if (form.text.includes('\0')) details.add(`NUL byte${form.how}`);
    const found = traversalIn(form.text);
    if (form.text.includes('://') && schemeUrl.test(form.text) && !/^file:/i.test(form.text)) {
      if (found) details.add(`${found} in a URL${form.how}`);
      continue;
    }
    if (found) details.add(`${found}${form.how}`);
    if (context.roots && pathLike.test(form.text) && outsideRoots(form.text, context.roots)) {
      details.add(`path resolves outside the allowed roots${form.how}`);
    }
  }
  return [...details];
}
