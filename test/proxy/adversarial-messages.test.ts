/**
 * Messages crafted so that a lenient decoder on the server could see a tool
 * call that toolgate did not decide. Each must be refused or decided, never
 * forwarded undecided. Benign look-alikes must pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, toolCall } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  h.client.close();
  h.server.close();
  await h.proxy.done;
});

const send = async (line: string | Buffer) => {
  h = startHarness();
  h.client.send(line);
  h.client.send('{"jsonrpc":"2.0","id":"after","method":"ping"}');
  await h.server.until(() => h.server.lines.some((l) => l.includes('"after"')));
  return h.server.lines.filter((l) => !l.includes('"after"'));
};

describe('adversarial client messages', () => {
  it.each([
    ['duplicate method keys', '{"jsonrpc":"2.0","id":1,"method":"ping","method":"tools/call","params":{"name":"forbidden"}}'],
    ['duplicate params keys', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ok"},"params":{"name":"forbidden"}}'],
    ['a case variant of "method" (Go decoders)', '{"jsonrpc":"2.0","id":1,"method":"ping","Method":"tools/call","params":{"name":"forbidden"}}'],
    ['"paramſ" with a long s (Go case folding)', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ok"},"paramſ":{"name":"forbidden"}}'],
    ['a method with a long s', '{"jsonrpc":"2.0","id":1,"method":"toolſ/call","params":{"name":"forbidden"}}'],
    ['a fullwidth method', '{"jsonrpc":"2.0","id":1,"method":"ｔｏｏｌｓ/ｃａｌｌ","params":{"name":"forbidden"}}'],
    ['a method with a trailing NUL', '{"jsonrpc":"2.0","id":1,"method":"tools/call\\u0000","params":{"name":"forbidden"}}'],
    ['a method with a zero-width space', '{"jsonrpc":"2.0","id":1,"method":"tools/\u200bcall","params":{"name":"forbidden"}}'],
    ['an upper-case method', '{"jsonrpc":"2.0","id":1,"method":"TOOLS/CALL","params":{"name":"forbidden"}}'],
    ['a case variant of params.name', toolCall(1, 'ok', {}, { NAME: 'forbidden' })],
    ['a case variant of params.arguments', toolCall(1, 'ok', { a: 1 }, { Arguments: { a: 2 } })],
    ['duplicate argument keys', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read","arguments":{"path":"/etc/shadow","path":"/tmp/ok"}}}'],
    ['duplicate keys deep in the arguments', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read","arguments":{"o":[{"p":1,"p":2}]}}}'],
    ['argument keys that differ only in case', toolCall(1, 'read', { path: '/tmp/ok', PATH: '/etc/shadow' })],
    ['argument keys that fold alike with a long s', toolCall(1, 'read', { opts: { ſecret: 1, secret: 2 } })],
    ['argument keys that fold alike with a Kelvin sign', toolCall(1, 'read', { '\u212Aey': 1, key: 2 })],
    ['a tools/call whose arguments are an array', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read","arguments":["/etc/shadow"]}}'],
    ['a tools/call whose name is not a string', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":["forbidden"]}}'],
    ['a method that is not a string', '{"jsonrpc":"2.0","id":1,"method":["tools/call"],"params":{"name":"forbidden"}}'],
    ['a comment hiding a key from a strict reader', '{"jsonrpc":"2.0","id":1,"method":"ping"/*,"method":"tools/call"*/}'],
    ['single-quoted strings', "{'jsonrpc':'2.0','id':1,'method':'tools/call','params':{'name':'forbidden'}}"],
    ['a trailing comma', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"forbidden"},}'],
    ['a byte order mark', '\ufeff{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"forbidden"}}'],
    ['an id that is an object', '{"jsonrpc":"2.0","id":{"a":1},"method":"tools/call","params":{"name":"forbidden"}}'],
  ])('refuses %s and forwards nothing', async (_what, line) => {
    expect(await send(line)).toEqual([]);
    expect(h.inputs.filter((input) => input.tool === 'forbidden')).toEqual([]);
    expect(h.client.lines.length).toBeGreaterThan(0);
    expect(JSON.parse(h.client.lines[0]).error.code).toBeLessThan(-32000);
  });

  it('refuses invalid UTF-8, which decoders repair in different ways', async () => {
    const line = Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"forb'), Buffer.from([0xc0, 0xaf]), Buffer.from('idden"}}')]);
    expect(await send(line)).toEqual([]);
    expect(JSON.parse(h.client.lines[0]).error.code).toBe(-32700);
  });

  it('decides calls whose method or keys are written with escapes', async () => {
    expect(await send('{"jsonrpc":"2.0","id":1,"\\u006dethod":"tools\\/call","params":{"\\u006eame":"forbidden"}}')).toEqual([]);
    expect(h.inputs.map((input) => input.tool)).toEqual(['forbidden']);
    expect(JSON.parse(h.client.lines[0]).result.isError).toBe(true);
  });

  it('drops a tools/call sent as a notification, which no server may answer', async () => {
    expect(await send('{"jsonrpc":"2.0","method":"tools/call","params":{"name":"forbidden"}}')).toEqual([]);
    expect(h.reports.join('\n')).toMatch(/tools\/call without an id/);
  });

  it('decides a call nested in a batch and cannot be hidden in a batch inside a batch', async () => {
    expect(await send(`[[${toolCall(1, 'forbidden')}]]`)).toEqual([]);
    expect(JSON.parse(h.client.lines[0])[0].error.code).toBe(-32600);
  });
});

describe('benign messages that resemble the tricks', () => {
  it.each([
    ['keys that differ only in case in different objects', toolCall(1, 'read', { a: { path: 1 }, b: { PATH: 2 } })],
    ['non-ASCII argument keys and values', toolCall(1, 'write', { 'ключ': 'значение', 'emoji': '😀', 'ſ': 'long s alone' })],
    ['an argument value that looks like a method', toolCall(1, 'note', { text: '"method":"tools/call"', Method: 'x' })],
    ['big and precise numbers', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"n","arguments":{"big":12345678901234567890123,"exact":0.1000000000000000055511151231257827}}}'],
    ['escaped text in arguments', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"n","arguments":{"t":"line\\nbreak \\"quoted\\" \\u00e9 \\ud83d\\ude00"}}}'],
    ['extra top-level members', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"n"},"x-trace":"abc"}'],
    ['a _meta with a progress token and task', toolCall(1, 'n', {}, { _meta: { progressToken: 'p' }, task: { ttl: 1000 } })],
    ['methods that merely start alike', '{"jsonrpc":"2.0","id":1,"method":"tools/call-batch","params":{}}'],
  ])('forwards %s byte for byte', async (_what, line) => {
    expect(await send(line)).toEqual([line]);
    expect(h.client.lines).toEqual([]);
  });
});
