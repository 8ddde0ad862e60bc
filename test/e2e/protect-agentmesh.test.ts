/**
 * AgentMesh MCP Proxy command lines work unchanged: `--policy=<name>`, the
 * server command without `--`, `--mode shadow`, `--log`, `--log-format`,
 * `--rate-limit`, `--no-sanitize`, `--verbose`, against a real server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, firstText } from '../protect/support/protect-cli.js';
import { npmServer, requireBuiltCli } from './support/paths.js';
import { RecordingStdioTransport } from './support/recording-stdio-transport.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toolgate-agentmesh-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `toolgate protect <args...>` exactly as written, no `--` added. */
async function agentMesh(args: string[]) {
  const transport = new RecordingStdioTransport([process.execPath, requireBuiltCli(), 'protect', ...args], { env: { ...process.env, TOOLGATE_PINS_DIR: join(dir, 'pins') } });
  const client = new Client({ name: 'agentmesh-user', version: '1.0.0' });
  await client.connect(transport as never);
  return { client, transport };
}

describe('AgentMesh command lines', () => {
  it('protect --policy=strict --mode shadow --log <file> --log-format json --verbose <server> passes calls the policy would deny and records them', async () => {
    const log = join(dir, 'shadow.jsonl');
    const { client, transport } = await agentMesh(['--policy=strict', '--mode', 'shadow', '--log', log, '--log-format', 'json', '--verbose', ...npmServer('@modelcontextprotocol/server-everything')]);
    expect(firstText(await client.callTool({ name: 'echo', arguments: { message: 'hi' } }))).toBe('Echo: hi');
    await client.close();
    const invoked = auditEvents(log).find((event) => event.type === 'tool.invoked');
    expect(invoked).toMatchObject({ type: 'tool.invoked', tool: 'echo', decision: 'deny', mode: 'shadow', rule: 'default_action' });
    expect(invoked?.specversion).toBeUndefined();
    expect(transport.stderr).toMatch(/^toolgate: shadow-deny echo: .* \[rule default_action, \d+ µs\]$/m);
  });

  it('protect --policy=standard --no-sanitize --rate-limit 2/minute <server>: detectors off, the global limit enforced', async () => {
    const { client } = await agentMesh(['--policy=standard', '--no-sanitize', '--rate-limit', '2/minute', ...npmServer('@modelcontextprotocol/server-everything')]);
    expect(firstText(await client.callTool({ name: 'echo', arguments: { message: '../../../etc/passwd' } }))).toBe('Echo: ../../../etc/passwd');
    expect(firstText(await client.callTool({ name: 'echo', arguments: { message: 'two' } }))).toBe('Echo: two');
    const third = await client.callTool({ name: 'echo', arguments: { message: 'three' } });
    expect(third.isError).toBe(true);
    expect(firstText(third)).toMatch(/^Blocked by toolgate: rate limit exceeded \(--rate-limit: 2 per 60s\); retry after \d+(\.\d)? s$/);
    await client.close();
  });

  it('with the detectors on (the default), the standard profile denies the same traversal', async () => {
    const { client } = await agentMesh(['--policy', 'standard', ...npmServer('@modelcontextprotocol/server-everything')]);
    const denied = await client.callTool({ name: 'echo', arguments: { message: '../../../etc/passwd' } });
    expect(denied.isError).toBe(true);
    expect(firstText(denied)).toMatch(/^Blocked by toolgate policy: .*path_traversal/);
    await client.close();
  });
});
