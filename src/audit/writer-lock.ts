import { readFile, unlink, writeFile } from 'node:fs/promises';
import { AuditConfigError } from './audit-errors.js';

/**
 * One writer per log: two processes appending to one file would fork the
 * chain. The lock is `<log>.lock` holding the writer's pid; a lock left by a
 * process that no longer runs is taken over.
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const NOT_PERMITTED = ['EACCES', 'EPERM', 'EROFS'];

/**
 * Returns the function that releases the lock. Where no lock file may be
 * created (a log file pre-created in a directory the proxy cannot write), the
 * log is used without the guard, and `warn` says so.
 */
export async function acquireWriterLock(logPath: string, warn: (message: string) => void): Promise<() => Promise<void>> {
  const lockPath = `${logPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      return async () => {
        await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (NOT_PERMITTED.includes(code)) {
        warn(`toolgate: cannot create ${lockPath} (${code}); nothing stops a second writer from forking the audit chain`);
        return async () => undefined;
      }
      if (code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new AuditConfigError(`audit log ${logPath} is in use by process ${holder} (lock ${lockPath}); one writer per log`);
    }
    await unlink(lockPath).catch(() => undefined);
  }
  throw new AuditConfigError(`cannot take the writer lock ${lockPath}`);
}
