import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Writes `line` in pieces of `size` bytes, so multi-byte characters straddle the cuts. */
function sendInPieces(stream: NodeJS.WritableStream, line: Buffer, size: number) {
  for (let at = 0; at < line.length; at += size) stream.write(line.subarray(at, Math.min(line.length, at + size)));
  stream.write('\n');
}

describe('message size', () => {
  it('carries a 12 MB tool result of multi-byte text byte-exact', async () => {
    h = startHarness();
    h.client.send(toolCall(1, 'read_text_file', { path: 'big.txt' }));
    await h.server.line(0);
    const text = 'ü€😀 日本語 ascii\\n'.repeat(500_000);
    const response = Buffer.from(`{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"${text}"}]}}`);
    expect(response.length).toBeGreaterThan(12_000_000);
    sendInPieces(h.server.outgoing, response, 65_537);
    await h.client.until(() => h.client.rawLines.length === 1, 10_000);
    expect(sha(h.client.rawLines[0])).toBe(sha(response));
  });

  it('carries a large tools/call to the server byte-exact after deciding it', async () => {
    h = startHarness();
    const call = Buffer.from(toolCall(1, 'write', { content: '€'.repeat(1_000_000) }));
    sendInPieces(h.client.outgoing, call, 65_536);
    await h.server.until(() => h.server.rawLines.length === 1, 10_000);
    expect(h.server.rawLines[0].equals(call)).toBe(true);
    expect((h.inputs[0].arguments.content as string).length).toBe(1_000_000);
  });

  it('answers a request over the limit with an error for its id, even when the id comes last', async () => {
    h = startHarness({ maxMessageBytes: 1000 });
    const sdkStyle = `{"method":"tools/call","params":{"name":"w","arguments":{"d":"${'x'.repeat(5000)}"}},"jsonrpc":"2.0","id":42}`;
    h.client.send(sdkStyle);
    h.client.send(toolCall(43, 'small'));
    const error = await h.client.json(0);
    expect(error).toMatchObject({ id: 42, error: { code: -32600 } });
    expect(error.error.message).toMatch(/5\d{3} bytes .* maximum message size of 1000 bytes/);
    expect(JSON.parse(await h.server.line(0)).id).toBe(43);
    expect(h.reports.join('\n')).toMatch(/exceeds the maximum message size/);
  });

  it("turns the client's answer to a server request, when over the limit, into an error for the server", async () => {
    h = startHarness({ maxMessageBytes: 1000 });
    h.server.send('{"jsonrpc":"2.0","id":"s-1","method":"sampling/createMessage","params":{"messages":[],"maxTokens":5}}');
    await h.client.line(0);
    h.client.send(`{"result":{"role":"assistant","content":{"type":"text","text":"${'z'.repeat(3000)}"}},"jsonrpc":"2.0","id":"s-1"}`);
    expect(await h.server.json(0)).toMatchObject({ id: 's-1', error: { code: -32600 } });
  });

  it('answers the pending request when the server sends a response over the limit', async () => {
    h = startHarness({ maxMessageBytes: 1000 });
    h.client.send(toolCall(1, 'read'));
    await h.server.line(0);
    h.server.send(`{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"${'y'.repeat(4000)}"}]}}`);
    h.server.send('{"jsonrpc":"2.0","method":"notifications/message","params":{}}');
    expect(await h.client.json(0)).toMatchObject({ id: 1, error: { code: -32603 } });
    expect(JSON.parse(await h.client.line(1)).method).toBe('notifications/message');
  });
});
