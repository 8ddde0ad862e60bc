/** Calls the server never answers still leave their trace in the audit log. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { readAuditEvents, type LocatedEvent } from '../../src/audit/read-audit-events.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { fixtureServer, toolgateProtect } from './support/paths.js';
import { RecordingStdioTransport } from './support/recording-stdio-transport.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('toolgate protect --audit-log, when the server dies mid-call', () => {
  it('records a failed tool.invoked event for each forwarded call the server never answered, before proxy.stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toolgate-unanswered-'));
    dirs.push(dir);
    const auditLog = join(dir, 'audit.log');
    const transport = new RecordingStdioTransport(toolgateProtect(fixtureServer('crashing-server.mjs'), ['--policy', 'minimal', '--audit-log', auditLog]));
    const client = new Client({ name: 'unanswered-e2e', version: '1.0.0' });
    await client.connect(transport as never);
    await client.callTool({ name: 'echo', arguments: { text: 'answered' } });
    const outcomes = await Promise.allSettled([client.callTool({ name: 'slow', arguments: {} }), client.callTool({ name: 'crash', arguments: {} })]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect((await transport.exited).code).toBe(3);

    const events: LocatedEvent[] = [];
    for await (const event of readAuditEvents([auditLog])) events.push(event);
    const invoked = events.filter((event) => event.type === 'tool.invoked');
    expect(invoked.map((event) => [event.data.tool, (event.data.result as { is_error: boolean }).is_error]).sort()).toEqual([
      ['crash', true],
      ['echo', false],
      ['slow', true],
    ]);
    expect(events.at(-1)?.type).toBe('proxy.stopped');
    expect((await verifyAuditLog([auditLog])).intact).toBe(true);
  });
});
