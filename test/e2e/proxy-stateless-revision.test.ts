/**
 * Protocol revision 2026-07-28 end to end: a 2.x SDK Client pinned to that
 * revision, the library proxy with a test decider, and a 2.x SDK server as a
 * child process. On that revision a result without `resultType` is refused by
 * the client, so a denial toolgate writes itself must carry it.
 */
import { Client } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputDocument } from '../../src/policy/documents.js';
import { type RunningCommandProxy, startCommandProxy } from '../../src/proxy/index.js';
import { fixtureServer } from './support/paths.js';
import { clientLink } from './support/stream-transport.js';

let proxy: RunningCommandProxy | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  await proxy?.done;
});

async function start(revision: 'pinned' | 'legacy') {
  const [node, server] = fixtureServer('stateless-revision-server.mjs');
  const inputs: InputDocument[] = [];
  const link = clientLink();
  proxy = startCommandProxy({
    command: node,
    args: [server],
    client: link.endpoint,
    decider: {
      decide: (input) => (inputs.push(input), input.tool === 'drop-database' ? { allow: false, reasons: ['destructive tool'] } : { allow: true, reasons: [] }),
    },
  });
  client = new Client(
    { name: 'stateless-e2e', version: '3.0.0' },
    revision === 'pinned' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(link.transport as never);
  return { client, inputs, wire: link.transport.received };
}

describe('protocol revision 2026-07-28 through toolgate', () => {
  it('negotiates the revision through the proxy and forwards allowed calls', async () => {
    const { client, inputs } = await start('pinned');
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name).sort()).toEqual(['drop-database', 'echo']);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'stateless ✓' } });
    expect(result.content).toEqual([{ type: 'text', text: 'stateless ✓' }]);
    expect(inputs[0].client).toEqual({ name: 'stateless-e2e', version: '3.0.0' });
  });

  it('answers a denied call with a complete result the 2026-07-28 client accepts', async () => {
    const { client, wire } = await start('pinned');
    const denied = await client.callTool({ name: 'drop-database', arguments: {} });
    expect(denied.isError).toBe(true);
    expect(denied.content).toEqual([{ type: 'text', text: 'Blocked by toolgate policy: destructive tool' }]);
    expect(JSON.parse(wire.find((line) => line.includes('Blocked by toolgate')) as string).result.resultType).toBe('complete');
  });

  it('leaves resultType out for a client on an earlier revision', async () => {
    const { client, wire } = await start('legacy');
    expect(client.getNegotiatedProtocolVersion()).not.toBe('2026-07-28');
    const denied = await client.callTool({ name: 'drop-database', arguments: {} });
    expect(denied).toMatchObject({ isError: true, content: [{ type: 'text', text: 'Blocked by toolgate policy: destructive tool' }] });
    expect(JSON.parse(wire.find((line) => line.includes('Blocked by toolgate')) as string).result.resultType).toBeUndefined();
  });
});
