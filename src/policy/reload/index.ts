/** Hot reload: policies that follow their source files while a proxy runs. See docs/policy-lifecycle.md. */
export { watchPolicy, DEFAULT_DEBOUNCE_MS, type WatchPolicyOptions, type WatchedPolicy } from './watch-policy.js';
export type { PolicyReloaded, PolicyReloadFailed, PolicyRole, ReloadListener, ReloadOutcome } from './reload-events.js';
