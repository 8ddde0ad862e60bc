import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

describe('lines that are not JSON-RPC', () => {
  it('drops non-JSON lines from the server, reports them, and keeps going', async () => {
    h = startHarness();
    h.client.send(toolCall(1, 'x'));
    await h.server.line(0);
    h.server.send('Server listening on stdio... 🚀');
    h.server.send('{"partial": ');
    h.server.send('{"jsonrpc":"2.0","id":1,"result":{"content":[]}}');
    expect(await h.client.json(0)).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [] } });
    expect(h.client.lines).toHaveLength(1);
    expect(h.reports.filter((r) => r.includes('not JSON-RPC'))).toHaveLength(2);
    expect(h.reports.join('\n')).toContain('Server listening on stdio... 🚀');
  });

  it('answers a client line that is not JSON with a parse error and forwards nothing', async () => {
    h = startHarness();
    h.client.send('hello');
    h.client.send('{"jsonrpc":"2.0","id":1,"method":"ping",}');
    expect(await h.client.json(0)).toMatchObject({ id: null, error: { code: -32700 } });
    expect(await h.client.json(1)).toMatchObject({ id: null, error: { code: -32700 } });
    expect(h.server.lines).toEqual([]);
  });

  it('forwards server messages of shapes it does not know, untouched', async () => {
    h = startHarness();
    h.server.send('{"jsonrpc":"2.0","something":"else"}');
    h.server.send('42');
    expect(await h.client.line(1)).toBe('42');
    expect(h.client.lines[0]).toBe('{"jsonrpc":"2.0","something":"else"}');
  });
});
