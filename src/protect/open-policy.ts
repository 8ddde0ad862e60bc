/**
 * The one place where protect gets the policy it decides with: a handle, so
 * the policy may change while the proxy runs (hot reload) and a candidate can
 * run beside it (shadowPolicy).
 */
import { policyReloadedEvent, policyReloadFailedEvent, type AuditEvent } from '../audit/event-builders.js';
import type { PolicyHandle } from '../policy/policy-handle.js';
import { fixedPolicy } from '../policy/policy-handle.js';
import { watchPolicy } from '../policy/reload/index.js';
import { DEFAULT_PROFILE, loadToolgatePolicy, type ToolgatePolicy } from '../policy/toolgate-policy.js';
import { ProtectConfigError } from './protect-errors.js';
import type { ProtectOptions } from './protect-options.js';

function isPolicyHandle(value: unknown): value is PolicyHandle {
  return typeof (value as PolicyHandle | undefined)?.current === 'function' && typeof (value as PolicyHandle).candidate === 'function';
}

async function load(policy: string | ToolgatePolicy, roots: string[] | undefined): Promise<ToolgatePolicy> {
  return typeof policy === 'string' ? loadToolgatePolicy(policy, { roots }) : policy;
}

export async function openPolicyHandle(
  options: Pick<ProtectOptions, 'policy' | 'shadowPolicy'>,
  roots: string[] | undefined,
  report: (message: string) => void,
  record: (event: AuditEvent) => Promise<void> = async () => {},
): Promise<PolicyHandle> {
  if (isPolicyHandle(options.policy)) {
    if (options.shadowPolicy !== undefined) throw new ProtectConfigError('shadowPolicy cannot be combined with a policy handle: give the handle its candidate');
    return options.policy;
  }
  if (options.policy === undefined) report(`warning: no --policy given: using the ${DEFAULT_PROFILE} profile`);
  const spec = options.policy ?? DEFAULT_PROFILE;
  if (typeof spec === 'string' && typeof options.shadowPolicy !== 'object') {
    // hot reload: source changes and SIGHUP rebuild both policies (docs/policy-lifecycle.md)
    const onReloaded = (event: Parameters<typeof policyReloadedEvent>[0]) => record(policyReloadedEvent(event));
    const onReloadFailed = (event: Parameters<typeof policyReloadFailedEvent>[0]) => record(policyReloadFailedEvent(event));
    return watchPolicy(spec, { roots, shadowSpec: options.shadowPolicy, report, onReloaded, onReloadFailed });
  }
  const policy = await load(spec, roots);
  const candidate = options.shadowPolicy === undefined ? undefined : await load(options.shadowPolicy, roots);
  return fixedPolicy(policy, candidate);
}
