/**
 * Issue 4 end to end: `toolgate protect --policy strict --root <dir>` around the
 * real server-filesystem, driven by the SDK Client through the built CLI.
 */
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, connectThroughProtect, firstText, toolgate, type ProtectedServer } from '../protect/support/protect-cli.js';
import { npmServer } from './support/paths.js';

describe('protect --policy strict --root <dir> around server-filesystem', () => {
  let dir: string;
  let root: string;
  let outside: string;
  let auditLog: string;
  let server: ProtectedServer;

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'toolgate-strict-')));
    root = join(dir, 'project');
    outside = join(dir, 'elsewhere');
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(root, 'readme.md'), 'inside the root\n');
    writeFileSync(join(outside, 'secret.txt'), 'outside the root\n');
    auditLog = join(dir, 'audit.log');
    // the server itself may serve both folders: the policy is what keeps the agent inside the root
    server = await connectThroughProtect(npmServer('@modelcontextprotocol/server-filesystem', root, outside), [
      '--policy', 'strict', '--root', root, '--audit-log', auditLog, '--pins-dir', join(dir, 'pins'),
    ]);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('allows reads inside the root', async () => {
    const read = await server.client.callTool({ name: 'read_text_file', arguments: { path: join(root, 'readme.md') } });
    expect(read.isError).toBeFalsy();
    expect(firstText(read)).toBe('inside the root\n');
    const listing = await server.client.callTool({ name: 'list_directory', arguments: { path: root } });
    expect(firstText(listing)).toContain('readme.md');
  });

  it('blocks reads outside the root, also through .. and encoded escapes, although the server would serve them', async () => {
    for (const path of [join(outside, 'secret.txt'), `${root}/../elsewhere/secret.txt`, `${root}/%2e%2e/elsewhere/secret.txt`, '/etc/passwd']) {
      const read = await server.client.callTool({ name: 'read_text_file', arguments: { path } });
      expect(read.isError, path).toBe(true);
      expect(firstText(read), path).toMatch(/^Blocked by toolgate policy: /);
    }
  });

  it('blocks writes, and hides the write tools from the listing', async () => {
    const write = await server.client.callTool({ name: 'write_file', arguments: { path: join(root, 'new.txt'), content: 'x' } });
    expect(write.isError).toBe(true);
    expect(firstText(write)).toBe('Blocked by toolgate policy: Write operations are not permitted in strict mode');
    expect(existsSync(join(root, 'new.txt'))).toBe(false);
    const names = (await server.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('read_text_file');
    expect(names).not.toContain('write_file');
    expect(names).not.toContain('move_file');
  });

  it('records every call in a log that verifies', async () => {
    const { code } = await server.close();
    expect(code).toBe(0);
    const events = auditEvents(auditLog);
    const types = events.map((event) => event.type.replace('dev.toolgate.', ''));
    expect(types[0]).toBe('proxy.started');
    expect(types.at(-1)).toBe('proxy.stopped');
    const calls = events.filter((event) => ['tool.invoked', 'policy.violation'].includes(event.type.replace('dev.toolgate.', '')));
    expect(calls.map((event) => [event.data.tool, event.data.decision])).toEqual([
      ['read_text_file', 'allow'],
      ['list_directory', 'allow'],
      ['read_text_file', 'deny'],
      ['read_text_file', 'deny'],
      ['read_text_file', 'deny'],
      ['read_text_file', 'deny'],
      ['write_file', 'deny'],
    ]);
    expect(calls.every((event) => event.data.mode === 'enforce' && /^sha256:/.test(event.data.policy_revision))).toBe(true);
    const verify = await toolgate(['audit', 'verify', auditLog]);
    expect(verify.stdout).toMatch(/^OK: /);
    expect(verify.exitCode).toBe(0);
  });
});
