import { describe, expect, it } from 'vitest';
import { startHarness, toolCall } from './support/harness.js';

describe('when one side closes', () => {
  it('answers every pending request with an error when the server closes, then closes the client', async () => {
    const h = startHarness();
    h.client.send(toolCall(1, 'slow'));
    h.client.send('{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"x"}}');
    await h.server.line(1);
    h.server.close();
    const outcome = await h.proxy.done;
    expect(outcome).toMatchObject({ reason: 'server-exited', exitCode: 1, failedRequests: 2 });
    await h.client.until(() => h.client.ended);
    const errors = h.client.lines.map((line) => JSON.parse(line));
    expect(errors.map((e) => e.id).sort()).toEqual([1, 2]);
    for (const error of errors) expect(error.error).toMatchObject({ code: -32000, message: expect.stringContaining('closed the connection') });
  });

  it('closes the server side when the client closes, after forwarding what the client sent last', async () => {
    const h = startHarness();
    h.client.send(toolCall(1, 'last'));
    h.client.close();
    await h.server.until(() => h.server.ended);
    expect(h.server.lines).toHaveLength(1);
    h.server.send('{"jsonrpc":"2.0","id":1,"result":{"content":[]}}');
    h.server.close();
    const outcome = await h.proxy.done;
    expect(outcome).toMatchObject({ reason: 'client-closed', exitCode: 0, failedRequests: 0 });
    expect(h.client.lines).toHaveLength(1);
  });

  it('stops waiting for a server that keeps its output open after the client left', async () => {
    const h = startHarness({ shutdownGraceMs: 50 });
    h.client.close();
    const outcome = await h.proxy.done;
    expect(outcome.reason).toBe('client-closed');
  });
});
