/**
 * The real `@modelcontextprotocol/server-everything` and the real SDK Client,
 * once directly and once through the built `toolgate protect` with the
 * allow-all profile: the client must not be able to tell the difference.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmServer, toolgateProtect } from './support/paths.js';
import { RecordingStdioTransport } from './support/recording-stdio-transport.js';

const everything = npmServer('@modelcontextprotocol/server-everything');

async function connect(command: string[], env: NodeJS.ProcessEnv = process.env) {
  const transport = new RecordingStdioTransport(command, { env });
  const client = new Client(
    { name: 'toolgate-e2e', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: {}, roots: { listChanged: true } } },
  );
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
    model: 'test-model',
    role: 'assistant',
    content: { type: 'text', text: `sampled: ${JSON.stringify(request.params.messages[0].content)}` },
  }));
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { name: 'Ada', check: true } }));
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///tmp/toolgate-root', name: 'root' }] }));
  await client.connect(transport as never);
  return { client, transport };
}

describe('server-everything through toolgate', () => {
  const marker = `marker-${process.pid}`;
  let direct: Awaited<ReturnType<typeof connect>>;
  let proxied: Awaited<ReturnType<typeof connect>>;

  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      connect(everything),
      connect(toolgateProtect(everything, ['--policy', 'minimal']), { ...process.env, TOOLGATE_E2E_MARKER: marker }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([direct?.client.close(), proxied?.client.close()]);
  });

  it('lists exactly the tools the server lists directly, for a client that declares sampling, elicitation and roots', async () => {
    const [a, b] = await Promise.all([direct.client.listTools(), proxied.client.listTools()]);
    expect(b).toEqual(a);
    expect(b.tools).toHaveLength(16);
    expect(b.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['trigger-sampling-request', 'trigger-elicitation-request', 'get-roots-list']));
  });

  it('returns identical echo and get-sum results', async () => {
    for (const [name, args] of [
      ['echo', { message: 'héllo 😀 wörld' }],
      ['get-sum', { a: 17, b: 25 }],
    ] as const) {
      const [a, b] = await Promise.all([direct.client.callTool({ name, arguments: args }), proxied.client.callTool({ name, arguments: args })]);
      expect(b).toEqual(a);
    }
  });

  it('delivers every progress notification of a long-running operation', async () => {
    const progress: number[] = [];
    const result = await proxied.client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 0.5, steps: 5 } },
      undefined,
      { onprogress: (update) => progress.push(update.progress) },
    );
    expect(JSON.stringify(result)).toContain('Long running operation completed');
    const call = JSON.parse(proxied.transport.sent.filter((line) => line.includes('trigger-long-running-operation')).at(-1) as string);
    const token = call.params._meta.progressToken;
    const delivered = proxied.transport.received
      .map((line) => JSON.parse(line))
      .filter((message) => message.method === 'notifications/progress' && message.params.progressToken === token)
      .map((message) => message.params.progress);
    // all five reach the client; the SDK itself may drop the last one when it races the result
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(progress.slice(0, 4)).toEqual([1, 2, 3, 4]);
  });

  it('round-trips a sampling request from the server to the client', async () => {
    const result = await proxied.client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'ping?', maxTokens: 5 } });
    expect(JSON.stringify(result)).toContain('sampled:');
    expect(JSON.stringify(result)).toContain('ping?');
  });

  it('round-trips elicitation and roots requests from the server to the client', async () => {
    const elicited = await proxied.client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
    expect(JSON.stringify(elicited)).toContain('Ada');
    const roots = await proxied.client.callTool({ name: 'get-roots-list', arguments: {} });
    expect(JSON.stringify(roots)).toContain('file:///tmp/toolgate-root');
  });

  it('cancels a call: the server receives the cancellation and never answers the call', async () => {
    const controller = new AbortController();
    const cancelled = proxied.client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 0.6, steps: 2 } }, undefined, {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort('changed my mind');
    await expect(cancelled).rejects.toThrow();
    const cancelLine = proxied.transport.sent.find((line) => line.includes('notifications/cancelled'));
    expect(cancelLine).toBeDefined();
    const requestId = JSON.parse(cancelLine as string).params.requestId as number;
    // a control call of the same length completes, so the cancelled one would have answered by now
    await proxied.client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 0.8, steps: 1 } });
    expect(proxied.transport.responsesTo(requestId)).toEqual([]);
  });

  it('lets logging/setLevel reach the server, which then logs at that level', async () => {
    const levels: string[] = [];
    proxied.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void levels.push(notification.params.level));
    await proxied.client.setLoggingLevel('debug');
    const setLevelLine = proxied.transport.sent.find((line) => line.includes('logging/setLevel')) as string;
    expect(proxied.transport.responsesTo(JSON.parse(setLevelLine).id)).toEqual([{ jsonrpc: '2.0', id: JSON.parse(setLevelLine).id, result: {} }]);
    await proxied.client.callTool({ name: 'toggle-simulated-logging', arguments: {} });
    await expect.poll(() => levels.length, { timeout: 3000 }).toBeGreaterThan(0);
    await proxied.client.callTool({ name: 'toggle-simulated-logging', arguments: {} });
  });

  it("gives the server toolgate's whole environment and passes its stderr through", async () => {
    const result = await proxied.client.callTool({ name: 'get-env', arguments: {} });
    expect(JSON.stringify(result)).toContain(marker);
    expect(proxied.transport.stderr).toContain('Starting default (STDIO) server...');
  });

  it('forwards the client initialize unchanged, with its real capabilities and clientInfo', async () => {
    const initialize = proxied.transport.sent[0];
    expect(JSON.parse(initialize).params).toMatchObject({
      capabilities: { sampling: {}, elicitation: {}, roots: { listChanged: true } },
      clientInfo: { name: 'toolgate-e2e', version: '1.0.0' },
    });
    expect(proxied.client.getServerVersion()).toEqual(direct.client.getServerVersion());
    expect(proxied.client.getServerCapabilities()).toEqual(direct.client.getServerCapabilities());
  });
});
