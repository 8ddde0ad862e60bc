/** The embedding example (examples/embed) runs as documented: an SDK client and the real server-filesystem wired through protect() in one process. */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../protect/support/protect-cli.js';
import { repoRoot, requireBuiltCli } from './support/paths.js';

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'toolgate-embed-example-')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/embed/filesystem-host.mjs', () => {
  it('reads inside the root, and onViolation receives the blocked write', async () => {
    const root = join(dir, 'project');
    mkdirSync(root);
    const auditLog = join(dir, 'audit.log');
    const run = await execa(process.execPath, [join(repoRoot, 'examples/embed/filesystem-host.mjs'), root, auditLog], {
      env: { ...process.env, TOOLGATE_PINS_DIR: join(dir, 'pins') },
      reject: false,
      timeout: 60_000,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'read inside the root: Ship on Friday.',
      'onViolation: write_file denied (Write operations are not permitted in strict mode)',
      'write answered: Blocked by toolgate policy: Write operations are not permitted in strict mode',
      `stopped: client-closed; audit log: ${auditLog}`,
    ]);
    expect(readFileSync(join(root, 'notes.md'), 'utf8')).toBe('Ship on Friday.\n');
    const calls = auditEvents(auditLog).filter((event) => event.data.tool !== undefined && event.type !== 'dev.toolgate.tool.changed');
    expect(calls.map((event) => [event.type, event.data.tool])).toEqual([
      ['dev.toolgate.tool.invoked', 'read_text_file'],
      ['dev.toolgate.policy.violation', 'write_file'],
    ]);
  });
});
