import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { logFilesInOrder } from '../../src/audit/rotated-files.js';
import { readAuditEvents } from '../../src/audit/read-audit-events.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { makeTempDir } from './fixtures/audit-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => cleanup());

const run = promisify(execFile);
const script = join(import.meta.dirname, 'fixtures/append-events.mts');

async function writerRun(path: string, from: number, count: number): Promise<{ seq: number; hash: string }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, path, String(from), String(count), '3000'], {
    cwd: join(import.meta.dirname, '../..'),
  });
  return JSON.parse(stdout) as { seq: number; hash: string };
}

it('an untouched log written by two separate processes, rotating in between, verifies as one chain', async () => {
  const path = join(dir, 'audit.log');
  const first = await writerRun(path, 0, 9);
  const second = await writerRun(path, 9, 9);
  expect(first.seq).toBe(9);
  expect(second.seq).toBe(18);
  const files = await logFilesInOrder(path);
  expect(files.length).toBeGreaterThan(3);
  const report = await verifyAuditLog(files);
  expect(report).toMatchObject({ intact: true, events: 18, firstSeq: 1, lastSeq: 18, head: second.hash, warnings: [] });
  const sessions = new Set<string>();
  for await (const event of readAuditEvents(files)) sessions.add(event.data.session as string);
  expect(sessions.size).toBe(2);
});
