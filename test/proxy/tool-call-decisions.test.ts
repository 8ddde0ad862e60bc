import { afterEach, describe, expect, it } from 'vitest';
import { RpcErrorCode } from '../../src/proxy/index.js';
import { type Harness, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

describe('tools/call decisions', () => {
  it('answers a denied call with an isError result an LLM can act on, and never forwards it', async () => {
    h = startHarness();
    h.client.send(toolCall('abc', 'forbidden', { x: 1 }));
    h.client.send(toolCall(2, 'fine'));
    expect(await h.client.json(0)).toEqual({
      jsonrpc: '2.0',
      id: 'abc',
      result: { content: [{ type: 'text', text: 'Blocked by toolgate policy: tool forbidden is not allowed' }], isError: true },
    });
    await h.server.line(0);
    expect(h.server.lines.map((line) => JSON.parse(line).id)).toEqual([2]);
  });

  it('answers with a JSON-RPC error when asked to', async () => {
    h = startHarness({ denial: 'error' });
    h.client.send(toolCall(7, 'forbidden'));
    expect(await h.client.json(0)).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: RpcErrorCode.PolicyDenied,
        message: 'Blocked by toolgate policy: tool forbidden is not allowed',
        data: { reasons: ['tool forbidden is not allowed'], rule: 'test-rule' },
      },
    });
  });

  it('echoes the id exactly as the client wrote it', async () => {
    h = startHarness();
    h.client.send('{"jsonrpc":"2.0","id":"\\u0069d-é","method":"tools/call","params":{"name":"forbidden"}}');
    expect(await h.client.line(0)).toMatch(/^\{"jsonrpc":"2.0","id":"\\u0069d-é","result":/);
  });

  it('says a denial with no reasons is blocked because no rule allows it', async () => {
    h = startHarness({ decider: { decide: () => ({ allow: false, reasons: [] }) } });
    h.client.send(toolCall(1, 'x'));
    expect((await h.client.json(0)).result.content[0].text).toBe('Blocked by toolgate policy: no rule allows this call');
  });

  it('marks its own results resultType "complete" on protocol revision 2026-07-28, per request', async () => {
    h = startHarness();
    const modern = { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'modern-client', version: '9' } } };
    h.client.send(toolCall(1, 'forbidden', {}, modern));
    h.client.send(toolCall(2, 'forbidden'));
    expect((await h.client.json(0)).result.resultType).toBe('complete');
    expect((await h.client.json(1)).result.resultType).toBeUndefined();
    expect(h.inputs[0].client).toEqual({ name: 'modern-client', version: '9' });
  });

  it('marks its own results resultType "complete" when initialize negotiated 2026-07-28 or later', async () => {
    h = startHarness();
    h.client.send('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2026-07-28"}}');
    h.server.send('{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2026-07-28","serverInfo":{"name":"s"}}}');
    await h.client.line(0);
    h.client.send(toolCall(1, 'forbidden'));
    expect((await h.client.json(1)).result).toMatchObject({ isError: true, resultType: 'complete' });
  });

  it('fails closed when the decider throws, rejects or answers nonsense', async () => {
    for (const decide of [
      () => {
        throw new Error('wasm trap');
      },
      () => Promise.reject(new Error('engine gone')),
      () => ({ reasons: [] }) as never,
      () => null as never,
    ]) {
      h = startHarness({ decider: { decide } });
      h.client.send(toolCall(1, 'anything'));
      const answer = await h.client.json(0);
      expect(answer.result.isError).toBe(true);
      expect(answer.result.content[0].text).toMatch(/^Blocked by toolgate policy: policy evaluation failed: /);
      expect(h.server.lines).toEqual([]);
      h.client.close();
      h.server.close();
      await h.proxy.done;
    }
  });

  it('forwards a denial in shadow mode and records the decision for the hooks', async () => {
    const seen: unknown[] = [];
    h = startHarness({
      decider: { decide: () => ({ allow: false, reasons: ['would block'], mode: 'shadow' }) },
      hooks: [{ name: 'observer', onVerdict: (_call, context, verdict) => void seen.push([context.decision?.allow, verdict.action]) }],
    });
    h.client.send(toolCall(1, 'x'));
    await h.server.line(0);
    expect(seen).toEqual([[false, 'forward']]);
  });

  it('refuses a request that reuses the id of a request still pending', async () => {
    h = startHarness();
    h.client.send(toolCall(5, 'a'));
    h.client.send('{"jsonrpc":"2.0","id":5,"method":"ping"}');
    h.client.send(toolCall(5.0, 'b'));
    const refusal = await h.client.json(0);
    expect(refusal).toMatchObject({ id: 5, error: { code: RpcErrorCode.InvalidRequest } });
    expect(refusal.error.message).toMatch(/already in use/);
    await h.client.line(1);
    expect(h.server.lines).toHaveLength(1);
    h.server.send('{"jsonrpc":"2.0","id":5,"result":{"content":[]}}');
    await h.client.line(2);
    h.client.send('{"jsonrpc":"2.0","id":5,"method":"ping"}');
    await h.server.line(1);
  });
});
