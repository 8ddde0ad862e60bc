/**
 * The policy step of the pipeline: decides each call with whatever policy the
 * handle holds when the call starts, adds the operator's global limit, and
 * leaves revision, evaluation time and the candidate's decision for the audit.
 */
import type { DecisionDocument, LimitSpec } from '../policy/documents.js';
import { decideWith, type HandleDecision, type PolicyHandle } from '../policy/policy-handle.js';
import type { CallVerdict, ProxyHooks } from '../proxy/hooks.js';
import { denialVerdict, type DenialStyle } from '../proxy/policy-hooks.js';
import { setPolicyNote } from './call-notes.js';

export interface DecisionHookOptions {
  /** Overrides the policy's mode: shadow forwards every call. */
  mode?: 'enforce' | 'shadow';
  denial: DenialStyle;
  /** Limits added to every decision (`--rate-limit`). */
  extraLimits: readonly LimitSpec[];
}

function failedDecision(error: unknown, mode: DecisionHookOptions['mode']): HandleDecision {
  const decision: DecisionDocument = {
    allow: false,
    reasons: [`policy evaluation failed: ${error instanceof Error ? error.message : String(error)}`],
    rule: 'toolgate.error',
    severity: 'critical',
  };
  if (mode !== undefined) decision.mode = mode;
  return { decision, revision: '', evalMicros: 0 };
}

const FORWARD: CallVerdict = { action: 'forward' };

export function decisionHook(handle: PolicyHandle, options: DecisionHookOptions): ProxyHooks {
  return {
    name: 'policy',
    onToolCall(_call, context) {
      let decided: HandleDecision;
      try {
        decided = decideWith(handle, context.input, options.mode);
      } catch (error) {
        decided = failedDecision(error, options.mode);
      }
      const decision =
        options.extraLimits.length === 0 ? decided.decision : { ...decided.decision, limits: [...(decided.decision.limits ?? []), ...options.extraLimits] };
      context.decision = decision;
      setPolicyNote(context, { revision: decided.revision || undefined, evalMicros: Math.round(decided.evalMicros), candidate: decided.candidate });
      if (decision.allow || decision.mode === 'shadow') return FORWARD;
      return denialVerdict(decision, options.denial);
    },
  };
}
