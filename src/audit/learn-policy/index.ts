import { learnPolicy } from './learned-policy.js';
import { learnedPolicyYaml } from './policy-yaml.js';
import { profileTraffic } from './traffic-profile.js';

/** `toolgate policy generate`: a starting policy (YAML, mode shadow) learned from the forwarded calls of an audit log. */
export async function generatePolicyFromAudit(files: string[], options: { headroom?: number } = {}): Promise<string> {
  const profile = await profileTraffic(files);
  return learnedPolicyYaml(learnPolicy(profile, options.headroom ?? 2));
}
