import { loadBuiltPolicy, type BuiltToolgatePolicy, type PolicyLoadOptions, type ToolgatePolicy } from '../toolgate-policy.js';
import type { PolicyBuilder } from './policy-builder.js';
import type { PolicyRole, ReloadOutcome } from './reload-events.js';

type Sources = Pick<BuiltToolgatePolicy, 'kind' | 'path' | 'files'>;

export interface ReloadablePolicyOptions {
  role: PolicyRole;
  spec: string;
  load: PolicyLoadOptions;
  builder: PolicyBuilder;
  /** Told about every finished reload, before the reload settles. */
  onOutcome(outcome: ReloadOutcome): Promise<void>;
  /** After a rebuild, the files the policy is built from changed (a new module, a new `extends`). */
  onSources(sources: Sources): void;
}

/**
 * One policy that can be rebuilt while it decides. A rebuild never touches the
 * policy in use: the new revision replaces it in one assignment once it is
 * built and instantiated, so a call reads either the old or the new policy,
 * whole. Reloads run one at a time; requests during one are served by one more
 * reload after it (it reads the files as they are then).
 */
export class ReloadablePolicy {
  private running: Promise<ReloadOutcome> | undefined;
  private queued: Promise<ReloadOutcome> | undefined;

  private constructor(
    private readonly options: ReloadablePolicyOptions,
    private policy: ToolgatePolicy,
    private sources: Sources,
  ) {}

  /** Builds the first revision on the calling thread: nothing decides yet, and a failure is the caller's to report. */
  static async load(options: ReloadablePolicyOptions, initial: BuiltToolgatePolicy): Promise<ReloadablePolicy> {
    const policy = await loadBuiltPolicy(initial, options.load);
    return new ReloadablePolicy(options, policy, sourcesOf(initial));
  }

  current(): ToolgatePolicy {
    return this.policy;
  }

  /** Where the policy in use was built from. */
  origin(): Sources {
    return this.sources;
  }

  reload(): Promise<ReloadOutcome> {
    if (this.running === undefined) {
      this.running = this.rebuild().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.reload();
    });
    return this.queued;
  }

  private async rebuild(): Promise<ReloadOutcome> {
    const { role, spec, load, builder } = this.options;
    const started = performance.now();
    const previous = this.policy;
    let outcome: ReloadOutcome;
    try {
      const built = await builder.build(spec, load);
      const buildMillis = performance.now() - started;
      if (built.files.join('\n') !== this.sources.files.join('\n')) this.options.onSources(built);
      this.sources = sourcesOf(built);
      if (built.bundle.manifest.revision === previous.revision) {
        outcome = { status: 'unchanged', role, revision: previous.revision, durationMillis: performance.now() - started };
      } else {
        this.policy = await loadBuiltPolicy(built, load);
        const durationMillis = performance.now() - started;
        outcome = { status: 'reloaded', role, revision: this.policy.revision, previousRevision: previous.revision, sources: built.files, durationMillis, buildMillis };
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: 'failed', role, error: message, sources: this.sources.files, keptRevision: previous.revision };
    }
    await this.options.onOutcome(outcome);
    return outcome;
  }
}

function sourcesOf({ kind, path, files }: BuiltToolgatePolicy): Sources {
  return { kind, path, files };
}
