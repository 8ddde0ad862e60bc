import { outsideRoots } from '../paths/outside-roots.js';
import { isAscii } from '../text/fold.js';
import type { DetectionContext } from './detection-context.js';
import { mayHoldPaths, pathCandidates } from './path-candidates.js';
import type { ScannedString } from './scanned-string.js';

const dotDotSegment = /(?:^|[\\/])\.\.(?:[\\/]|;|$)/;
/** `....//` and `..././`: what is left after a filter deletes `../` once is a traversal. */
const strippedOnce = /\.\.[\\/]/g;
const nulByte = /\0/;
const schemeUrl = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Look-alikes of "." and "/" that NFKC leaves alone but Windows "best fit" code pages turn into the real thing. */
const separatorLookalikes = /[\u2215\u2044\u29F8\u2571\uFF0F\u29F5\u2216\uFE68\uFF3C\u2024\uFF0E\uFE52\u3002]/g;
const lookalikeTargets: Record<string, string> = {
  '\u2215': '/', '\u2044': '/', '\u29F8': '/', '\u2571': '/', '\uFF0F': '/',
  '\u29F5': '\\', '\u2216': '\\', '\uFE68': '\\', '\uFF3C': '\\',
  '\u2024': '.', '\uFF0E': '.', '\uFE52': '.', '\u3002': '.',
};

interface Variant {
  text: string;
  how: string;
}

function decodedVariants(scanned: ScannedString): Variant[] {
  const variants: Variant[] = [{ text: scanned.text, how: '' }];
  scanned.decoded.forEach((text, i) => variants.push({ text, how: ` after ${i + 1} layer${i ? 's' : ''} of decoding` }));
  return variants;
}

function normalizedVariants(variants: Variant[]): Variant[] {
  const normalized: Variant[] = [];
  for (const { text } of variants) {
    if (isAscii(text)) continue;
    const folded = text.normalize('NFKC').replace(separatorLookalikes, (c) => lookalikeTargets[c]);
    if (folded !== text) normalized.push({ text: folded, how: ' after Unicode normalization' });
  }
  return normalized;
}

function traversalIn(candidate: string): string | undefined {
  if (dotDotSegment.test(candidate)) return "'..' path segment";
  if (candidate.includes('..') && dotDotSegment.test(candidate.replace(strippedOnce, ''))) {
    return "'..' path segment once a '../' filter has run (....// style)";
  }
  return undefined;
}

/**
 * Path traversal: `..` segments in any encoding, NUL bytes (which cut a path
 * short in C-based servers), and, when the policy names allowed roots, paths
 * that resolve outside all of them.
 */
export function detectPathTraversal(scanned: ScannedString, context: DetectionContext, reachesShell: boolean): string[] {
  // Text that is not a path (prose, code, file contents) cannot traverse anything, NUL bytes included.
  if (!mayHoldPaths(scanned, reachesShell)) return [];
  const details = new Set<string>();
  const decoded = decodedVariants(scanned);
  for (const variant of decoded) if (nulByte.test(variant.text)) details.add(`NUL byte${variant.how}`);
  for (const variant of [...decoded, ...normalizedVariants(decoded)]) {
    for (const candidate of pathCandidates(variant.text, scanned, reachesShell)) {
      const found = traversalIn(candidate);
      if (schemeUrl.test(candidate) && !/^file:/i.test(candidate)) {
        if (found) details.add(`${found} in a URL${variant.how}`);
        continue;
      }
      if (found) details.add(`${found}${variant.how}`);
      if (context.roots && outsideRoots(candidate, context.roots)) details.add(`path resolves outside the allowed roots${variant.how}`);
    }
  }
  return [...details];
}
