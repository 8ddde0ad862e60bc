import type { DecisionDocument, Decider, InputDocument } from './documents.js';
import type { ToolgatePolicy } from './toolgate-policy.js';

/**
 * The policy a running proxy decides with. It may change while the proxy runs
 * (hot reload): every call reads `current()` once at its start and decides
 * entirely under that revision.
 */
export interface PolicyHandle {
  current(): ToolgatePolicy;
  /** A candidate evaluated beside the enforced policy (`--shadow-policy`), never acted on. */
  candidate(): ToolgatePolicy | undefined;
  /** Stops watching sources; the last policy stays usable. */
  close(): Promise<void>;
}

/** A handle for a policy that never changes. */
export function fixedPolicy(policy: ToolgatePolicy, candidate?: ToolgatePolicy): PolicyHandle {
  return { current: () => policy, candidate: () => candidate, close: async () => {} };
}

export interface HandleDecision {
  decision: DecisionDocument;
  revision: string;
  /** The candidate's decision, when a shadow candidate runs. */
  candidate?: { decision: DecisionDocument; revision: string };
  /** Time spent in the enforced policy's evaluation, in µs. */
  evalMicros: number;
}

/**
 * Decides with whatever the handle holds when the call starts. `--mode shadow`
 * (modeOverride) marks every decision as shadow, so nothing is blocked.
 */
export function decideWith(handle: PolicyHandle, input: InputDocument, modeOverride?: 'enforce' | 'shadow'): HandleDecision {
  const policy = handle.current();
  const started = process.hrtime.bigint();
  const decided = policy.decide(input);
  const evalMicros = Number(process.hrtime.bigint() - started) / 1000;
  const mode = modeOverride ?? decided.mode ?? policy.mode;
  const result: HandleDecision = { decision: { ...decided, mode }, revision: policy.revision, evalMicros };
  const candidate = handle.candidate();
  if (candidate) result.candidate = { decision: candidate.decide(input), revision: candidate.revision };
  return result;
}

/** A Decider view of a handle, for code that only needs decisions. */
export function handleDecider(handle: PolicyHandle, modeOverride?: 'enforce' | 'shadow'): Decider {
  return { decide: (input) => decideWith(handle, input, modeOverride).decision };
}
