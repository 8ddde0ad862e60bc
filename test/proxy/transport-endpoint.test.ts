import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStreamProxy, endpointForTransport } from '../../src/proxy/index.js';

describe('a proxy between SDK transports in one process', () => {
  it('decides tool calls between an SDK Client and an SDK McpServer over in-memory transports', async () => {
    const server = new McpServer({ name: 'in-process', version: '1.0.0' });
    server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
    server.registerTool('wipe', { inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'wiped' }] }));
    const [clientTransport, proxyClientSide] = InMemoryTransport.createLinkedPair();
    const [proxyServerSide, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    const proxy = createStreamProxy({
      client: await endpointForTransport(proxyClientSide),
      server: await endpointForTransport(proxyServerSide),
      decider: { decide: (input) => (input.tool === 'wipe' ? { allow: false, reasons: ['no wiping'] } : { allow: true, reasons: [] }) },
    });
    const client = new Client({ name: 'host', version: '1.0.0' });
    await client.connect(clientTransport);

    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo', 'wipe']);
    expect(await client.callTool({ name: 'echo', arguments: { text: 'héllo 😀' } })).toEqual({ content: [{ type: 'text', text: 'héllo 😀' }] });
    expect(await client.callTool({ name: 'wipe', arguments: {} })).toEqual({
      content: [{ type: 'text', text: 'Blocked by toolgate policy: no wiping' }],
      isError: true,
    });
    await client.close();
    expect((await proxy.done).reason).toBe('client-closed');
  });
});
