/**
 * Denials with a real server and a real SDK Client, before the policy engine
 * exists: the library proxy runs in-process with a test decider in front of
 * `@modelcontextprotocol/server-everything` as a child process.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionDocument, InputDocument } from '../../src/policy/documents.js';
import { type RunningCommandProxy, startCommandProxy } from '../../src/proxy/index.js';
import { npmServer } from './support/paths.js';
import { clientLink } from './support/stream-transport.js';

const [node, everything] = npmServer('@modelcontextprotocol/server-everything');

let proxy: RunningCommandProxy | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  await proxy?.done;
});

async function start(denial: 'result' | 'error') {
  const inputs: InputDocument[] = [];
  const decider = {
    decide(input: InputDocument): DecisionDocument {
      inputs.push(input);
      return input.tool === 'get-sum' ? { allow: false, reasons: ['arithmetic is not allowed here'], rule: 'no-math' } : { allow: true, reasons: [] };
    },
  };
  const link = clientLink();
  proxy = startCommandProxy({ command: node, args: [everything], decider, denial, client: link.endpoint, stderr: 'pipe' });
  client = new Client({ name: 'decisions-e2e', version: '2.5.0' });
  await client.connect(link.transport as never);
  return { client, inputs };
}

describe('policy decisions with a real server', () => {
  it('answers a denied call with an isError result and lets allowed calls through', async () => {
    const { client, inputs } = await start('result');
    await client.listTools();
    const denied = await client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } });
    expect(denied).toEqual({ content: [{ type: 'text', text: 'Blocked by toolgate policy: arithmetic is not allowed here' }], isError: true });
    const allowed = await client.callTool({ name: 'echo', arguments: { message: 'ok' } });
    expect(allowed.content).toEqual([{ type: 'text', text: 'Echo: ok' }]);
    expect(inputs.map((input) => input.tool)).toEqual(['get-sum', 'echo']);
  });

  it('gives the decider the client from initialize, the server, and the annotations from tools/list', async () => {
    const { client, inputs } = await start('result');
    await client.listTools();
    await client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 0.1, steps: 1 } });
    expect(inputs[0]).toMatchObject({
      method: 'tools/call',
      tool: 'trigger-long-running-operation',
      arguments: { duration: 0.1, steps: 1 },
      client: { name: 'decisions-e2e', version: '2.5.0' },
      server: { name: 'mcp-servers/everything', command: [node, everything] },
      tool_annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      tool_changed: false,
    });
    expect(inputs[0].session).toBe(proxy?.session.id);
  });

  it('answers a denied call with a JSON-RPC error when configured to', async () => {
    const { client } = await start('error');
    await expect(client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } })).rejects.toMatchObject({
      code: -32003,
      message: expect.stringContaining('Blocked by toolgate policy: arithmetic is not allowed here'),
    });
  });
});
