/** The hook that asks the Decider about each tools/call and turns a denial into an answer. */
import type { DecisionDocument, Decider } from '../policy/documents.js';
import type { CallVerdict, ProxyHooks } from './hooks.js';
import { RpcErrorCode } from './jsonrpc.js';

/** How a denied call is answered: a CallToolResult with `isError: true` (default), or a JSON-RPC error. */
export type DenialStyle = 'result' | 'error';

export const DENIAL_PREFIX = 'Blocked by toolgate policy: ';

export function denialMessage(decision: DecisionDocument): string {
  const reasons = decision.reasons.filter((reason) => reason.length > 0);
  return DENIAL_PREFIX + (reasons.length > 0 ? reasons.join('; ') : 'no rule allows this call');
}

export function denialVerdict(decision: DecisionDocument, style: DenialStyle): CallVerdict {
  const message = denialMessage(decision);
  if (style === 'error') {
    const data: Record<string, unknown> = { reasons: decision.reasons };
    if (decision.rule !== undefined) data.rule = decision.rule;
    return { action: 'error', error: { code: RpcErrorCode.PolicyDenied, message, data } };
  }
  return { action: 'respond', result: { content: [{ type: 'text', text: message }], isError: true } };
}

/**
 * Consults the decider. An error or a malformed decision is a denial (fail
 * closed). A denial in shadow mode is recorded in the context and forwarded.
 */
export function policyHooks(decider: Decider, style: DenialStyle = 'result'): ProxyHooks {
  const settle = (decision: DecisionDocument, context: { decision?: DecisionDocument }): CallVerdict => {
    context.decision = decision;
    if (decision.allow === true || decision.mode === 'shadow') return { action: 'forward' };
    return denialVerdict(decision, style);
  };
  const failClosed = (error: unknown, context: { decision?: DecisionDocument }): CallVerdict =>
    settle({ allow: false, reasons: [`policy evaluation failed: ${error instanceof Error ? error.message : String(error)}`] }, context);
  const checked = (decision: unknown): DecisionDocument => {
    if (typeof decision !== 'object' || decision === null || typeof (decision as DecisionDocument).allow !== 'boolean') {
      throw new Error('the decision has no boolean "allow"');
    }
    const reasons = (decision as DecisionDocument).reasons;
    return Array.isArray(reasons) ? (decision as DecisionDocument) : { ...(decision as DecisionDocument), reasons: [] };
  };

  return {
    name: 'policy',
    onToolCall(_call, context) {
      let decided: ReturnType<Decider['decide']>;
      try {
        decided = decider.decide(context.input);
      } catch (error) {
        return failClosed(error, context);
      }
      if (decided instanceof Promise) {
        return decided.then(
          (decision) => {
            try {
              return settle(checked(decision), context);
            } catch (error) {
              return failClosed(error, context);
            }
          },
          (error: unknown) => failClosed(error, context),
        );
      }
      try {
        return settle(checked(decided), context);
      } catch (error) {
        return failClosed(error, context);
      }
    },
  };
}
