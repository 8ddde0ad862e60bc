import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

describe('transparent forwarding', () => {
  it('passes every non-tool message through byte for byte, in both directions', async () => {
    h = startHarness();
    const fromClient = [
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"sampling":{},"elicitation":{},"roots":{"listChanged":true}},"clientInfo":{"name":"c","version":"1"}}}',
      '{ "jsonrpc" : "2.0" , "method" : "notifications/initialized" }',
      '{"jsonrpc":"2.0","id":"p-1","method":"ping"}',
      '{"jsonrpc":"2.0","id":2,"method":"logging/setLevel","params":{"level":"debug"}}',
      '{"jsonrpc":"2.0","id":3,"method":"x-unknown/method","params":{"n":12345678901234567890,"f":1.50,"s":"日本語 😀"}}',
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9,"reason":"user"}}',
      '{"jsonrpc":"2.0","id":"s-1","result":{"roots":[{"uri":"file:///tmp"}]}}',
    ];
    const fromServer = [
      '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"fake","version":"0"}}}',
      '{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":1,"total":2}}',
      '{"jsonrpc":"2.0","id":"s-1","method":"roots/list"}',
      '{"jsonrpc":"2.0","id":"s-2","method":"sampling/createMessage","params":{"messages":[],"maxTokens":5}}',
      '{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"ü"}}',
      '{"jsonrpc":"2.0","id":"p-1","result":{}}',
    ];
    for (const line of fromClient) h.client.send(line);
    for (const line of fromServer) h.server.send(line);
    await h.server.line(fromClient.length - 1);
    await h.client.line(fromServer.length - 1);
    expect(h.server.lines).toEqual(fromClient);
    expect(h.client.lines).toEqual(fromServer);
    expect(h.inputs).toEqual([]);
  });

  it('forwards an allowed tools/call unchanged and gives the decider the input document', async () => {
    h = startHarness({ serverName: undefined });
    h.client.send('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"claude","version":"1.2"}}}');
    h.server.send('{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"files","version":"3"}}}');
    h.client.send('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
    h.server.send('{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"read","inputSchema":{"type":"object"},"annotations":{"readOnlyHint":true}}]}}');
    await h.client.line(1);
    const call = '{"method":"tools/call","params":{"name":"read","arguments":{"path":"/tmp/ü.txt","n":1.0}},"jsonrpc":"2.0","id":2}';
    h.client.send(call);
    expect(await h.server.line(2)).toBe(call);
    expect(h.inputs).toHaveLength(1);
    const input = h.inputs[0];
    expect(input).toMatchObject({
      method: 'tools/call',
      tool: 'read',
      arguments: { path: '/tmp/ü.txt', n: 1 },
      server: { name: 'files', command: ['node', 'fake-server.js'] },
      client: { name: 'claude', version: '1.2' },
      identity: {},
      findings: [],
      tool_annotations: { readOnlyHint: true },
      tool_changed: false,
    });
    expect(input.session).toBe(h.proxy.session.id);
    expect(Date.parse(input.time)).not.toBeNaN();
    h.server.send('{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"hi"}]}}');
    expect(await h.client.line(2)).toBe('{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"hi"}]}}');
  });

  it('marks a tool whose definition changed since it was first listed', async () => {
    h = startHarness();
    h.client.send('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
    h.server.send('{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"t","description":"safe"}]}}');
    h.client.send('{"jsonrpc":"2.0","id":2,"method":"tools/list"}');
    h.server.send('{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"t","description":"now different"}]}}');
    await h.client.line(1);
    h.client.send(toolCall(3, 't'));
    await h.server.line(2);
    expect(h.inputs[0].tool_changed).toBe(true);
  });

  it('uses the configured server name over the one the server reports', async () => {
    h = startHarness({ serverName: 'prod-files' });
    h.client.send('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}');
    h.server.send('{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-06-18","serverInfo":{"name":"self-reported"}}}');
    await h.client.line(0);
    h.client.send(toolCall(1, 'x'));
    await h.server.line(1);
    expect(h.inputs[0].server.name).toBe('prod-files');
  });

  it('keeps later messages behind a call whose decision is still pending', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h = startHarness({ decider: { decide: async () => (await gate, { allow: true, reasons: [] }) } });
    h.client.send(toolCall(1, 'slow'));
    h.client.send('{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.server.lines).toEqual([]);
    release();
    await h.server.line(1);
    expect(JSON.parse(h.server.lines[0]).method).toBe('tools/call');
    expect(JSON.parse(h.server.lines[1]).method).toBe('notifications/cancelled');
  });
});
