import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyBuilder } from '../../../src/policy/reload/policy-builder.js';
import { ReloadablePolicy } from '../../../src/policy/reload/reloadable-policy.js';
import type { ReloadOutcome } from '../../../src/policy/reload/reload-events.js';
import { buildToolgatePolicy, type BuiltToolgatePolicy } from '../../../src/policy/toolgate-policy.js';
import { allowsEcho, echoPolicy, temporaryFolder } from './policy-files.js';

const folder = temporaryFolder();
let allowing: BuiltToolgatePolicy;
let denying: BuiltToolgatePolicy;

beforeAll(async () => {
  writeFileSync(join(folder.dir, 'allow.yaml'), echoPolicy('allow'));
  writeFileSync(join(folder.dir, 'deny.yaml'), echoPolicy('deny'));
  [allowing, denying] = await Promise.all([buildToolgatePolicy(join(folder.dir, 'allow.yaml')), buildToolgatePolicy(join(folder.dir, 'deny.yaml'))]);
});
afterAll(() => folder.remove());

/** A builder whose builds finish when the test says so. */
function scriptedBuilder() {
  const requests: Array<{ resolve(built: BuiltToolgatePolicy): void; reject(error: Error): void }> = [];
  const builder: PolicyBuilder = {
    build: () => new Promise((resolve, reject) => requests.push({ resolve, reject })),
    warmUp: () => {},
    close: async () => {},
  };
  return { builder, requests };
}

async function reloadable(builder: PolicyBuilder, outcomes: ReloadOutcome[] = [], sources: string[][] = []) {
  return ReloadablePolicy.load(
    {
      role: 'enforced',
      spec: 'policy.yaml',
      load: {},
      builder,
      onOutcome: async (outcome) => void outcomes.push(outcome),
      onSources: (changed) => void sources.push(changed.files),
    },
    allowing,
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a policy rebuilt while it decides', () => {
  it('keeps deciding with the old revision until the new one is built, then swaps it in whole', async () => {
    const { builder, requests } = scriptedBuilder();
    const outcomes: ReloadOutcome[] = [];
    const policy = await reloadable(builder, outcomes);
    const before = policy.current();
    const reloading = policy.reload();
    await settle();
    expect(policy.current()).toBe(before);
    expect(allowsEcho(policy.current())).toBe(true);
    requests[0].resolve(denying);
    const outcome = await reloading;
    expect(outcome).toMatchObject({ status: 'reloaded', role: 'enforced', revision: denying.bundle.manifest.revision, previousRevision: allowing.bundle.manifest.revision });
    expect(allowsEcho(policy.current())).toBe(false);
    expect(outcomes).toEqual([outcome]);
  });

  it('runs one rebuild at a time and serves every request made during one with a single rebuild after it', async () => {
    const { builder, requests } = scriptedBuilder();
    const policy = await reloadable(builder);
    const first = policy.reload();
    const later = [policy.reload(), policy.reload(), policy.reload()];
    await settle();
    expect(requests).toHaveLength(1);
    requests[0].resolve(denying);
    await first;
    await settle();
    expect(requests).toHaveLength(2);
    requests[1].resolve(allowing);
    const outcomes = await Promise.all(later);
    expect(new Set(outcomes).size).toBe(1);
    expect(outcomes[0]).toMatchObject({ status: 'reloaded', revision: allowing.bundle.manifest.revision });
    expect(allowsEcho(policy.current())).toBe(true);
  });

  it('keeps the running revision when a rebuild fails, and reports the error and the revision kept', async () => {
    const { builder, requests } = scriptedBuilder();
    const outcomes: ReloadOutcome[] = [];
    const policy = await reloadable(builder, outcomes);
    const before = policy.current();
    const reloading = policy.reload();
    await settle();
    requests[0].reject(new Error('policy.yaml:6:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"'));
    expect(await reloading).toEqual({
      status: 'failed',
      role: 'enforced',
      error: 'policy.yaml:6:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"',
      sources: allowing.files,
      keptRevision: allowing.bundle.manifest.revision,
    });
    expect(policy.current()).toBe(before);
    expect(outcomes).toHaveLength(1);
  });

  it('does not swap or announce a rebuild that produced the same revision', async () => {
    const { builder, requests } = scriptedBuilder();
    const outcomes: ReloadOutcome[] = [];
    const policy = await reloadable(builder, outcomes);
    const before = policy.current();
    const reloading = policy.reload();
    await settle();
    requests[0].resolve(allowing);
    expect(await reloading).toMatchObject({ status: 'unchanged', revision: allowing.bundle.manifest.revision });
    expect(policy.current()).toBe(before);
  });

  it('tells when the files a policy is built from change', async () => {
    const { builder, requests } = scriptedBuilder();
    const sources: string[][] = [];
    const policy = await reloadable(builder, [], sources);
    const extended = { ...denying, files: [...denying.files, join(folder.dir, 'base.yaml')] };
    const reloading = policy.reload();
    await settle();
    requests[0].resolve(extended);
    await reloading;
    expect(sources).toEqual([extended.files]);
    expect(policy.origin().files).toEqual(extended.files);
  });
});
