import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mainThreadBuilder, workerThreadBuilder } from '../../../src/policy/reload/policy-builder.js';
import { echoPolicy, temporaryFolder } from './policy-files.js';

const folder = temporaryFolder();
afterAll(() => folder.remove());

describe('building policies on a worker thread', () => {
  it('builds the same bundle as the calling thread, and hands back errors with their name and positioned message', async () => {
    const good = join(folder.dir, 'good.yaml');
    const bad = join(folder.dir, 'bad.yaml');
    writeFileSync(good, echoPolicy('allow'));
    writeFileSync(bad, echoPolicy('permit'));
    const worker = workerThreadBuilder();
    try {
      const [onWorker, onMain] = await Promise.all([worker.build(good, { roots: ['/srv'] }), mainThreadBuilder().build(good, { roots: ['/srv'] })]);
      expect(onWorker.bundle.manifest.revision).toBe(onMain.bundle.manifest.revision);
      expect(Buffer.from(onWorker.bundle.wasm).equals(Buffer.from(onMain.bundle.wasm))).toBe(true);
      expect(onWorker).toMatchObject({ kind: 'yaml', path: good, files: [good], mode: 'enforce', bundle: { data: { toolgate: { roots: ['/srv'] } } } });
      await expect(worker.build(bad, {})).rejects.toMatchObject({
        name: 'PolicyError',
        message: `${bad}:6:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"\n      action: permit\n              ^`,
      });
    } finally {
      await worker.close();
    }
  });

  it('warms up without a result to wait for, then builds', async () => {
    const file = join(folder.dir, 'warm.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const worker = workerThreadBuilder();
    try {
      worker.warmUp(join(folder.dir, 'missing.yaml'), {});
      expect((await worker.build(file, {})).files).toEqual([file]);
    } finally {
      await worker.close();
    }
    expect(() => worker.warmUp(file, {})).not.toThrow();
  });

  it('rejects builds in flight when closed, and every build after', async () => {
    const file = join(folder.dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('deny'));
    const worker = workerThreadBuilder();
    const inFlight = worker.build(file, {}).catch((error: Error) => error);
    await worker.close();
    expect(await inFlight).toMatchObject({ message: 'the policy builder is closed' });
    await expect(worker.build(file, {})).rejects.toThrow('the policy builder is closed');
  });
});
