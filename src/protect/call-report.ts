/** What became of one tools/call, from its context and verdict: for callbacks, verbose lines and the audit log. */
import type { CallContext, CallVerdict, ToolCall } from '../proxy/hooks.js';
import { auditBlocked, policyNote, rateLimitNote } from './call-notes.js';
import type { CallReport } from './protect-options.js';

export type CallOutcomeKind = 'allowed' | 'denied' | 'rate-limited' | 'shadow-deny' | 'audit-unavailable' | 'error';

/** Seconds until a rate-limited call would pass, as the denial text shows them (tenths, rounded up). */
export const shownRetryAfter = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : Math.ceil(seconds * 10) / 10);

/** The text toolgate answered a blocked call with. */
export function verdictMessage(verdict: CallVerdict): string {
  if (verdict.action === 'error') return verdict.error.message;
  if (verdict.action === 'respond') {
    const content = verdict.result.content;
    const first = Array.isArray(content) ? (content[0] as { text?: unknown } | undefined) : undefined;
    if (typeof first?.text === 'string') return first.text;
  }
  return '';
}

export function callReport(call: ToolCall, context: CallContext, verdict: CallVerdict): CallReport {
  const note = policyNote(context);
  const decision = context.decision;
  const report = (outcome: CallOutcomeKind, reasons: string[]): CallReport => ({
    tool: call.name,
    arguments: call.arguments,
    session: context.session.id,
    identity: context.input.identity,
    outcome,
    blocked: verdict.action !== 'forward',
    reasons,
    decision,
    shadow: note.candidate?.decision,
    policyRevision: note.revision,
    evalMicros: note.evalMicros,
  });
  if (verdict.action === 'forward') return report(decision !== undefined && !decision.allow ? 'shadow-deny' : 'allowed', decision?.reasons ?? []);
  const auditMessage = auditBlocked(context);
  if (auditMessage !== undefined) return report('audit-unavailable', [auditMessage]);
  const limit = rateLimitNote(context);
  if (limit !== undefined && !limit.allowed) return { ...report('rate-limited', [verdictMessage(verdict)]), retryAfterSeconds: shownRetryAfter(limit.retryAfterSeconds) };
  if (decision !== undefined && !decision.allow) return report('denied', decision.reasons);
  return report('error', [verdictMessage(verdict)]);
}
