/**
 * The audit step of the pipeline (the protocol in docs/audit.md): every
 * event is appended before the answer it describes reaches the client.
 *
 * - a call about to be forwarded: with a required log that cannot be written,
 *   it is blocked instead (and the violation append is the retry);
 * - a blocked call (policy, rate limit, failed guard): its event is appended
 *   before the denial leaves (an awaited onVerdict);
 * - a forwarded call: `tool.invoked` with the result summary is appended before
 *   the result leaves; if a required log rejects it, the client gets the error.
 */
import { AuditWriteError } from '../audit/audit-errors.js';
import type { AuditLog } from '../audit/audit-log.js';
import { policyViolationEvent, rateLimitExceededEvent, toolInvokedEvent, type AuditEvent, type ToolCallFacts } from '../audit/event-builders.js';
import type { DecisionDocument } from '../policy/documents.js';
import type { CallContext, CallVerdict, ProxyHooks, ToolCall, ToolResponse } from '../proxy/hooks.js';
import { RpcErrorCode } from '../proxy/jsonrpc.js';
import type { DenialStyle } from '../proxy/policy-hooks.js';
import { auditBlocked, forwardedAt, markForwarded, policyNote, rateLimitNote, redactionCount, setAuditBlocked } from './call-notes.js';
import { shownRetryAfter, verdictMessage } from './call-report.js';

export interface AuditHooksOptions {
  required: boolean;
  denial: DenialStyle;
  report: (message: string) => void;
}

function callFacts(call: ToolCall, context: CallContext, decision: DecisionDocument | undefined): ToolCallFacts {
  const note = policyNote(context);
  return {
    tool: call.name,
    arguments: call.arguments,
    identity: context.input.identity,
    session: context.session.id,
    client: context.input.client,
    findings: context.input.findings,
    policyRevision: note.revision,
    evalMicros: note.evalMicros,
    decision: decision ?? { allow: false, reasons: [] },
    shadowDecision: note.candidate?.decision,
  };
}

/** A decision standing for a block that was not the policy's: the policy's mode is kept. */
function blockedBy(context: CallContext, reason: string, rule: string): DecisionDocument {
  const decision: DecisionDocument = { allow: false, reasons: [reason], rule };
  if (context.decision?.mode !== undefined) decision.mode = context.decision.mode;
  return decision;
}

function blockedEvent(call: ToolCall, context: CallContext, verdict: CallVerdict): AuditEvent {
  const limit = rateLimitNote(context);
  if (limit !== undefined && !limit.allowed && limit.exceeded !== undefined && limit.exceeded.length > 0) {
    return rateLimitExceededEvent({ ...callFacts(call, context, context.decision), limit: limit.exceeded[0], retryAfterSeconds: shownRetryAfter(limit.retryAfterSeconds) });
  }
  if (context.decision !== undefined && !context.decision.allow) return policyViolationEvent(callFacts(call, context, context.decision));
  return policyViolationEvent(callFacts(call, context, blockedBy(context, verdictMessage(verdict), 'toolgate.error')));
}

function resultSummary(response: ToolResponse, redactions: number) {
  const isError = 'error' in response || response.result.isError === true;
  const sizeBytes = Buffer.byteLength(JSON.stringify('error' in response ? response.error : response.result));
  return { isError, sizeBytes, redactions };
}

export function auditHooks(log: AuditLog, options: AuditHooksOptions): ProxyHooks {
  const unavailableAnswer = (message: string): CallVerdict =>
    options.denial === 'error'
      ? { action: 'error', error: { code: RpcErrorCode.InternalError, message } }
      : { action: 'respond', result: { content: [{ type: 'text', text: message }], isError: true } };

  const blockWhileUnwritable = async (call: ToolCall, context: CallContext): Promise<CallVerdict> => {
    const status = log.status();
    const lastError = status.lastError ?? 'not writable';
    let message = `audit log ${status.target} cannot be written (${lastError}); the call is blocked because the audit log is required`;
    try {
      await log.append(policyViolationEvent(callFacts(call, context, blockedBy(context, `audit log unavailable: ${lastError}`, 'toolgate.audit'))));
    } catch (error) {
      if (error instanceof AuditWriteError) message = error.message;
      else options.report(`the audit event of a blocked call could not be written: ${(error as Error).message}`);
    }
    setAuditBlocked(context, message);
    return unavailableAnswer(message);
  };

  return {
    name: 'audit',
    onToolCall(call, context) {
      if (options.required && !log.status().writable) return blockWhileUnwritable(call, context);
      markForwarded(context);
    },

    onVerdict(call, context, verdict) {
      if (verdict.action === 'forward' || auditBlocked(context) !== undefined) return;
      // a required log that rejects keeps the call blocked: it already is
      return log.append(blockedEvent(call, context, verdict)).catch((error: unknown) => {
        if (!(error instanceof AuditWriteError)) throw error;
      });
    },

    async onToolResult(call, response, context) {
      const started = forwardedAt(context);
      const event = toolInvokedEvent({
        ...callFacts(call, context, context.decision),
        upstreamMillis: started === undefined ? undefined : Math.round(performance.now() - started),
        result: resultSummary(response, redactionCount(context)),
      });
      try {
        await log.append(event);
      } catch (error) {
        const message = error instanceof AuditWriteError ? error.message : `the audit event could not be written: ${(error as Error).message}`;
        if (!(error instanceof AuditWriteError)) options.report(message);
        if (!options.required) return;
        return options.denial === 'error'
          ? { error: { code: RpcErrorCode.InternalError, message } }
          : { result: { content: [{ type: 'text', text: message }], isError: true } };
      }
    },
  };
}
