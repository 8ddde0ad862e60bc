import type { Decider } from './documents.js';
import { loadToolgatePolicy, type PolicyLoadOptions, type ToolgatePolicy } from './toolgate-policy.js';

export const DEFAULT_PROFILE = 'standard';

/**
 * Turns `protect --policy <profile|file.yaml|dir|bundle.tar.gz>` into a Decider.
 * Without --policy the standard profile applies, and the caller is told so.
 */
export async function resolveDecider(
  policy: string | undefined,
  options: PolicyLoadOptions = {},
): Promise<{ decider: Decider; policy: ToolgatePolicy; warning?: string }> {
  const loaded = await loadToolgatePolicy(policy ?? DEFAULT_PROFILE, options);
  return {
    decider: loaded,
    policy: loaded,
    warning: policy === undefined ? `no --policy given: using the ${DEFAULT_PROFILE} profile` : undefined,
  };
}
