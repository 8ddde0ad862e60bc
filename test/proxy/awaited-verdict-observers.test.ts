import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('onVerdict observers that return a promise', () => {
  it('hold a denial back until the observer settled (an audit event is written before the answer leaves)', async () => {
    const gate = deferred();
    const order: string[] = [];
    h = startHarness({
      hooks: [{ name: 'slow-audit', onVerdict: () => gate.promise.then(() => void order.push('recorded')) }],
    });
    h.client.send(toolCall(1, 'forbidden'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.client.lines).toEqual([]);
    gate.resolve();
    expect((await h.client.json(0)).result.isError).toBe(true);
    order.push('answered');
    expect(order).toEqual(['recorded', 'answered']);
  });

  it('hold a forwarded call back, and keep later messages behind it', async () => {
    const gate = deferred();
    h = startHarness({ hooks: [{ name: 'slow', onVerdict: () => gate.promise }] });
    h.client.send(toolCall(1, 'fine'));
    h.client.send('{"jsonrpc":"2.0","id":2,"method":"ping"}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.server.lines).toEqual([]);
    gate.resolve();
    await h.server.line(1);
    expect(h.server.lines.map((line) => JSON.parse(line).id)).toEqual([1, 2]);
  });

  it('report a rejection and still answer the call as decided', async () => {
    h = startHarness({ hooks: [{ name: 'broken-audit', onVerdict: () => Promise.reject(new Error('disk on fire')) }] });
    h.client.send(toolCall(1, 'forbidden'));
    expect((await h.client.json(0)).result.isError).toBe(true);
    expect(h.reports).toContain('hook broken-audit failed in onVerdict: disk on fire');
  });
});
