/** How the built `toolgate protect` starts, stops and survives misbehaving servers. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { fixtureServer, npmServer, requireBuiltCli, toolgateProtect } from './support/paths.js';
import { descendants, isAlive, waitUntil } from './support/processes.js';
import { RecordingStdioTransport } from './support/recording-stdio-transport.js';

async function connect(command: string[]) {
  const transport = new RecordingStdioTransport(command);
  const client = new Client({ name: 'lifecycle-e2e', version: '1.0.0' });
  await client.connect(transport as never);
  return { client, transport };
}

describe('toolgate protect lifecycle', () => {
  it('closes the server when the client closes stdin, promptly, leaving no process behind', async () => {
    const { client, transport } = await connect(toolgateProtect(npmServer('@modelcontextprotocol/server-everything')));
    await client.callTool({ name: 'echo', arguments: { message: 'x' } });
    const toolgatePid = transport.process.pid as number;
    const serverPids = descendants(toolgatePid);
    expect(serverPids.length).toBeGreaterThan(0);
    const started = Date.now();
    await transport.close();
    const exit = await transport.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(2000);
    for (const pid of serverPids) expect(isAlive(pid), `process ${pid}`).toBe(false);
  });

  it('stops a server that ignores the end of its stdin, and what it spawned, after the grace period', async () => {
    const { client, transport } = await connect(toolgateProtect(fixtureServer('stubborn-server.mjs'), ['--shutdown-grace', '300']));
    await client.callTool({ name: 'echo', arguments: { text: 'x' } });
    const helperPid = Number(/helper pid (\d+)/.exec(transport.stderr)?.[1]);
    const all = descendants(transport.process.pid as number);
    expect(all).toContain(helperPid);
    await transport.close();
    expect((await transport.exited).code).toBe(0);
    await waitUntil(() => all.every((pid) => !isAlive(pid)), 2000, 'the server and its helper to be gone');
  });

  it('answers pending requests with an error and exits non-zero with a clear message when the server crashes mid-call', async () => {
    const { client, transport } = await connect(toolgateProtect(fixtureServer('crashing-server.mjs')));
    const [slow, crash] = await Promise.allSettled([
      client.callTool({ name: 'slow', arguments: {} }),
      client.callTool({ name: 'crash', arguments: {} }),
    ]);
    expect(crash).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/MCP server .* exited with code 3 before answering/) } });
    expect(slow).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/exited with code 3/) } });
    const exit = await transport.exited;
    expect(exit.code).toBe(3);
    expect(transport.stderr).toMatch(/toolgate: the MCP server \(.*\) exited with code 3 while the client was connected; 2 pending request\(s\) were answered with an error/);
    const errors = transport.received.map((line) => JSON.parse(line)).filter((message) => message.error !== undefined);
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error.error.code).toBe(-32000);
  });

  it('drops non-JSON lines the server writes to stdout, reports them on stderr, and keeps working', async () => {
    const { client, transport } = await connect(toolgateProtect(fixtureServer('noisy-stdout-server.mjs')));
    const result = await client.callTool({ name: 'echo', arguments: { text: 'still fine' } });
    expect(result.content).toEqual([{ type: 'text', text: 'still fine' }]);
    expect(transport.received.every((line) => JSON.parse(line).jsonrpc === '2.0')).toBe(true);
    expect(transport.stderr).toMatch(/toolgate: warning: no --policy given/);
    expect(transport.stderr).toContain('Noisy server v1 listening on stdio 🚀');
    expect(transport.stderr).toContain('[debug] echo called with still fine');
    expect(transport.stderr).toMatch(/not JSON-RPC.*\{"not":"json-rpc"/);
    await client.close();
  });

  it('survives a client that stops reading (EPIPE) and exits cleanly', async () => {
    const transport = new RecordingStdioTransport(toolgateProtect(npmServer('@modelcontextprotocol/server-everything')));
    await transport.start();
    transport.process.stdout.destroy();
    transport.sendRaw('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"gone","version":"0"}}}');
    transport.sendRaw('{"jsonrpc":"2.0","id":2,"method":"tools/list"}');
    const exit = await Promise.race([transport.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(transport.stderr).not.toMatch(/internal error|Unhandled|EPIPE/);
  });

  it('passes SIGTERM on to the server and exits with 128+15 once it is gone', async () => {
    const { client, transport } = await connect(toolgateProtect(npmServer('@modelcontextprotocol/server-everything')));
    await client.callTool({ name: 'echo', arguments: { message: 'x' } });
    const serverPids = descendants(transport.process.pid as number);
    transport.process.kill('SIGTERM');
    expect((await transport.exited).code).toBe(143);
    await waitUntil(() => serverPids.every((pid) => !isAlive(pid)), 2000, 'the server to be gone');
  });

  it('runs the command exactly as given and reports a missing command clearly', async () => {
    const result = await execa(process.execPath, [requireBuiltCli(), 'protect', '--', 'no-such-mcp-server-binary', '--flag'], { reject: false, input: '' });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toMatch(/toolgate: the MCP server \(no-such-mcp-server-binary\) could not be started \(spawn no-such-mcp-server-binary ENOENT\)/);
  });

  it('passes options written after the server command to the server', async () => {
    const result = await execa(process.execPath, [requireBuiltCli(), 'protect', ...fixtureServer('argv-server.mjs'), '--policy', 'x', '--name', '--', 'y'], {
      reject: false,
      input: '',
    });
    expect(result.stderr).toContain('argv ["--policy","x","--name","--","y"]');
    expect(result.exitCode).toBe(0);
  });
});
