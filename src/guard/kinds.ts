/**
 * The names other parts of toolgate (the YAML dialect, profiles, docs) use to
 * refer to guards. A finding's `detector` is one of `detectorKinds`; a
 * decision's `redact` entries are `redactionKinds` or a custom `/regex/flags`.
 */

export const detectorKinds = [
  'path_traversal',
  'sensitive_path',
  'command_injection',
  'prompt_injection',
  'pii',
  'secret',
] as const;
export type DetectorKind = (typeof detectorKinds)[number];

/** Found by `scanToolDescription`, never by `detect`. */
export const toolPoisoningDetector = 'tool_poisoning';

export const piiKinds = ['pii.email', 'pii.phone', 'pii.ssn', 'pii.card', 'pii.iban'] as const;
export type PiiKind = (typeof piiKinds)[number];

export const redactionKinds = ['secrets', 'pii', ...piiKinds] as const;
export type RedactionKind = (typeof redactionKinds)[number];

export function isDetectorKind(name: string): name is DetectorKind {
  return (detectorKinds as readonly string[]).includes(name);
}

export function isRedactionKind(name: string): name is RedactionKind {
  return (redactionKinds as readonly string[]).includes(name);
}
