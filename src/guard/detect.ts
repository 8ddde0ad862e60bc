import type { Finding } from '../policy/documents.js';
import { detectorKinds, type DetectorKind } from './kinds.js';
import { detectCommandInjection } from './detectors/command-injection.js';
import type { DetectionContext } from './detectors/detection-context.js';
import { detectPathTraversal } from './detectors/path-traversal.js';
import { detectPii } from './detectors/pii.js';
import { detectPromptInjection } from './detectors/prompt-injection.js';
import { ScannedString } from './detectors/scanned-string.js';
import { detectSecret } from './detectors/secret.js';
import { detectSensitivePath } from './detectors/sensitive-path.js';
import { isShellFieldName, isShellTool } from './detectors/shell-context.js';
import { forEachString, type StringLeaf } from './walk/string-leaves.js';

export type { DetectionContext } from './detectors/detection-context.js';

export interface DetectOptions {
  /** Which detectors run; all of them when left out. */
  detectors?: readonly DetectorKind[];
  /** At most this many findings per detector (the rest are summed up in one last finding). Default 32. */
  maxFindingsPerDetector?: number;
}

type StringDetector = (scanned: ScannedString, context: DetectionContext) => string[];

const detectorsByKind: Record<DetectorKind, StringDetector> = {
  path_traversal: detectPathTraversal,
  sensitive_path: (scanned) => detectSensitivePath(scanned),
  command_injection: (scanned) => detectCommandInjection(scanned),
  prompt_injection: (scanned) => detectPromptInjection(scanned),
  pii: (scanned) => detectPii(scanned),
  secret: (scanned) => detectSecret(scanned),
};

/**
 * Runs the detectors over every string in `args` (values and keys, at any
 * depth, inside arrays) and reports what they found as findings for the
 * input document. Pure: the same arguments give the same findings every time.
 */
export function detect(args: unknown, context: DetectionContext, options: DetectOptions = {}): Finding[] {
  const kinds = options.detectors ?? detectorKinds;
  for (const kind of kinds) {
    if (!(kind in detectorsByKind)) throw new Error(`unknown detector '${kind}' (known: ${detectorKinds.join(', ')})`);
  }
  const limit = options.maxFindingsPerDetector ?? 32;
  const shellTool = isShellTool(context);
  const findings: Finding[] = [];
  const counts = new Map<DetectorKind, number>();
  const inspect = (leaf: StringLeaf) => {
    const scanned = new ScannedString(leaf, shellTool);
    for (const kind of kinds) {
      for (const detail of detectorsByKind[kind](scanned, context)) {
        const count = (counts.get(kind) ?? 0) + 1;
        counts.set(kind, count);
        if (count <= limit) findings.push({ detector: kind, path: scanned.path, detail: scanned.isKey ? `${detail} (in an object key)` : detail });
      }
    }
  };
  forEachString(args, inspect, { flagKey: isShellFieldName });
  for (const [kind, count] of counts) {
    if (count > limit) findings.push({ detector: kind, path: [], detail: `${count - limit} more ${kind} findings not listed` });
  }
  return findings;
}
