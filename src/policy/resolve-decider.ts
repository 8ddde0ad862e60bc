import type { Decider } from './documents.js';

/**
 * Turns `protect --policy <profile|file.yaml|dir|bundle.tar.gz>` into a Decider.
 * Until the policy engine lands, only the absence of a policy is supported: every
 * call is allowed and the caller is told so.
 */
export async function resolveDecider(policy: string | undefined): Promise<{ decider: Decider; warning?: string }> {
  if (policy !== undefined) throw new Error(`cannot load policy ${policy}: the policy engine is not available yet`);
  return {
    decider: { decide: () => ({ allow: true, reasons: [] }) },
    warning: 'no --policy given: every tool call is allowed',
  };
}
