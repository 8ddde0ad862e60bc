/**
 * The guards as proxy interception hooks (src/proxy/hooks.ts). Wire them
 * around the policy hook:
 *
 *   hooks: [guards.beforePolicy, policyHooks(decider), guards.afterPolicy, ...audit]
 *
 * beforePolicy fills the input document (findings, persistent tool_changed,
 * counters); afterPolicy enforces the decision's limits, redacts results and
 * pins, scans and filters tools/list.
 */
import type { InputDocument } from '../policy/documents.js';
import type { CallContext, CallVerdict, ListContext, ProxyHooks, ToolResponse, ToolsListResult } from '../proxy/hooks.js';
import { RpcErrorCode } from '../proxy/jsonrpc.js';
import { detect, type DetectOptions } from './detect.js';
import type { PinObservation, PinStore } from './pins/pin-store.js';
import type { ToolDefinition } from './pins/tool-fingerprint.js';
import type { RateLimiter, RateLimitVerdict, ScopeKeys } from './rate-limit/rate-limiter.js';
import { redact } from './redact/redact-result.js';
import { scanToolDescription } from './tool-description-scan.js';
import { filterToolList, listingInput, type HiddenTest } from './tool-list/tool-listing.js';
import type { Finding } from '../policy/documents.js';

/** What the guards did, for the audit log. */
export type GuardEvent =
  | { type: 'rate-limited'; tool: string; session: string; verdict: RateLimitVerdict; enforced: boolean }
  | { type: 'redacted'; tool: string; session: string; count: number; byKind: Record<string, number> }
  | { type: 'tool-pinned' | 'tool-changed'; server: string; observation: PinObservation }
  | { type: 'tool-description-findings'; server: string; tool: string; findings: Finding[] }
  | { type: 'tools-hidden'; server: string; tools: Array<{ name: string; error?: string }> };

export interface GuardHooksOptions {
  /** Detector options; `false` runs no detectors. */
  detect?: DetectOptions | false;
  /** Allowed roots known up front (paths or file:// URIs): paths outside them are path traversal findings. */
  roots?: readonly string[];
  /** Persistent tool pins: sets tool_changed across sessions and records every listing. */
  pins?: PinStore;
  /** Enforces the decision's `limits`; without one, limits are not enforced. */
  limiter?: RateLimiter;
  /** Hides the tools this test says the policy denies whatever the arguments (e.g. `(i) => policy.toolHidden(i)`). */
  hiddenTest?: HiddenTest;
  /** How a rate-limited call is answered, like the policy's denials. Default: an isError result. */
  denial?: 'result' | 'error';
  report?: (event: GuardEvent) => void;
}

export interface GuardHooks {
  beforePolicy: ProxyHooks;
  afterPolicy: ProxyHooks;
}

export const retryAfterMetaKey = 'toolgate/retryAfterSeconds';

/** The identity a per-identity limit is kept for: the first of sub, id, name, email that is a string. */
export function identityKey(identity: Record<string, unknown>): string | undefined {
  for (const field of ['sub', 'id', 'name', 'email']) {
    const value = identity[field];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

function scopeKeysOf(input: InputDocument): ScopeKeys {
  return { session: input.session, identity: identityKey(input.identity) };
}

function rateLimitAnswer(verdict: RateLimitVerdict, style: 'result' | 'error'): CallVerdict {
  const seconds = Math.ceil((verdict.retryAfterSeconds ?? 0) * 10) / 10;
  const limits = (verdict.exceeded ?? []).map((l) => `${l.key}: ${l.requests} per ${l.per}s${l.scope && l.scope !== 'global' ? ` per ${l.scope}` : ''}`);
  const message = `Blocked by toolgate: rate limit exceeded (${limits.join('; ')}); retry after ${seconds} s`;
  if (style === 'error') {
    return { action: 'error', error: { code: RpcErrorCode.PolicyDenied, message, data: { retryAfterSeconds: seconds, limits: verdict.exceeded } } };
  }
  return { action: 'respond', result: { content: [{ type: 'text', text: message }], isError: true, _meta: { [retryAfterMetaKey]: seconds } } };
}

export function guardHooks(options: GuardHooksOptions = {}): GuardHooks {
  const report = options.report ?? (() => {});

  const beforePolicy: ProxyHooks = {
    name: 'guards:inspect',
    onToolCall(call, context: CallContext) {
      const input = context.input;
      if (options.detect !== false) {
        input.findings.push(...detect(call.arguments, { tool: call.name, annotations: input.tool_annotations, roots: options.roots }, options.detect ?? {}));
      }
      if (options.pins) input.tool_changed = input.tool_changed || options.pins.isChanged(input.server.name, call.name);
      if (options.limiter) input.counters = { ...input.counters, ...options.limiter.counters(scopeKeysOf(input)) };
    },
  };

  const afterPolicy: ProxyHooks = {
    name: 'guards:enforce',
    onToolCall(call, context: CallContext) {
      const limits = context.decision?.limits ?? [];
      if (!options.limiter || limits.length === 0) return;
      const verdict = options.limiter.check(limits, scopeKeysOf(context.input));
      context.notes.set('toolgate.rateLimit', verdict);
      if (verdict.allowed) return;
      const enforced = context.decision?.mode !== 'shadow';
      report({ type: 'rate-limited', tool: call.name, session: context.input.session, verdict, enforced });
      if (enforced) return rateLimitAnswer(verdict, options.denial ?? 'result');
    },

    onToolResult(call, response: ToolResponse, context: CallContext) {
      const spec = context.decision?.redact ?? [];
      if (spec.length === 0 || !('result' in response)) return;
      const outcome = redact(response.result, spec);
      context.notes.set('toolgate.redaction', { count: outcome.count, byKind: outcome.byKind });
      if (outcome.count === 0) return;
      report({ type: 'redacted', tool: call.name, session: context.input.session, count: outcome.count, byKind: outcome.byKind });
      return { result: outcome.result };
    },

    async onToolsListResult(result: ToolsListResult, context: ListContext) {
      const server = context.session.server.name;
      const tools = result.tools.filter((t): t is ToolDefinition => typeof t?.name === 'string');
      if (options.pins) {
        for (const observation of options.pins.observe(server, tools)) {
          if (observation.status !== 'unchanged') report({ type: observation.status === 'pinned' ? 'tool-pinned' : 'tool-changed', server, observation });
        }
      }
      for (const tool of tools) {
        const findings = scanToolDescription(tool);
        if (findings.length > 0) report({ type: 'tool-description-findings', server, tool: tool.name, findings });
      }
      if (!options.hiddenTest) return;
      const session = context.session;
      const listing = { server: session.server, client: session.client, identity: {}, session: session.id, time: new Date().toISOString() };
      const filtered = await filterToolList(tools, options.hiddenTest, (tool) =>
        listingInput(tool, listing, options.pins?.isChanged(server, tool.name) ?? false),
      );
      if (filtered.hidden.length === 0) return;
      report({ type: 'tools-hidden', server, tools: filtered.hidden });
      const hidden = new Set(filtered.hidden.map((h) => h.name));
      return { ...result, tools: result.tools.filter((tool) => !hidden.has(tool?.name as string)) };
    },
  };

  return { beforePolicy, afterPolicy };
}
