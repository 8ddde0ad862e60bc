import type { PolicyHandle } from '../policy-handle.js';
import { buildToolgatePolicy, type PolicyLoadOptions } from '../toolgate-policy.js';
import { mainThreadBuilder, workerThreadBuilder } from './policy-builder.js';
import { ReloadablePolicy } from './reloadable-policy.js';
import type { PolicyReloaded, PolicyReloadFailed, PolicyRole, ReloadListener, ReloadOutcome } from './reload-events.js';
import { SourceWatcher } from './source-watcher.js';
import { watchPlan } from './watch-plan.js';

export interface WatchPolicyOptions {
  /** Allowed roots for `within: roots`, as for loadToolgatePolicy. */
  roots?: string[];
  /** A candidate policy evaluated beside the enforced one (`--shadow-policy`), reloaded the same way. */
  shadowSpec?: string;
  onReloaded?: ReloadListener<PolicyReloaded>;
  onReloadFailed?: ReloadListener<PolicyReloadFailed>;
  /** Quiet time after the last write to a source before rebuilding (default 100 ms). */
  debounceMs?: number;
  /** Aborting it stops watching, as close() does. */
  signal?: AbortSignal;
  /** The process signal that reloads both policies (default SIGHUP; null: none). */
  reloadSignal?: NodeJS.Signals | null;
  /** Where rebuilds compile: a worker thread (default) or the thread that decides calls. */
  buildOn?: 'worker' | 'main';
  /**
   * The build worker starts this long after watching begins (default 2000 ms), so the
   * first rebuild does not wait for it to load the toolchain; null: with the first rebuild.
   */
  warmUpAfterMs?: number | null;
  /** Where diagnostics go, without the "toolgate: " prefix (default: stderr, with it). */
  report?: (text: string) => void;
}

/** A PolicyHandle whose policies follow their source files. */
export interface WatchedPolicy extends PolicyHandle {
  /** Rebuilds both policies now, as the reload signal does; resolves when both are done. */
  reload(): Promise<ReloadOutcome[]>;
  /** The files each policy in use was built from. */
  sources(): { enforced: string[]; candidate?: string[] };
}

export const DEFAULT_DEBOUNCE_MS = 100;
/** Late enough that a short-lived proxy (a test, a one-off run) never starts the worker. */
const DEFAULT_WARM_UP_AFTER_MS = 2000;

/**
 * Loads a policy (and a shadow candidate) and keeps them current: a change to
 * any of their source files, or the reload signal, rebuilds off the decision
 * path and swaps the new revision in between calls. A rebuild that fails keeps
 * the running revision, reports the positioned error and tells onReloadFailed.
 * The first load must succeed: its error rejects.
 */
export async function watchPolicy(spec: string, options: WatchPolicyOptions = {}): Promise<WatchedPolicy> {
  const report = options.report ?? ((text: string) => void process.stderr.write(`toolgate: ${text}\n`));
  const load: PolicyLoadOptions = options.roots ? { roots: options.roots } : {};
  const builder = options.buildOn === 'main' ? mainThreadBuilder() : workerThreadBuilder();
  let closed = false;

  const announce = async (outcome: ReloadOutcome): Promise<void> => {
    if (closed) return;
    try {
      if (outcome.status === 'reloaded') {
        report(`${outcome.role} policy reloaded: ${short(outcome.previousRevision)} -> ${short(outcome.revision)} (${Math.round(outcome.durationMillis)} ms)`);
        await options.onReloaded?.(withoutStatus(outcome));
      } else if (outcome.status === 'failed') {
        const kept = outcome.role === 'enforced' ? 'stays in force' : 'stays the candidate';
        report(`${outcome.role} policy reload failed; revision ${short(outcome.keptRevision)} ${kept}:\n${outcome.error}`);
        await options.onReloadFailed?.(withoutStatus(outcome));
      }
    } catch (error) {
      report(`a policy reload listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const open = async (role: PolicyRole, policySpec: string) => {
    const watcher = new SourceWatcher({
      debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      onChange: () => void policy.reload(),
      onError: (error) => report(`watching the ${role} policy's files failed: ${error.message}`),
    });
    const follow = (sources: Parameters<typeof watchPlan>[0]) =>
      watcher.follow(watchPlan(sources)).catch((error: Error) => report(`cannot watch the ${role} policy's files: ${error.message}`));
    const policy: ReloadablePolicy = await ReloadablePolicy.load(
      { role, spec: policySpec, load, builder, onOutcome: announce, onSources: (sources) => void follow(sources) },
      await buildToolgatePolicy(policySpec, load),
    );
    await follow(policy.origin());
    return { policy, watcher };
  };

  let opened: Array<Awaited<ReturnType<typeof open>>> = [];
  try {
    opened = [await open('enforced', spec)];
    if (options.shadowSpec !== undefined) opened.push(await open('candidate', options.shadowSpec));
  } catch (error) {
    await Promise.all([builder.close(), ...opened.map(({ watcher }) => watcher.close())]);
    throw error;
  }
  const [enforced, candidate] = opened.map(({ policy }) => policy);

  const reload = () => Promise.all(opened.map(({ policy }) => policy.reload()));
  // an operator who sent the signal hears back even when nothing changed
  const onSignal = (signal: NodeJS.Signals) =>
    void reload().then((outcomes) => {
      for (const outcome of outcomes) {
        if (outcome.status === 'unchanged') report(`${signal}: ${outcome.role} policy unchanged (${short(outcome.revision)})`);
      }
    });
  const reloadSignal = options.reloadSignal === undefined ? 'SIGHUP' : options.reloadSignal;
  if (reloadSignal !== null) process.on(reloadSignal, onSignal);

  const warmUpAfterMs = options.warmUpAfterMs === undefined ? DEFAULT_WARM_UP_AFTER_MS : options.warmUpAfterMs;
  const warmUp = warmUpAfterMs === null ? undefined : setTimeout(() => builder.warmUp(spec, load), warmUpAfterMs).unref();
  const close = async () => {
    if (closed) return;
    closed = true;
    if (reloadSignal !== null) process.off(reloadSignal, onSignal);
    clearTimeout(warmUp);
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all([builder.close(), ...opened.map(({ watcher }) => watcher.close())]);
  };
  const onAbort = () => void close();
  if (options.signal?.aborted) await close();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    current: () => enforced.current(),
    candidate: () => candidate?.current(),
    close,
    reload,
    sources: () => ({ enforced: enforced.origin().files, ...(candidate ? { candidate: candidate.origin().files } : {}) }),
  };
}

/** sha256: and the first 12 hex digits: enough to tell revisions apart in a message. */
function short(revision: string): string {
  return revision.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1');
}

function withoutStatus<T extends { status: string }>(outcome: T): Omit<T, 'status'> {
  const { status: _status, ...event } = outcome;
  return event;
}
