import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerPolicyCompile } from '../../../src/cli/policy-compile.js';
import { registerPolicyValidate } from '../../../src/cli/policy-validate.js';
import { policyFolder } from './policy-files.js';

const folder = policyFolder();
afterAll(() => folder.remove());
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs `toolgate policy <args>` in-process and returns what it printed and its exit code. */
async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const program = new Command().exitOverride();
  const policy = program.command('policy');
  registerPolicyValidate(policy);
  registerPolicyCompile(policy);
  await program.parseAsync(['node', 'toolgate', 'policy', ...args]);
  const code = process.exitCode ?? 0;
  vi.restoreAllMocks();
  return { stdout, stderr: stderr.split(`${folder.root}/`).join(''), code };
}

describe('toolgate policy validate', () => {
  it('prints one OK line and exits 0 for a valid policy', async () => {
    const file = folder.write('ok.yaml', 'rules:\n  - tool: a\n    action: deny\n');
    expect(await run('validate', file)).toEqual({ stdout: `OK ${file}: 1 rule(s), mode enforce, default deny\n`, stderr: '', code: 0 });
  });

  it('accepts a built-in profile name', async () => {
    expect((await run('validate', 'strict')).stdout).toBe('OK strict: 8 rule(s), mode enforce, default deny\n');
  });

  it('prints every error with a caret and exits 1', async () => {
    const file = folder.write('bad.yaml', 'rules:\n  - tool: a\n    action: nope\n    when:\n      - arguments.x: { near: 1 }\n');
    const result = await run('validate', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'bad.yaml:3:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "nope"',
        '      action: nope',
        '              ^',
        'bad.yaml:5:24: policy_semantic_error: unknown operator "near": expected one of equals, in, prefix, suffix, contains, regex, glob, within, not_equals, not_in, not_prefix, not_suffix, not_contains, not_regex, not_glob, not_within, gt, gte, lt, lte, length, exists, type, ignore_case',
        '        - arguments.x: { near: 1 }',
        '                         ^',
        '2 problem(s) in bad.yaml',
        '',
      ].join('\n'),
    );
  });
});

describe('toolgate policy compile', () => {
  it('prints the generated module', async () => {
    const result = await run('compile', folder.write('c.yaml', 'rules:\n  - tool: a\n    action: deny\n'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('package toolgate.policy\n');
    expect(result.stdout).toContain('deciding_rule := {"index": 0, "id": "c.yaml:2", "source": "c.yaml:2", "action": "deny", "reason": "denied by rule c.yaml:2"} if {\n\t# c.yaml:2: rule "c.yaml:2": deny a\n\tinput.tool == "a"\n}\n');
  });

  it('with --all also prints the library modules', async () => {
    const result = await run('compile', '--all', 'minimal');
    expect(result.stdout).toContain('# ---- toolgate/decision.rego\n');
    expect(result.stdout).toContain('# ---- toolgate/lib.rego\n');
  });

  it('exits 1 with positioned errors for an invalid policy', async () => {
    const result = await run('compile', folder.write('d.yaml', 'mode: loud\n'));
    expect(result).toMatchObject({ stdout: '', code: 1 });
    expect(result.stderr).toBe('d.yaml:1:7: policy_schema_error: mode must be one of "enforce", "shadow", got "loud"\n  mode: loud\n        ^\n');
  });
});
