/**
 * Issue 6: an audit log that cannot be written, through the built CLI. With
 * --audit-required calls are blocked with a message saying why; without it
 * they are served and stderr says why nothing is logged.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineClient } from '../protect/support/line-client.js';
import { requireBuiltCli } from './support/paths.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../protect/fixtures');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let dir: string;
let readOnly: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toolgate-unwritable-'));
  chmodSync(dir, 0o755);
  readOnly = join(dir, 'read-only');
  mkdirSync(readOnly);
  // root ignores permission bits: then toolgate runs as nobody, for whom the folder is read-only
  chmodSync(readOnly, 0o555);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function callThroughProtect(auditFlags: string[], runAsNobody: boolean) {
  const client = new LineClient(
    [process.execPath, requireBuiltCli(), 'protect', '--policy', join(fixtures, 'volume-policy.yaml'), '--no-pins', ...auditFlags, '--', process.execPath, join(fixtures, 'echo-server.mjs')],
    runAsNobody && asRoot ? { uid: NOBODY, gid: NOBODY, env: { ...process.env, HOME: dir } } : {},
  );
  await client.initialize();
  const answers = await client.requestAll([0, 1].map((n) => ({ method: 'tools/call', params: { name: 'echo', arguments: { n } } })));
  const exitCode = await client.close();
  return { answers, stderr: client.stderr, exitCode };
}

describe('a read-only audit log path', () => {
  it('with --audit-required: every call is blocked with the reason', async () => {
    const log = join(readOnly, 'audit.log');
    const { answers, stderr, exitCode } = await callThroughProtect(['--audit-log', log, '--audit-required'], true);
    for (const answer of answers) {
      expect(answer.result.isError).toBe(true);
      expect(answer.result.content[0].text).toMatch(
        new RegExp(`^audit log ${log} cannot be written \\(EACCES: permission denied.*\\); the call is blocked because the audit log is required$`),
      );
    }
    expect(stderr).toMatch(/toolgate: AUDIT LOG NOT WRITABLE: .*audit\.log: EACCES: permission denied.*Tool calls are BLOCKED because the audit log is required/);
    expect(exitCode).toBe(0);
  });

  it('without it: calls are served, and stderr says why nothing is logged', async () => {
    const { answers, stderr, exitCode } = await callThroughProtect(['--audit-log', join(readOnly, 'audit.log')], true);
    expect(answers.map((answer) => answer.result.content[0].text)).toEqual(['{"n":0}', '{"n":1}']);
    expect(stderr).toMatch(/toolgate: AUDIT LOG NOT WRITABLE: .*EACCES: permission denied.*Tool calls continue WITHOUT an audit trail \(use --audit-required to block them instead\)/);
    expect(stderr.match(/AUDIT LOG NOT WRITABLE/g)).toHaveLength(1);
    expect(exitCode).toBe(0);
  });
});

describe('a full disk (/dev/full) as the audit log', () => {
  it('with --audit-required: every call is blocked with ENOSPC as the reason', async () => {
    const { answers, stderr } = await callThroughProtect(['--audit-log', '/dev/full', '--audit-required'], false);
    expect(answers.map((answer) => answer.result.content[0].text)).toEqual(
      Array(2).fill('audit log /dev/full cannot be written (ENOSPC: no space left on device, write); the call is blocked because the audit log is required'),
    );
    expect(stderr).toContain('toolgate: AUDIT LOG NOT WRITABLE: /dev/full: ENOSPC: no space left on device, write. Tool calls are BLOCKED');
  });

  it('without it: calls are served, and stderr says why nothing is logged', async () => {
    const { answers, stderr } = await callThroughProtect(['--log', '/dev/full'], false);
    expect(answers.map((answer) => answer.result.content[0].text)).toEqual(['{"n":0}', '{"n":1}']);
    expect(stderr).toContain('toolgate: AUDIT LOG NOT WRITABLE: /dev/full: ENOSPC: no space left on device, write. Tool calls continue WITHOUT an audit trail');
  });
});
