import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditWriteError } from '../../src/audit/audit-errors.js';
import { openAuditLog } from '../../src/audit/audit-log.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { makeTempDir, readObjects, sampleCall } from './fixtures/audit-fixtures.js';
import { whileUnwritable } from './fixtures/unwritable-directory.js';

let dir: string;
let cleanup: () => Promise<void>;
let warnings: string[];
const warn = (message: string) => void warnings.push(message);

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  warnings = [];
});
afterEach(async () => cleanup());

describe('a full disk (/dev/full)', () => {
  it('with required: every append rejects with a clear message, reported once on stderr', async () => {
    const log = await openAuditLog({ path: '/dev/full', source: 'fs', required: true, warn });
    for (let i = 0; i < 3; i++) {
      const failure = log.append(sampleCall(i));
      await expect(failure).rejects.toBeInstanceOf(AuditWriteError);
      await expect(failure).rejects.toThrow(
        'audit log /dev/full cannot be written (ENOSPC: no space left on device, write); the call is blocked because the audit log is required',
      );
    }
    await log.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^toolgate: AUDIT LOG NOT WRITABLE: \/dev\/full: ENOSPC: no space left on device, write\. Tool calls are BLOCKED/);
    expect(log.status()).toMatchObject({ writable: false, lastError: 'ENOSPC: no space left on device, write' });
  });

  it('without required: appends resolve, and stderr says once why nothing is logged', async () => {
    const log = await openAuditLog({ path: '/dev/full', source: 'fs', warn });
    for (let i = 0; i < 3; i++) await expect(log.append(sampleCall(i))).resolves.toBeUndefined();
    await log.close();
    expect(warnings).toEqual([
      'toolgate: AUDIT LOG NOT WRITABLE: /dev/full: ENOSPC: no space left on device, write. Tool calls continue WITHOUT an audit trail (use --audit-required to block them instead). This is reported once until writing works again.',
    ]);
  });
});

describe('a read-only directory', () => {
  it('with required: appends reject while it is read-only; once writable, a gap event records the blocked calls', async () => {
    const path = join(dir, 'audit.log');
    const log = await whileUnwritable(dir, async () => {
      const opened = await openAuditLog({ path, source: 'fs', required: true, warn });
      await expect(opened.append(sampleCall(0))).rejects.toThrow(/^audit log .*audit\.log cannot be written \(EACCES: permission denied.*\); the call is blocked/);
      await expect(opened.append(sampleCall(1))).rejects.toThrow(AuditWriteError);
      return opened;
    });
    await log.append(sampleCall(2));
    await log.close();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/AUDIT LOG NOT WRITABLE: .*EACCES: permission denied.*Tool calls are BLOCKED/);
    expect(warnings[1]).toMatch(/is writable again; 2 event\(s\) were not recorded/);
    const events = await readObjects(path);
    expect(events.map((event) => event.type)).toEqual(['dev.toolgate.audit.gap', 'dev.toolgate.tool.invoked']);
    expect(events[0].data).toMatchObject({ lost_events: 2, calls_blocked: true, error: expect.stringMatching(/EACCES/) });
    expect((await verifyAuditLog([path])).intact).toBe(true);
  });

  it('without required: appends resolve and one warning names the reason', async () => {
    const path = join(dir, 'audit.log');
    await whileUnwritable(dir, async () => {
      const log = await openAuditLog({ path, source: 'fs', warn });
      for (let i = 0; i < 3; i++) await log.append(sampleCall(i));
      await log.close();
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/AUDIT LOG NOT WRITABLE: .*audit\.log: EACCES: permission denied.*Tool calls continue WITHOUT an audit trail/);
  });
});

describe('a write cut short by a file size limit', () => {
  it('leaves no partial event behind, so the log still verifies', async () => {
    const path = join(dir, 'audit.log');
    const script = join(import.meta.dirname, 'fixtures/append-until-file-size-limit.mts');
    // ulimit -f counts 512-byte blocks: 16 KiB, reached after a few dozen events.
    const { stdout } = await promisify(execFile)('sh', ['-c', 'ulimit -f 32 && exec "$0" --import tsx "$@"', process.execPath, script, path, 'required'], {
      cwd: join(import.meta.dirname, '../..'),
    });
    const result = JSON.parse(stdout) as { written: number; rejected: number; warnings: string[] };
    expect(result.written).toBeGreaterThan(5);
    expect(result.rejected).toBeGreaterThan(0);
    expect(result.warnings.join('\n')).toMatch(/EFBIG: file too large/);
    const report = await verifyAuditLog([path]);
    expect(report).toMatchObject({ intact: true, events: result.written, warnings: [] });
  });
});
