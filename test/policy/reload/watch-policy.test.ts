import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callInput } from '../../../src/policy/dialect/call-input.js';
import { packBundle } from '../../../src/policy/engine/index.js';
import { watchPolicy, type PolicyReloaded, type PolicyReloadFailed, type WatchedPolicy, type WatchPolicyOptions } from '../../../src/policy/reload/index.js';
import { buildToolgatePolicy } from '../../../src/policy/toolgate-policy.js';
import { allowsEcho, echoPolicy, saveAtomically, temporaryFolder } from './policy-files.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const made = temporaryFolder();
  cleanups.push(made.remove);
  return made.dir;
}

async function watched(spec: string, options: WatchPolicyOptions = {}) {
  const reloaded: PolicyReloaded[] = [];
  const failed: PolicyReloadFailed[] = [];
  const lines: string[] = [];
  const handle: WatchedPolicy = await watchPolicy(spec, {
    buildOn: 'main',
    debounceMs: 30,
    reloadSignal: null,
    report: (line) => lines.push(line),
    onReloaded: (event) => void reloaded.push(event),
    onReloadFailed: (event) => void failed.push(event),
    ...options,
  });
  cleanups.push(() => handle.close());
  return { handle, reloaded, failed, lines };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a watched policy', () => {
  it('rebuilds on a worker thread when its file changes and decides with the new revision', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const { handle, reloaded, lines } = await watched(file, { buildOn: 'worker', warmUpAfterMs: 0 });
    const first = handle.current().revision;
    // the warm-up build changes nothing and reports nothing
    await pause(1500);
    expect(reloaded).toEqual([]);
    expect(handle.current().revision).toBe(first);
    expect(allowsEcho(handle.current())).toBe(true);
    writeFileSync(file, echoPolicy('deny'));
    await until(() => reloaded.length === 1, 'the reload');
    expect(allowsEcho(handle.current())).toBe(false);
    expect(reloaded[0]).toMatchObject({ role: 'enforced', previousRevision: first, revision: handle.current().revision, sources: [file] });
    expect(reloaded[0].revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reloaded[0].buildMillis).toBeLessThanOrEqual(reloaded[0].durationMillis);
    expect(lines).toEqual([expect.stringMatching(/^enforced policy reloaded: sha256:[0-9a-f]{12} -> sha256:[0-9a-f]{12} \(\d+ ms\)$/)]);
  });

  it('keeps the running policy when an edit does not validate, reports the positioned error, and recovers on the next good edit', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const { handle, reloaded, failed, lines } = await watched(file);
    const kept = handle.current().revision;
    writeFileSync(file, echoPolicy('permit'));
    await until(() => failed.length === 1, 'the failed reload');
    expect(failed[0]).toEqual({
      role: 'enforced',
      keptRevision: kept,
      sources: [file],
      error: `${file}:6:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"\n      action: permit\n              ^`,
    });
    expect(lines[0]).toBe(`enforced policy reload failed; revision ${kept.slice(0, 19)} stays in force:\n${failed[0].error}`);
    expect(handle.current().revision).toBe(kept);
    expect(allowsEcho(handle.current())).toBe(true);
    writeFileSync(file, echoPolicy('deny'));
    await until(() => reloaded.length === 1, 'the reload after the fix');
    expect(reloaded[0].previousRevision).toBe(kept);
    expect(allowsEcho(handle.current())).toBe(false);
  });

  it('never takes an emptied, truncated or deleted policy file for a policy: the running one stays until the file is whole again', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('deny'));
    const { handle, reloaded, failed } = await watched(file);
    const kept = handle.current();
    const broken: Array<[string, () => void]> = [
      ['emptied', () => writeFileSync(file, '')],
      ['cut mid-rule', () => writeFileSync(file, echoPolicy('deny').slice(0, 60))],
      ['deleted', () => rmSync(file)],
    ];
    for (const [what, breakIt] of broken) {
      const before = failed.length;
      breakIt();
      await until(() => failed.length === before + 1, `the failed reload (${what})`);
      expect(handle.current(), what).toBe(kept);
      expect(handle.current().decide(callInput({ tool: 'anything_else' })).allow, what).toBe(false);
    }
    expect(failed.map((event) => event.error.split('\n')[0])).toEqual([
      `${file}:1:1: policy_schema_error: a policy is a YAML mapping (version, rules, ...)`,
      `${file}:4:5: policy_schema_error: rules[0] is missing the required key "tool"`,
      `policy not found: ${file} (give a file, a folder, a bundle or one of minimal, standard, strict, enterprise)`,
    ]);
    expect(reloaded).toEqual([]);
    writeFileSync(file, echoPolicy('allow'));
    await until(() => reloaded.length === 1, 'the reload once the file is back');
    expect(allowsEcho(handle.current())).toBe(true);
  });

  it('reports a Rego module that does not compile with its position, and keeps the policy', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const { handle, failed } = await watched(file);
    writeFileSync(join(dir, 'team.rego'), 'package toolgate.ext.team\n\ndeny contains "x" if {\n\tinput.tool ==\n}\n');
    await until(() => failed.length === 1, 'the failed reload');
    expect(failed[0].error).toMatch(/team\.rego:\d+:\d+: rego_parse_error: .*\n.*\n *\^/);
    expect(allowsEcho(handle.current())).toBe(true);
  });

  it('sees a save that writes a temporary file and renames it over the policy', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const { handle, reloaded } = await watched(file);
    saveAtomically(file, echoPolicy('deny'));
    await until(() => reloaded.length === 1, 'the reload');
    expect(allowsEcho(handle.current())).toBe(false);
    saveAtomically(file, echoPolicy('allow'));
    await until(() => reloaded.length === 2, 'the second reload');
    expect(allowsEcho(handle.current())).toBe(true);
  });

  it('rebuilds once for a burst of writes, and not at all when the content did not change', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const { handle, reloaded, failed } = await watched(file, { debounceMs: 200 });
    for (const action of ['deny', 'permit', 'allow', 'deny']) writeFileSync(file, echoPolicy(action));
    await until(() => reloaded.length === 1, 'the reload');
    writeFileSync(file, echoPolicy('deny'));
    await pause(800);
    expect(reloaded).toHaveLength(1);
    expect(failed).toEqual([]);
    expect(allowsEcho(handle.current())).toBe(false);
  });

  it('follows a Rego module added beside the YAML and a file the policy extends', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(join(dir, 'base.yaml'), 'rules:\n  - id: base-echo\n    tool: echo\n    action: allow\n');
    writeFileSync(file, 'extends: base.yaml\nrules:\n  - id: no-shell\n    tool: shell\n    action: deny\n');
    const { handle, reloaded } = await watched(file);
    expect(handle.sources().enforced).toEqual([file, join(dir, 'base.yaml')]);
    expect(allowsEcho(handle.current())).toBe(true);

    writeFileSync(join(dir, 'base.yaml'), 'rules:\n  - id: base-echo\n    tool: echo\n    action: deny\n');
    await until(() => reloaded.length === 1, 'the reload after the base changed');
    expect(handle.current().decide(callInput({ tool: 'echo' })).rule).toBe('base-echo');

    writeFileSync(join(dir, 'base.yaml'), 'rules:\n  - id: base-echo\n    tool: echo\n    action: allow\n');
    await until(() => reloaded.length === 2, 'the second reload');
    writeFileSync(join(dir, 'team.rego'), 'package toolgate.ext.team\n\ndeny contains "echo is off today" if input.tool == "echo"\n');
    await until(() => reloaded.length === 3, 'the reload after a module was added');
    expect(handle.current().decide(callInput({ tool: 'echo' }))).toMatchObject({ allow: false, reasons: ['rego: echo is off today'] });
    expect(reloaded[2].sources).toContain(join(dir, 'team.rego'));
  });

  it('watches a Rego folder for module and data changes at any depth', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'data', 'tools'), { recursive: true });
    writeFileSync(
      join(dir, 'decision.rego'),
      'package toolgate\n\ndecision := {"allow": allowed, "reasons": []}\n\nallowed if input.tool in data.data.tools.allowed\n\ndefault allowed := false\n',
    );
    writeFileSync(join(dir, 'data', 'tools', 'data.json'), '{"allowed": ["echo"]}');
    const { handle, reloaded } = await watched(dir);
    expect(allowsEcho(handle.current())).toBe(true);
    writeFileSync(join(dir, 'data', 'tools', 'data.json'), '{"allowed": ["get-sum"]}');
    await until(() => reloaded.length === 1, 'the reload after the data changed');
    expect(allowsEcho(handle.current())).toBe(false);
    expect(handle.current().decide(callInput({ tool: 'get-sum' })).allow).toBe(true);
  });

  it('reloads a bundle that is replaced', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'allow.yaml'), echoPolicy('allow'));
    writeFileSync(join(dir, 'deny.yaml'), echoPolicy('deny'));
    const [allowing, denying] = await Promise.all(['allow.yaml', 'deny.yaml'].map((name) => buildToolgatePolicy(join(dir, name))));
    const bundle = join(dir, 'policy.tar.gz');
    writeFileSync(bundle, packBundle(allowing.bundle));
    const { handle, reloaded } = await watched(bundle);
    expect(allowsEcho(handle.current())).toBe(true);
    saveAtomically(bundle, packBundle(denying.bundle));
    await until(() => reloaded.length === 1, 'the reload');
    expect(reloaded[0]).toMatchObject({ revision: denying.bundle.manifest.revision, sources: [bundle] });
    expect(allowsEcho(handle.current())).toBe(false);
  });

  it('reloads a shadow candidate on its own, reported as the candidate', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'enforced.yaml'), echoPolicy('allow'));
    writeFileSync(join(dir, 'candidate.yaml'), echoPolicy('allow'));
    const { handle, reloaded } = await watched(join(dir, 'enforced.yaml'), { shadowSpec: join(dir, 'candidate.yaml') });
    const enforced = handle.current();
    writeFileSync(join(dir, 'candidate.yaml'), echoPolicy('deny'));
    await until(() => reloaded.length === 1, 'the candidate reload');
    expect(reloaded[0].role).toBe('candidate');
    expect(handle.current()).toBe(enforced);
    expect(allowsEcho(handle.candidate()!)).toBe(false);
    expect(handle.sources()).toEqual({ enforced: [join(dir, 'enforced.yaml')], candidate: [join(dir, 'candidate.yaml')] });
  });

  it('reloads on SIGHUP even when no file event arrives, and says so when nothing changed', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const { handle, reloaded, lines } = await watched(file, { reloadSignal: 'SIGHUP', debounceMs: 600_000 });
    writeFileSync(file, echoPolicy('deny'));
    process.kill(process.pid, 'SIGHUP');
    await until(() => reloaded.length === 1, 'the reload');
    expect(allowsEcho(handle.current())).toBe(false);
    process.kill(process.pid, 'SIGHUP');
    await until(() => lines.length === 2, 'the answer to the second signal');
    expect(lines[1]).toBe(`SIGHUP: enforced policy unchanged (${handle.current().revision.slice(0, 19)})`);
    await handle.close();
    expect(process.listenerCount('SIGHUP')).toBe(0);
  });

  it('stops watching when its abort signal fires; the last policy stays usable', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('allow'));
    const controller = new AbortController();
    const { handle, reloaded } = await watched(file, { signal: controller.signal });
    controller.abort();
    await pause(50);
    writeFileSync(file, echoPolicy('deny'));
    await pause(500);
    expect(reloaded).toEqual([]);
    expect(allowsEcho(handle.current())).toBe(true);
  });

  it('rejects when the first load fails, with the positioned error', async () => {
    const dir = folder();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, echoPolicy('permit'));
    await expect(watchPolicy(file, { buildOn: 'main' })).rejects.toThrow(`${file}:6:13: policy_schema_error`);
    await expect(watchPolicy(join(dir, 'missing.yaml'), { buildOn: 'main' })).rejects.toThrow('policy not found');
  });
});
