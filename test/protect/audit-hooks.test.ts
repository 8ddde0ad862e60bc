/** The audit step on its own, with a log double whose failures the test controls. */
import { describe, expect, it } from 'vitest';
import { AuditWriteError } from '../../src/audit/audit-errors.js';
import type { AuditLog } from '../../src/audit/audit-log.js';
import type { AuditEvent } from '../../src/audit/event-builders.js';
import type { InputDocument } from '../../src/policy/documents.js';
import type { CallContext, CallVerdict, ProxyHooks, ToolCall, ToolResponse } from '../../src/proxy/hooks.js';
import { auditHooks } from '../../src/protect/audit-hooks.js';

class ScriptedLog implements AuditLog {
  readonly appended: AuditEvent[] = [];
  failWith: Error | undefined;
  writable = true;
  async append(event: AuditEvent): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.appended.push(event);
  }
  async close(): Promise<void> {}
  status() {
    return { target: '/var/log/tg.log', writable: this.writable, lastError: this.writable ? undefined : 'EROFS: read-only file system', head: { seq: 0, hash: '' } };
  }
}

const call: ToolCall = { id: 1, name: 'read_file', arguments: { path: '/srv/a' }, params: {}, protocolVersion: undefined };
function context(): CallContext {
  const input = { tool: 'read_file', arguments: call.arguments, identity: {}, client: {}, findings: [] } as unknown as InputDocument;
  return { session: { id: 's1', client: {}, protocolVersion: undefined, server: { name: 'fs', command: [] } }, input, notes: new Map() };
}
const result: ToolResponse = { result: { content: [{ type: 'text', text: 'data' }] } };
const reports: string[] = [];
const hooksFor = (log: AuditLog, required: boolean) => auditHooks(log, { required, denial: 'result', report: (m) => reports.push(m) }) as Required<ProxyHooks>;

describe('audit hooks', () => {
  it('replaces the result when a required log fails while the call was at the server', async () => {
    const log = new ScriptedLog();
    const hooks = hooksFor(log, true);
    const ctx = context();
    expect(await hooks.onToolCall(call, ctx)).toBeUndefined();
    log.failWith = new AuditWriteError('audit log /var/log/tg.log cannot be written (ENOSPC); the call is blocked because the audit log is required');
    expect(await hooks.onToolResult(call, result, ctx)).toEqual({
      result: { content: [{ type: 'text', text: log.failWith.message }], isError: true },
    });
  });

  it('lets the result through when the log is not required (the log itself reports the failure)', async () => {
    const log = new ScriptedLog();
    const hooks = hooksFor(log, false);
    log.failWith = new AuditWriteError('x');
    expect(await hooks.onToolResult(call, result, context())).toBeUndefined();
  });

  it('blocks before forwarding while a required log is unwritable, and records the block as a violation', async () => {
    const log = new ScriptedLog();
    log.writable = false;
    const ctx = context();
    ctx.decision = { allow: true, reasons: [], mode: 'enforce' };
    const verdict = (await hooksFor(log, true).onToolCall(call, ctx)) as CallVerdict;
    expect(verdict).toEqual({
      action: 'respond',
      result: { content: [{ type: 'text', text: 'audit log /var/log/tg.log cannot be written (EROFS: read-only file system); the call is blocked because the audit log is required' }], isError: true },
    });
    expect(log.appended).toMatchObject([{ type: 'policy.violation', data: { decision: 'deny', reasons: ['audit log unavailable: EROFS: read-only file system'], rule: 'toolgate.audit', mode: 'enforce' } }]);
  });

  it('records a rate-limited call as ratelimit.exceeded, a denied one as policy.violation, a failed guard as toolgate.error', async () => {
    const log = new ScriptedLog();
    const hooks = hooksFor(log, false);
    const blocked: CallVerdict = { action: 'respond', result: { content: [{ type: 'text', text: 'Blocked' }], isError: true } };

    const limited = context();
    limited.decision = { allow: true, reasons: [] };
    limited.notes.set('toolgate.rateLimit', { allowed: false, retryAfterSeconds: 1.234, exceeded: [{ key: 'global', requests: 5, per: 60 }] });
    await hooks.onVerdict(call, limited, blocked);

    const denied = context();
    denied.decision = { allow: false, reasons: ['no'], rule: 'r' };
    await hooks.onVerdict(call, denied, blocked);

    await hooks.onVerdict(call, context(), { action: 'error', error: { code: -32603, message: 'toolgate could not decide this call: guards:inspect failed: boom' } });

    expect(log.appended.map((e) => [e.type, e.data.rule])).toEqual([
      ['ratelimit.exceeded', undefined],
      ['policy.violation', 'r'],
      ['policy.violation', 'toolgate.error'],
    ]);
    expect(log.appended[0].data.limit).toEqual({ key: 'global', requests: 5, per: 60, retry_after_s: 1.3 });
    expect(log.appended[2].data.reasons).toEqual(['toolgate could not decide this call: guards:inspect failed: boom']);
  });

  it('records nothing in onVerdict for a forwarded call (its event is written with the result)', async () => {
    const log = new ScriptedLog();
    await hooksFor(log, false).onVerdict(call, context(), { action: 'forward' });
    expect(log.appended).toEqual([]);
  });
});
