/**
 * `toolgate replay` on a log recorded by the built `toolgate protect` in front
 * of server-everything: what a new policy would newly deny or allow, and the
 * exit codes a CI gate uses.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThroughProtect, toolgate } from '../protect/support/protect-cli.js';
import { temporaryFolder } from '../policy/reload/policy-files.js';
import { npmServer } from './support/paths.js';

const folder = temporaryFolder();
const dir = realpathSync(folder.dir);
const log = join(dir, 'recorded.log');
afterAll(() => folder.remove());

function policy(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

const rule = (id: string, tool: string, action: string) => `  - id: ${id}\n    tool: ${tool}\n    action: ${action}\n`;

beforeAll(async () => {
  // recorded under a policy that allows echo and get-sum and denies get-env
  const recorded = policy('recorded.yaml', `version: "1.0"\ndefault_action: allow\nrules:\n${rule('no-env', 'get-env', 'deny')}`);
  const server = await connectThroughProtect(npmServer('@modelcontextprotocol/server-everything'), ['--policy', recorded, '--no-pins', '--audit-log', log]);
  await server.client.callTool({ name: 'echo', arguments: { message: 'hello' } });
  await server.client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } });
  await server.client.callTool({ name: 'get-env', arguments: {} });
  await server.client.callTool({ name: 'echo', arguments: { message: 'again' } });
  await server.close();
});

const stricter = () => policy('stricter.yaml', `version: "1.0"\ndefault_action: allow\nrules:\n${rule('no-env', 'get-env', 'deny')}${rule('no-math', 'get-sum', 'deny')}`);
const looser = () => policy('looser.yaml', `version: "1.0"\ndefault_action: allow\n`);

describe('toolgate replay on a log recorded by protect', () => {
  it('lists the calls a stricter policy would newly deny and fails the default gate (exit 1)', async () => {
    const result = await toolgate(['replay', log, '--policy', stricter()]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^Replayed 4 recorded call\(s\) with .*stricter\.yaml \(sha256:[0-9a-f]{12}\): 1 newly denied, 0 newly allowed, 3 unchanged\.\n/);
    expect(result.stdout).toMatch(/Newly denied \(1\):\n.*\n.*\n\S+ +\d+ +get-sum +\S+ +default_action +no-math +denied by rule no-math/);
    expect(result.stdout).not.toContain('Newly allowed');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('FAIL: the policy changes recorded decisions (--fail-on new-denies).');
  });

  it('passes the default gate for a policy that only allows more, and fails --fail-on any-change', async () => {
    const passed = await toolgate(['replay', log, '--policy', looser()]);
    expect(passed.exitCode).toBe(0);
    expect(passed.stdout).toMatch(/0 newly denied, 1 newly allowed, 3 unchanged\./);
    expect(passed.stdout).toMatch(/Newly allowed \(1\):\n.*\n.*\n\S+ +\d+ +get-env +\S+ +no-env +default_action/);
    expect(passed.stdout.trimEnd().split('\n').at(-1)).toBe('PASS: no newly denied calls (--fail-on new-denies).');
    expect((await toolgate(['replay', log, '--policy', looser(), '--fail-on', 'any-change'])).exitCode).toBe(1);
    expect((await toolgate(['replay', log, '--policy', stricter(), '--fail-on', 'none'])).exitCode).toBe(0);
  });

  it('prints JSON with the recorded and the new decision of every changed call', async () => {
    const result = await toolgate(['replay', log, '--policy', stricter(), '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ calls: 4, unchanged: 3, newly_allowed: [], gate: { fail_on: 'new-denies', failed: true } });
    expect(report.newly_denied).toEqual([
      expect.objectContaining({
        tool: 'get-sum',
        arguments: { a: 1, b: 2 },
        file: log,
        recorded: { decision: 'allow', rule: 'default_action', policy_revision: expect.stringMatching(/^sha256:/) },
        now: { decision: 'deny', rule: 'no-math', reasons: [expect.stringContaining('no-math')] },
      }),
    ]);
  });

  it('exits 2 with the positioned error when the policy does not load, and when the log or --policy is missing', async () => {
    const broken = policy('broken.yaml', 'version: "1.0"\nrules:\n  - id: x\n    tool: echo\n    action: permit\n');
    const bad = await toolgate(['replay', log, '--policy', broken]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe(`toolgate replay: ${broken}:5:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"\n      action: permit\n              ^`);
    const missing = await toolgate(['replay', join(dir, 'nope.log'), '--policy', stricter()]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('nope.log');
    const usage = await toolgate(['replay', log]);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain("required option '--policy <policy>' not specified");
    expect((await toolgate(['replay', log, '--policy', stricter(), '--fail-on', 'sometimes'])).exitCode).toBe(2);
  });

  it('warns when the files record no tool calls', async () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const result = await toolgate(['replay', empty, '--policy', stricter()]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('record(s) no tool calls: nothing was replayed');
  });
});
