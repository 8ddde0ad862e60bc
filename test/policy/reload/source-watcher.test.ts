import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceWatcher } from '../../../src/policy/reload/source-watcher.js';
import { watchPlan } from '../../../src/policy/reload/watch-plan.js';
import { temporaryFolder } from './policy-files.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startWatcher(debounceMs: number) {
  const bursts: string[][] = [];
  const errors: Error[] = [];
  const made = new SourceWatcher({ debounceMs, onChange: (paths) => void bursts.push(paths), onError: (error) => void errors.push(error) });
  cleanups.push(() => made.close());
  return { watcher: made, bursts, errors };
}

function folder(): string {
  const made = temporaryFolder();
  cleanups.push(made.remove);
  return made.dir;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watching policy sources', () => {
  it('reports a burst of writes to several sources once, after the quiet time', async () => {
    const dir = folder();
    const [a, b] = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    writeFileSync(a, '1');
    writeFileSync(b, '1');
    const { watcher, bursts } = startWatcher(150);
    await watcher.follow(watchPlan({ kind: 'yaml', path: a, files: [a, b] }));
    for (let i = 2; i < 6; i++) {
      writeFileSync(i % 2 === 0 ? a : b, String(i));
      await pause(10);
    }
    await until(() => bursts.length === 1, 'the burst');
    await pause(300);
    expect(bursts).toEqual([[a, b]]);
  });

  it('does not lose a change written right after the previous one was reported', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'first');
    const { watcher, bursts } = startWatcher(5);
    await watcher.follow(watchPlan({ kind: 'yaml', path: file, files: [file] }));
    for (let round = 1; round <= 5; round++) {
      writeFileSync(file, `broken ${round}`);
      await until(() => bursts.length === 2 * round - 1, `change ${2 * round - 1}`);
      readFileSync(file);
      writeFileSync(file, `fixed ${round}`);
      await until(() => bursts.length === 2 * round, `change ${2 * round}`);
    }
  });

  it('ignores files that are not sources of the policy', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'x');
    const { watcher, bursts } = startWatcher(20);
    await watcher.follow(watchPlan({ kind: 'yaml', path: file, files: [file] }));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(join(dir, '.policy.yaml.swp'), 'x');
    writeFileSync(join(dir, 'policy_test.rego'), 'package x');
    await pause(300);
    expect(bursts).toEqual([]);
    writeFileSync(join(dir, 'team.rego'), 'package toolgate.ext.team');
    await until(() => bursts.length === 1, 'the new module');
    expect(bursts).toEqual([[join(dir, 'team.rego')]]);
  });

  it('moves to a new plan without missing the files of either', async () => {
    const [one, two] = [folder(), folder()];
    const [a, b] = [join(one, 'a.yaml'), join(two, 'base.yaml')];
    writeFileSync(a, '1');
    writeFileSync(b, '1');
    const { watcher, bursts } = startWatcher(20);
    await watcher.follow(watchPlan({ kind: 'yaml', path: a, files: [a] }));
    writeFileSync(b, '2');
    await pause(200);
    expect(bursts).toEqual([]);
    await watcher.follow(watchPlan({ kind: 'yaml', path: a, files: [a, b] }));
    writeFileSync(b, '3');
    await until(() => bursts.length === 1, 'the change to the new file');
    writeFileSync(a, '2');
    await until(() => bursts.length === 2, 'the change to the old file');
    expect(bursts).toEqual([[b], [a]]);
  });

  it('stops reporting once closed', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'x');
    const { watcher, bursts } = startWatcher(20);
    await watcher.follow(watchPlan({ kind: 'yaml', path: file, files: [file] }));
    writeFileSync(file, 'y');
    await watcher.close();
    await pause(200);
    expect(bursts).toEqual([]);
  });
});
