import { describe, expect, it } from 'vitest';
import type { DecisionDocument, InputDocument } from '../../src/policy/documents.js';
import type { CallContext, ToolCall } from '../../src/proxy/hooks.js';
import { guardHooks, identityKey, type GuardEvent } from '../../src/guard/proxy-hooks.js';
import { RateLimiter } from '../../src/guard/rate-limit/rate-limiter.js';

function callContext(decision?: DecisionDocument, identity: Record<string, unknown> = {}): CallContext {
  const input: InputDocument = {
    method: 'tools/call', tool: 'read_file', arguments: { path: '../../etc/passwd' }, server: { name: 'fs', command: ['fs'] },
    client: {}, identity, session: 's1', findings: [], tool_annotations: {}, tool_changed: false, time: '2026-01-01T00:00:00Z',
  };
  return { session: { id: 's1', client: {}, protocolVersion: undefined, server: input.server }, input, decision, notes: new Map() };
}
const call: ToolCall = { id: 1, name: 'read_file', arguments: { path: '../../etc/passwd' }, params: {}, protocolVersion: undefined };
const limited: DecisionDocument = { allow: true, reasons: [], limits: [{ key: 'reads', requests: 1, per: 60, scope: 'identity' }] };

describe('guardHooks', () => {
  it('adds detector findings and counters to the input before the policy runs', async () => {
    const context = callContext();
    await guardHooks({ limiter: new RateLimiter({ clock: () => 0 }) }).beforePolicy.onToolCall!(call, context);
    expect(context.input.findings.map((f) => f.detector)).toEqual(['path_traversal', 'sensitive_path']);
    expect(context.input.counters).toEqual({ global: {}, session: {}, identity: {} });
  });

  it('answers an exhausted limit with a JSON-RPC error when asked to, and leaves the verdict in the notes', async () => {
    const { afterPolicy } = guardHooks({ limiter: new RateLimiter({ clock: () => 0 }), denial: 'error' });
    expect(await afterPolicy.onToolCall!(call, callContext(limited, { sub: 'alice' }))).toBeUndefined();
    const context = callContext(limited, { sub: 'alice' });
    const verdict = await afterPolicy.onToolCall!(call, context);
    expect(verdict).toMatchObject({ action: 'error', error: { code: -32003, data: { retryAfterSeconds: 60 } } });
    expect(context.notes.get('toolgate.rateLimit')).toMatchObject({ allowed: false });
    expect(await afterPolicy.onToolCall!(call, callContext(limited, { sub: 'bob' }))).toBeUndefined();
  });

  it('only reports an exhausted limit in shadow mode', async () => {
    const events: GuardEvent[] = [];
    const { afterPolicy } = guardHooks({ limiter: new RateLimiter({ clock: () => 0 }), report: (e) => events.push(e) });
    const shadow = { ...limited, mode: 'shadow' as const };
    await afterPolicy.onToolCall!(call, callContext(shadow));
    expect(await afterPolicy.onToolCall!(call, callContext(shadow))).toBeUndefined();
    expect(events).toMatchObject([{ type: 'rate-limited', enforced: false }]);
  });

  it('redacts results as the decision asks and leaves errors alone', async () => {
    const { afterPolicy } = guardHooks();
    const context = callContext({ allow: true, reasons: [], redact: ['pii.email'] });
    const replaced = await afterPolicy.onToolResult!(call, { result: { content: [{ type: 'text', text: 'mail bob@example.com' }] } }, context);
    expect(replaced).toEqual({ result: { content: [{ type: 'text', text: 'mail [REDACTED:pii.email]' }] } });
    expect(context.notes.get('toolgate.redaction')).toEqual({ count: 1, byKind: { 'pii.email': 1 } });
    expect(await afterPolicy.onToolResult!(call, { error: { code: 1, message: 'bob@example.com' } }, context)).toBeUndefined();
  });

  it('takes the identity key from sub, id, name or email', () => {
    expect(identityKey({ sub: 'u1', email: 'a@b.c' })).toBe('u1');
    expect(identityKey({ email: 'a@b.c' })).toBe('a@b.c');
    expect(identityKey({ sub: 42 })).toBeUndefined();
  });
});
