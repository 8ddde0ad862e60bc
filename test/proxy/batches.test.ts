import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

const ping = (id: number) => `{"jsonrpc":"2.0","id":${id},"method":"ping"}`;
const notification = '{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":1}}';

describe('JSON-RPC batches', () => {
  it('answers the denied element itself, forwards the others as sent, and assembles one batch response', async () => {
    h = startHarness();
    const allowed = toolCall(3, 'read', { path: 'ü' });
    h.client.send(`[${ping(1)}, ${toolCall(2, 'forbidden')} ,${allowed},${notification}]`);
    expect(await h.server.line(0)).toBe(`[${ping(1)},${allowed},${notification}]`);
    expect(h.inputs.map((input) => input.tool)).toEqual(['forbidden', 'read']);

    h.server.send('[{"jsonrpc":"2.0","id":3,"result":{"content":[]}},{"jsonrpc":"2.0","id":1,"result":{}}]');
    const batch = await h.client.json(0);
    expect(batch).toHaveLength(3);
    expect(batch[0]).toEqual({ jsonrpc: '2.0', id: 3, result: { content: [] } });
    expect(batch[1]).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    expect(batch[2]).toMatchObject({ id: 2, result: { isError: true } });
    expect(h.client.lines).toHaveLength(1);
  });

  it('answers a batch of denied calls entirely itself and sends the server nothing', async () => {
    h = startHarness();
    h.client.send(`[${toolCall(1, 'forbidden')},${toolCall(2, 'deny-me')}]`);
    const batch = await h.client.json(0);
    expect(batch.map((r: { id: number }) => r.id)).toEqual([1, 2]);
    expect(h.server.lines).toEqual([]);
  });

  it('answers denied elements at once when the rest of the batch expects no answer', async () => {
    h = startHarness();
    h.client.send(`[${toolCall(1, 'forbidden')},${notification}]`);
    expect((await h.client.json(0)).map((r: { id: number }) => r.id)).toEqual([1]);
    expect(await h.server.line(0)).toBe(`[${notification}]`);
  });

  it('forwards a batch without denials as the exact bytes received', async () => {
    h = startHarness();
    const line = `[ ${ping(1)} , ${toolCall(2, 'ok')} ]`;
    h.client.send(line);
    expect(await h.server.line(0)).toBe(line);
  });

  it('still delivers the denial when the server answers a batch element by element', async () => {
    h = startHarness();
    h.client.send(`[${ping(1)},${toolCall(2, 'forbidden')},${ping(3)}]`);
    await h.server.line(0);
    h.server.send('{"jsonrpc":"2.0","id":1,"result":{}}');
    h.server.send('{"jsonrpc":"2.0","id":3,"result":{}}');
    await h.client.line(2);
    expect(JSON.parse(h.client.lines[0]).id).toBe(1);
    expect(JSON.parse(h.client.lines[1]).id).toBe(3);
    expect(JSON.parse(h.client.lines[2]).map((r: { id: number }) => r.id)).toEqual([2]);
  });

  it('cannot be used to smuggle a call: every element is decided, however it is written', async () => {
    h = startHarness();
    const hidden = '{"jsonrpc":"2.0","id":9,"method":"tools\\/call","params":{"name":"forbidden"}}';
    h.client.send(`[${ping(1)},${hidden}]`);
    expect(await h.server.line(0)).toBe(`[${ping(1)}]`);
    h.server.send('[{"jsonrpc":"2.0","id":1,"result":{}}]');
    expect((await h.client.json(0)).map((r: { id: number }) => r.id)).toEqual([1, 9]);
  });

  it('refuses an empty batch and elements that are not objects', async () => {
    h = startHarness();
    h.client.send('[]');
    expect(await h.client.json(0)).toMatchObject({ id: null, error: { code: -32600 } });
    h.client.send(`[1,[${toolCall(4, 'forbidden')}],${ping(2)}]`);
    expect(await h.server.line(0)).toBe(`[${ping(2)}]`);
    h.server.send('[{"jsonrpc":"2.0","id":2,"result":{}}]');
    const batch = await h.client.json(1);
    expect(batch.map((r: { id: unknown }) => r.id)).toEqual([2, null, null]);
    expect(h.inputs).toEqual([]);
  });

  it('passes batches from the server through, inspecting each response', async () => {
    h = startHarness();
    h.client.send('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
    await h.server.line(0);
    const line = '[{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"t","annotations":{"destructiveHint":true}}]}},{"jsonrpc":"2.0","method":"notifications/message","params":{}}]';
    h.server.send(line);
    expect(await h.client.line(0)).toBe(line);
    h.client.send(toolCall(2, 't'));
    await h.server.line(1);
    expect(h.inputs[0].tool_annotations).toEqual({ destructiveHint: true });
  });

  it('answers pending batch elements with errors and the denial when the server goes away', async () => {
    h = startHarness();
    h.client.send(`[${ping(1)},${toolCall(2, 'forbidden')}]`);
    await h.server.line(0);
    h.server.close();
    const outcome = await h.proxy.done;
    expect(outcome).toMatchObject({ reason: 'server-exited', failedRequests: 1 });
    const batch = JSON.parse(h.client.lines[0]);
    expect(batch.map((r: { id: number }) => r.id)).toEqual([2, 1]);
    expect(batch[1].error.code).toBe(-32000);
  });
});
