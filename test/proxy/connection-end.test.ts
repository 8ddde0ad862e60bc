import { describe, expect, it } from 'vitest';
import type { ToolResponse } from '../../src/proxy/hooks.js';
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

  it('shows result hooks the error of every forwarded call the server never answered, so observers such as the audit log record it', async () => {
    const observed: Array<{ tool: string; response: ToolResponse }> = [];
    const h = startHarness({
      hooks: [
        { name: 'observer', onToolResult: (call, response) => void observed.push({ tool: call.name, response }) },
        { name: 'rewriter', onToolResult: () => ({ result: { content: [{ type: 'text', text: 'replaced' }] } }) },
      ],
    });
    h.client.send(toolCall(1, 'slow'));
    h.client.send(toolCall(2, 'forbidden'));
    h.client.send('{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"x"}}');
    await h.server.line(1);
    h.server.close();
    await h.proxy.done;
    expect(observed).toEqual([{ tool: 'slow', response: { error: { code: -32000, message: expect.stringContaining('closed the connection') } } }]);
    await h.client.until(() => h.client.ended);
    const answers = h.client.lines.map((line) => JSON.parse(line));
    // the hooks' replacement is not used: the client learns that the server never answered
    expect(answers.find((answer) => answer.id === 1)).toMatchObject({ error: { code: -32000 } });
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
