/** The real `@modelcontextprotocol/server-filesystem` through the built `toolgate protect`. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmServer, toolgateProtect } from './support/paths.js';
import { RecordingStdioTransport } from './support/recording-stdio-transport.js';

const text = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0].text;

describe('server-filesystem through toolgate', () => {
  let root: string;
  let client: Client;
  let transport: RecordingStdioTransport;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'toolgate-fs-')));
    transport = new RecordingStdioTransport(toolgateProtect(npmServer('@modelcontextprotocol/server-filesystem', root), ['--policy', 'minimal']));
    client = new Client({ name: 'toolgate-e2e', version: '1.0.0' });
    await client.connect(transport as never);
  });
  afterAll(async () => {
    await client?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes and reads a file inside its root', async () => {
    const path = join(root, 'notes-ü.txt');
    const written = await client.callTool({ name: 'write_file', arguments: { path, content: 'first line\nzweite Zeile — ✓\n' } });
    expect(written.isError).toBeFalsy();
    expect(readFileSync(path, 'utf8')).toBe('first line\nzweite Zeile — ✓\n');
    const read = await client.callTool({ name: 'read_text_file', arguments: { path } });
    expect(text(read)).toBe('first line\nzweite Zeile — ✓\n');
    const listing = await client.callTool({ name: 'list_directory', arguments: { path: root } });
    expect(text(listing)).toContain('notes-ü.txt');
  });

  it("passes the server's own refusal of a path outside its root through unchanged", async () => {
    const outside = await client.callTool({ name: 'read_text_file', arguments: { path: '/etc/hostname' } });
    expect(outside.isError).toBe(true);
    expect(text(outside)).toMatch(/outside allowed directories|Access denied/i);
  });

  it('carries a 12 MB tool result intact', async () => {
    const path = join(root, 'big.txt');
    const line = 'Grüße aus Köln — 日本語 — 😀 — the quick brown fox\n';
    const content = line.repeat(Math.ceil((12 * 1024 * 1024) / Buffer.byteLength(line)));
    writeFileSync(path, content);
    const result = await client.callTool({ name: 'read_text_file', arguments: { path } }, undefined, { timeout: 60_000 });
    const received = text(result);
    expect(Buffer.byteLength(received)).toBeGreaterThanOrEqual(12 * 1024 * 1024);
    expect(createHash('sha256').update(received).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    const rawResponse = transport.received.find((raw) => raw.length > 12_000_000);
    expect(rawResponse).toBeDefined();
  });
});
