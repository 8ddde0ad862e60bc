import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAuditEvents } from '../../../src/audit/read-audit-events.js';
import { recordedCall, type RecordedCall } from '../../../src/policy/replay/index.js';
import { temporaryFolder } from '../reload/policy-files.js';
import { SESSION, writeRecordedLog } from './recorded-log.js';

const folder = temporaryFolder();
afterAll(() => folder.remove());

async function callsIn(file: string): Promise<RecordedCall[]> {
  const calls: RecordedCall[] = [];
  for await (const event of readAuditEvents([file])) {
    const call = recordedCall(event);
    if (call) calls.push(call);
  }
  return calls;
}

describe('a call read back from the audit log', () => {
  for (const format of ['cloudevents', 'json'] as const) {
    it(`rebuilds the policy input from a ${format} event`, async () => {
      const file = await writeRecordedLog(folder.dir, format, `${format}.log`);
      const calls = await callsIn(file);
      expect(calls.map((call) => call.tool)).toEqual(['echo', 'read_file', 'write_file', 'run_shell']);
      expect(calls[1]).toMatchObject({
        file,
        line: 3,
        seq: 3,
        session: SESSION,
        recorded: { allow: true, rule: 'reads', revision: 'sha256:1' },
        redacted: false,
        input: {
          method: 'tools/call',
          tool: 'read_file',
          arguments: { path: '/srv/data/report.csv' },
          server: { name: 'files server', command: [] },
          client: { name: 'cursor', version: '1.2' },
          identity: { sub: 'agent-7', groups: ['dev'] },
          session: SESSION,
          findings: [],
          tool_annotations: {},
          tool_changed: false,
          time: calls[1].time,
        },
      });
      expect(calls[3].recorded).toEqual({ allow: false, rule: 'no-shell', revision: 'sha256:1' });
    });
  }

  it('marks a call whose arguments were redacted by the log, and carries the redacted values', async () => {
    const calls = await callsIn(await writeRecordedLog(folder.dir, 'cloudevents', 'redacted.log'));
    expect(calls[2]).toMatchObject({ tool: 'write_file', redacted: true, input: { arguments: { path: '/srv/data/out.csv', api_key: '[REDACTED]' } } });
  });

  it('gives fields of the wrong type in a hand-edited event their neutral value instead of passing them to the policy', async () => {
    const file = join(folder.dir, 'odd.log');
    const event = { seq: 1, id: 'x', time: '2026-01-01T00:00:00Z', type: 'policy.violation', source: 'urn:toolgate:%E2%80%AEsrv', prevhash: `sha256:${'0'.repeat(64)}`, hash: `sha256:${'1'.repeat(64)}` };
    writeFileSync(file, `${JSON.stringify({ ...event, tool: 'x', decision: 'deny', arguments: 'rm -rf /', identity: ['admin'], client: null, findings: { detector: 'secret' }, session: 7 })}\n`);
    const [call] = await callsIn(file);
    expect(call).toMatchObject({ session: '', redacted: false, recorded: { allow: false } });
    expect(call.input).toMatchObject({ arguments: {}, identity: {}, client: {}, findings: [], session: '', server: { name: '\u202esrv' } });
  });

  it('skips events that are not calls, and calls without a decision', async () => {
    const file = await writeRecordedLog(folder.dir, 'json', 'mixed.log');
    appendFileSync(file, `${JSON.stringify({ seq: 99, id: 'x', time: '2026-01-01T00:00:00Z', type: 'tool.invoked', source: 'urn:toolgate:x', tool: 'echo', prevhash: `sha256:${'0'.repeat(64)}`, hash: `sha256:${'1'.repeat(64)}` })}\n`);
    const calls = await callsIn(file);
    expect(calls).toHaveLength(4);
  });
});
