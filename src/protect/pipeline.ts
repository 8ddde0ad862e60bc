/**
 * The hooks of one protected server, in the order every tools/call meets them:
 *
 *   guards.beforePolicy  findings, persistent tool_changed, counters into the input
 *   policy               decideWith(handle): decision, revision, eval µs, candidate
 *   guards.afterPolicy   limits; on the way back redaction; tools/list pins and filtering
 *   audit                (with a log) blocked while a required log is unwritable; events before answers
 *   observers            onDecision / onViolation / --verbose, call count
 */
import type { AuditLog } from '../audit/audit-log.js';
import { guardHooks } from '../guard/proxy-hooks.js';
import { RateLimiter } from '../guard/rate-limit/rate-limiter.js';
import type { InputDocument } from '../policy/documents.js';
import type { PolicyHandle } from '../policy/policy-handle.js';
import type { ProxyHooks } from '../proxy/hooks.js';
import { auditHooks } from './audit-hooks.js';
import { decisionHook } from './decision-hook.js';
import { guardEventSink } from './guard-events.js';
import { observerHooks } from './observer-hooks.js';
import type { ProtectOptions } from './protect-options.js';
import type { ProtectSettings } from './resolve-settings.js';

export interface Pipeline {
  hooks: ProxyHooks[];
  /** tools/call requests decided so far. */
  calls(): number;
}

/** Tools are hidden only where denials are enforced: in shadow mode the listing stays whole. */
function hiddenByPolicy(handle: PolicyHandle, mode: ProtectSettings['mode']) {
  return (input: InputDocument): boolean => {
    const policy = handle.current();
    return (mode ?? policy.mode) === 'enforce' && policy.toolHidden(input);
  };
}

export function buildPipeline(
  handle: PolicyHandle,
  settings: ProtectSettings,
  audit: { log: AuditLog; required: boolean } | undefined,
  callbacks: Pick<ProtectOptions, 'onDecision' | 'onViolation'>,
): Pipeline {
  const { report, verbose, denial } = settings;
  const guards = guardHooks({
    detect: settings.detect,
    roots: settings.roots,
    pins: settings.pins,
    limiter: new RateLimiter(),
    hiddenTest: settings.hideTools ? hiddenByPolicy(handle, settings.mode) : undefined,
    denial,
    report: guardEventSink({ audit: audit?.log, verbose, report }),
  });
  const observers = observerHooks({ ...callbacks, verbose, report });
  const hooks = [guards.beforePolicy, decisionHook(handle, { mode: settings.mode, denial, extraLimits: settings.extraLimits }), guards.afterPolicy];
  if (audit !== undefined) hooks.push(auditHooks(audit.log, { required: audit.required, denial, report }));
  hooks.push(observers.hooks);
  return { hooks, calls: observers.calls };
}
