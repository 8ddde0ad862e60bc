import type { DecisionDocument, Finding, LimitSpec } from '../policy/documents.js';
import type { AuditEventType } from './event-types.js';

/**
 * Typed builders for every event the proxy records. They only shape plain
 * inputs into event data (snake_case, as in the policy documents); the log
 * redacts `arguments` and `identity`, stamps id, time and source, and chains.
 */
export interface AuditEvent {
  type: AuditEventType;
  /** The tool the event is about (CloudEvents `subject`). */
  subject?: string;
  data: Record<string, unknown>;
  /** When it happened; the log's clock when omitted. */
  time?: Date;
}

/** What is known about one tools/call when its event is written. */
export interface ToolCallFacts {
  tool: string;
  arguments: Record<string, unknown>;
  identity?: Record<string, unknown>;
  session?: string;
  client?: { name?: string; version?: string };
  findings?: Finding[];
  /** Revision (source hash) of the policy that decided. */
  policyRevision?: string;
  /** Policy evaluation time, microseconds. */
  evalMicros?: number;
  /** The enforced policy's decision (in mode shadow it was recorded, not acted on). */
  decision: DecisionDocument;
  /** The decision of a candidate policy run beside the enforced one (--shadow-policy). */
  shadowDecision?: DecisionDocument;
}

export interface ResultSummary {
  isError: boolean;
  /** Size of the result as forwarded, in bytes of JSON. */
  sizeBytes: number;
  /** How many values were redacted from the result before it was forwarded. */
  redactions: number;
}

function decisionWord(decision: DecisionDocument): 'allow' | 'deny' {
  return decision.allow ? 'allow' : 'deny';
}

function callData(facts: ToolCallFacts): Record<string, unknown> {
  const { decision, shadowDecision } = facts;
  return {
    tool: facts.tool,
    arguments: facts.arguments,
    decision: decisionWord(decision),
    reasons: decision.reasons,
    rule: decision.rule,
    severity: decision.severity,
    mitigates: decision.mitigates,
    mode: decision.mode ?? 'enforce',
    shadow: shadowDecision && {
      decision: decisionWord(shadowDecision),
      reasons: shadowDecision.reasons,
      rule: shadowDecision.rule,
    },
    findings: facts.findings ?? [],
    limits: decision.limits ?? [],
    identity: facts.identity ?? {},
    session: facts.session,
    client: facts.client ?? {},
    policy_revision: facts.policyRevision,
    eval_us: facts.evalMicros,
  };
}

/** The call was forwarded upstream (allowed, or denied in mode shadow) and its result is about to go back. */
export function toolInvokedEvent(
  facts: ToolCallFacts & { upstreamMillis?: number; result?: ResultSummary },
): AuditEvent {
  return {
    type: 'tool.invoked',
    subject: facts.tool,
    data: {
      ...callData(facts),
      upstream_ms: facts.upstreamMillis,
      result: facts.result && {
        is_error: facts.result.isError,
        size: facts.result.sizeBytes,
        redactions: facts.result.redactions,
      },
    },
  };
}

/** The policy denied the call and it was not forwarded. */
export function policyViolationEvent(facts: ToolCallFacts): AuditEvent {
  return { type: 'policy.violation', subject: facts.tool, data: callData(facts) };
}

/** A rate limit stopped the call; `limit` is the bucket that ran dry. */
export function rateLimitExceededEvent(
  facts: ToolCallFacts & { limit: LimitSpec; retryAfterSeconds?: number },
): AuditEvent {
  return {
    type: 'ratelimit.exceeded',
    subject: facts.tool,
    data: {
      ...callData(facts),
      limit: { ...facts.limit, retry_after_s: facts.retryAfterSeconds },
    },
  };
}

export function policyReloadedEvent(input: {
  revision: string;
  previousRevision?: string;
  sources: string[];
  durationMillis?: number;
}): AuditEvent {
  return {
    type: 'policy.reloaded',
    data: {
      policy_revision: input.revision,
      previous_revision: input.previousRevision,
      sources: input.sources,
      duration_ms: input.durationMillis,
    },
  };
}

export function policyReloadFailedEvent(input: { error: string; sources: string[]; keptRevision?: string }): AuditEvent {
  return {
    type: 'policy.reload_failed',
    data: { error: input.error, sources: input.sources, policy_revision: input.keptRevision },
  };
}

export function proxyStartedEvent(input: {
  server: { name: string; command: string[] };
  transport: string;
  policyRevision?: string;
  mode?: 'enforce' | 'shadow';
  version?: string;
  pid?: number;
}): AuditEvent {
  return {
    type: 'proxy.started',
    data: {
      server: input.server,
      transport: input.transport,
      policy_revision: input.policyRevision,
      mode: input.mode,
      version: input.version,
      pid: input.pid ?? process.pid,
    },
  };
}

export function proxyStoppedEvent(input: { reason: string; uptimeMillis?: number; calls?: number; exitCode?: number }): AuditEvent {
  return {
    type: 'proxy.stopped',
    data: { reason: input.reason, uptime_ms: input.uptimeMillis, calls: input.calls, exit_code: input.exitCode },
  };
}

/** A tool's definition differs from its pinned one (or a tool appeared or vanished). */
export function toolChangedEvent(input: {
  tool: string;
  change: 'added' | 'removed' | 'modified';
  previousHash?: string;
  currentHash?: string;
  fields?: string[];
}): AuditEvent {
  return {
    type: 'tool.changed',
    subject: input.tool,
    data: {
      tool: input.tool,
      change: input.change,
      previous_hash: input.previousHash,
      current_hash: input.currentHash,
      fields: input.fields,
    },
  };
}
