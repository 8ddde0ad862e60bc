/** Audit logs written by the real log writer, for the replay tests. */
import { join } from 'node:path';
import { openAuditLog, policyReloadedEvent, policyViolationEvent, proxyStartedEvent, toolInvokedEvent, type AuditFormat, type ToolCallFacts } from '../../../src/audit/index.js';

export const SESSION = '7c1e0d2a-5b7f-4e0c-9d57-1f0f6a1f2b3c';

const allow = (rule: string) => ({ allow: true, reasons: [], rule });
const deny = (rule: string, reason: string) => ({ allow: false, reasons: [reason], rule });

/** What protect would have recorded under a policy that allowed reads and echo and denied shells. */
export const RECORDED_CALLS: Array<{ type: 'invoked' | 'violation'; facts: ToolCallFacts }> = [
  { type: 'invoked', facts: { tool: 'echo', arguments: { message: 'hi' }, decision: allow('echo-ok') } },
  { type: 'invoked', facts: { tool: 'read_file', arguments: { path: '/srv/data/report.csv' }, decision: allow('reads') } },
  { type: 'invoked', facts: { tool: 'write_file', arguments: { path: '/srv/data/out.csv', api_key: 'sk-live-0123456789abcdefghijklmnopqrstuv' }, decision: allow('writes') } },
  { type: 'violation', facts: { tool: 'run_shell', arguments: { command: 'ls' }, decision: deny('no-shell', 'shells are off') } },
];

export async function writeRecordedLog(dir: string, format: AuditFormat = 'cloudevents', name = 'audit.log'): Promise<string> {
  const path = join(dir, name);
  const log = await openAuditLog({ path, source: 'files server', format });
  await log.append(proxyStartedEvent({ server: { name: 'files server', command: ['node', 'server.js'] }, transport: 'stdio', policyRevision: 'sha256:1', mode: 'enforce' }));
  for (const { type, facts } of RECORDED_CALLS) {
    const full: ToolCallFacts = {
      identity: { sub: 'agent-7', groups: ['dev'] },
      session: SESSION,
      client: { name: 'cursor', version: '1.2' },
      findings: [],
      policyRevision: 'sha256:1',
      ...facts,
    };
    await log.append(type === 'invoked' ? toolInvokedEvent({ ...full, upstreamMillis: 3 }) : policyViolationEvent(full));
  }
  await log.append(policyReloadedEvent({ revision: 'sha256:2', previousRevision: 'sha256:1', sources: ['/p/policy.yaml'] }));
  await log.close();
  return path;
}
