import { afterEach, describe, expect, it } from 'vitest';
import type { ProxyEvent, ProxyHooks } from '../../src/proxy/index.js';
import { policyHooks } from '../../src/proxy/index.js';
import { type Harness, recordingDecider, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

describe('interception hooks', () => {
  it('runs onToolCall hooks in order before the decider, which sees their findings', async () => {
    const order: string[] = [];
    const detector: ProxyHooks = {
      name: 'detector',
      onToolCall(call, context) {
        order.push(`detector:${call.name}`);
        context.input.findings.push({ detector: 'path_traversal', path: ['path'], detail: '../ in path' });
      },
    };
    const asyncHook: ProxyHooks = {
      name: 'async',
      async onToolCall() {
        order.push('async');
        return { action: 'forward' };
      },
    };
    h = startHarness({ hooks: [detector, asyncHook] });
    h.client.send(toolCall(1, 'read', { path: '../x' }));
    await h.server.line(0);
    expect(order).toEqual(['detector:read', 'async']);
    expect(h.inputs[0].findings).toEqual([{ detector: 'path_traversal', path: ['path'], detail: '../ in path' }]);
  });

  it('lets a hook answer a call itself, so later hooks and the decider never see it', async () => {
    h = startHarness({
      hooks: [{ name: 'limit', onToolCall: () => ({ action: 'error', error: { code: -32029, message: 'rate limited' } }) }],
    });
    h.client.send(toolCall(1, 'read'));
    expect(await h.client.json(0)).toEqual({ jsonrpc: '2.0', id: 1, error: { code: -32029, message: 'rate limited' } });
    expect(h.inputs).toEqual([]);
  });

  it('puts hooks after the decision when the policy hook is placed in the list explicitly', async () => {
    const inputs: never[] = [];
    const seen: unknown[] = [];
    h = startHarness({
      decider: undefined,
      hooks: [
        policyHooks(recordingDecider(inputs)),
        { name: 'after', onToolCall: (_call, context) => void seen.push(context.decision?.allow) },
      ],
    });
    h.client.send(toolCall(1, 'ok'));
    await h.server.line(0);
    h.client.send(toolCall(2, 'forbidden'));
    await h.client.line(0);
    expect(seen).toEqual([true]);
  });

  it('fails closed when a hook throws', async () => {
    h = startHarness({ hooks: [{ name: 'broken', onToolCall: () => Promise.reject(new Error('boom')) }] });
    h.client.send(toolCall(1, 'read'));
    const answer = await h.client.json(0);
    expect(answer.error).toMatchObject({ code: -32603, message: 'toolgate could not decide this call: broken failed: boom' });
    expect(h.server.lines).toEqual([]);
  });

  it('lets onToolResult replace a result, and leaves other results as the server sent them', async () => {
    h = startHarness({
      hooks: [
        {
          name: 'redactor',
          onToolResult(call, response) {
            if (call.name !== 'secret' || !('result' in response)) return;
            return { result: { content: [{ type: 'text', text: '[REDACTED]' }] } };
          },
        },
      ],
    });
    h.client.send(toolCall(1, 'secret'));
    h.client.send(toolCall(2, 'plain'));
    await h.server.line(1);
    const plain = '{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"ok"}],"n":1.0}}';
    h.server.send('{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"AKIA..."}]}}');
    h.server.send(plain);
    expect(await h.client.json(0)).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: '[REDACTED]' }] } });
    expect(await h.client.line(1)).toBe(plain);
  });

  it('lets onToolsListResult filter the listing the client receives', async () => {
    h = startHarness({
      hooks: [
        { name: 'filter', onToolsListResult: (result) => ({ ...result, tools: result.tools.filter((tool) => tool.name !== 'rm') }) },
      ],
    });
    h.client.send('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
    h.server.send('{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"ls"},{"name":"rm","annotations":{"destructiveHint":true}}],"nextCursor":"c"}}');
    expect(await h.client.json(0)).toEqual({ jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'ls' }], nextCursor: 'c' } });
    h.client.send(toolCall(2, 'rm'));
    await h.server.line(1);
    expect(h.inputs[0].tool_annotations).toEqual({ destructiveHint: true });
  });

  it('reports lifecycle events', async () => {
    const events: ProxyEvent['type'][] = [];
    h = startHarness({ hooks: [{ name: 'events', onEvent: (event) => events.push(event.type) }] });
    h.server.send('not json');
    await new Promise((resolve) => setTimeout(resolve, 10));
    h.client.close();
    h.server.close();
    await h.proxy.done;
    expect(events).toEqual(['started', 'message-dropped', 'client-closed', 'stopped']);
  });

  it('refuses to run without anything that decides tool calls', () => {
    expect(() => startHarness({ decider: undefined })).toThrow(/needs a decider/);
    h = startHarness();
  });
});
