/**
 * protect() between a host's own SDK Client and its own SDK McpServer, in one
 * process, over two InMemoryTransport pairs: the typed public API (src/index.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { protect, verifyAuditLog, type CallReport, type Protection } from '../../src/index.js';
import { auditEvents } from '../protect/support/protect-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'toolgate-api-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function hostServer(): McpServer {
  const server = new McpServer({ name: 'host-tools', version: '1.0.0' });
  server.registerTool('lookup', { description: 'Looks a word up', inputSchema: { word: z.string() } }, async ({ word }) => ({
    content: [{ type: 'text', text: `${word}: a word` }],
  }));
  server.registerTool('run_command', { description: 'Runs a shell command', inputSchema: { command: z.string() } }, async () => ({
    content: [{ type: 'text', text: 'ran it' }],
  }));
  return server;
}

async function wire(options: Parameters<typeof protect>[1]): Promise<{ client: Client; gate: Protection }> {
  const [clientTransport, toolgateClientSide] = InMemoryTransport.createLinkedPair();
  const [toolgateServerSide, serverTransport] = InMemoryTransport.createLinkedPair();
  await hostServer().connect(serverTransport);
  const gate = await protect({ client: toolgateClientSide, server: toolgateServerSide }, { serverName: 'host-tools', pins: false, ...options });
  await gate.start();
  const client = new Client({ name: 'host', version: '1.0.0' });
  await client.connect(clientTransport);
  return { client, gate };
}

describe('protect() between an SDK Client and an SDK McpServer in one process', () => {
  it('allows, blocks, hides, audits and reports, then stops when the client closes', async () => {
    const violations: CallReport[] = [];
    const decisions: CallReport[] = [];
    const auditLog = join(dir, 'audit.log');
    const { client, gate } = await wire({ policy: 'standard', audit: { path: auditLog }, onViolation: (v) => violations.push(v), onDecision: (d) => decisions.push(d) });

    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['lookup']);
    expect(await client.callTool({ name: 'lookup', arguments: { word: 'gate' } })).toMatchObject({ content: [{ type: 'text', text: 'gate: a word' }] });
    const blocked = await client.callTool({ name: 'run_command', arguments: { command: 'rm -rf /' } });
    expect(blocked).toMatchObject({ isError: true, content: [{ type: 'text', text: 'Blocked by toolgate policy: Shell and code execution are not permitted' }] });

    expect(decisions.map((d) => [d.tool, d.outcome])).toEqual([['lookup', 'allowed'], ['run_command', 'denied']]);
    expect(violations).toMatchObject([{ tool: 'run_command', outcome: 'denied', blocked: true, arguments: { command: 'rm -rf /' }, decision: { rule: 'no-shell' } }]);
    expect(gate.session?.client).toEqual({ name: 'host', version: '1.0.0' });

    await client.close();
    expect(await gate.done).toMatchObject({ reason: 'client-closed', exitCode: 0 });
    const types = auditEvents(auditLog).map((event) => event.type.replace('dev.toolgate.', ''));
    expect(types).toEqual(['proxy.started', 'tool.invoked', 'policy.violation', 'proxy.stopped']);
    expect(auditEvents(auditLog)[0]).toMatchObject({ source: 'urn:toolgate:host-tools', data: { transport: 'embedded' } });
    expect((await verifyAuditLog([auditLog])).intact).toBe(true);
  });

  it('stop() shuts the proxy down from the host side', async () => {
    const { client, gate } = await wire({ policy: 'minimal' });
    expect((await client.callTool({ name: 'lookup', arguments: { word: 'x' } })).isError).toBeFalsy();
    const outcome = await gate.stop();
    expect(outcome.reason).toBe('client-closed');
    await client.close();
  });
});
