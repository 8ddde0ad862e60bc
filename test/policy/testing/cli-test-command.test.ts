import { Command } from 'commander';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerTest } from '../../../src/cli/test.js';
import { repoRoot, requireBuiltCli } from '../../e2e/support/paths.js';
import { tempFolder } from './support/temp-folder.js';

const folder = tempFolder();
afterAll(() => folder.remove());
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const EXAMPLE = 'examples/policy-tests';
const FAILING = 'examples/policy-tests/testdata/failing';
const RULE = '-'.repeat(80);
/** Timings vary from run to run; everything else in the report is stable. */
const untimed = (text: string) => text.replace(/ \(\d+(\.\d+)?(ns|µs|ms|s)\)/g, ' (T)');

/** Runs `toolgate test <args>` in-process from the repository root. */
async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const program = new Command().exitOverride();
    registerTest(program);
    await program.parseAsync(['node', 'toolgate', 'test', ...args]);
  } finally {
    process.chdir(cwd);
    vi.restoreAllMocks();
  }
  return { stdout: untimed(stdout), stderr: folder.strip(stderr), code: process.exitCode ?? 0 };
}

describe('toolgate test (in-process)', () => {
  it('passes the example policy folder: summary only, exit 0', async () => {
    expect(await run(EXAMPLE)).toEqual({ stdout: `${RULE}\nPASS: 20/21\nSKIPPED: 1/21\n`, stderr: '', code: 0 });
  });

  it('shows each failing test with expected and actual decision, exit 1', async () => {
    const result = await run(FAILING);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'data.toolgate_failing_test.test_env_file_readable: FAIL (T)',
        `  ${FAILING}/decision_test.rego:6: test_env_file_readable is undefined`,
        'data.toolgate_failing_test.test_unknown_tool_has_a_rule_id: FAIL (T)',
        `  ${FAILING}/decision_test.rego:11: test_unknown_tool_has_a_rule_id is undefined`,
        'data.toolgate_failing_test.test_division_by_zero: ERROR (T)',
        `  ${FAILING}/decision_test.rego:18: eval_builtin_error: div: divide by zero`,
        `${FAILING}/policy.yaml: expects a shell to be allowed: FAIL (T)`,
        `  ${FAILING}/policy.yaml:9:5`,
        '  expected: ALLOW',
        '  actual:   DENY by rule no-shell',
        '  reasons:  Shell access is not permitted',
        `${FAILING}/wrong-expectations.tests.yaml: wrong verdict: FAIL (T)`,
        `  ${FAILING}/wrong-expectations.tests.yaml:4:5`,
        '  expected: ALLOW',
        '  actual:   DENY by rule read-project',
        '  reasons:  denied by rule read-project (policy.yaml:21): requirement arguments.path within "roots" not met (policy.yaml:25)',
        `${FAILING}/wrong-expectations.tests.yaml: wrong deciding rule: FAIL (T)`,
        `  ${FAILING}/wrong-expectations.tests.yaml:8:5`,
        '  expected: DENY by rule read-project',
        '  actual:   DENY by rule no-shell',
        '  reasons:  Shell access is not permitted',
        `${FAILING}/wrong-expectations.tests.yaml: wrong reason: FAIL (T)`,
        `  ${FAILING}/wrong-expectations.tests.yaml:12:5`,
        '  expected: a decision with a reason containing "not on Fridays"',
        '  actual:   DENY by rule no-shell',
        '  reasons:  Shell access is not permitted',
        RULE,
        'PASS: 2/9',
        'FAIL: 6/9',
        'ERROR: 1/9',
        '',
      ].join('\n'),
    );
  });

  it('-v lists passing and skipped tests too', async () => {
    const { stdout, code } = await run(EXAMPLE, '-v', '--run', 'rate_limits|shells are');
    expect({ stdout, code }).toEqual({
      stdout: [
        `${EXAMPLE}/policy.yaml:`,
        `${EXAMPLE}/policy.yaml: shells are denied: PASS (T)`,
        '',
        `${EXAMPLE}/policy_test.rego:`,
        'data.toolgate_test.todo_test_rate_limits_per_writer: SKIPPED',
        RULE,
        'PASS: 1/2',
        'SKIPPED: 1/2',
        '',
      ].join('\n'),
      code: 0,
    });
  });

  it('--format json prints one entry per test', async () => {
    const { stdout, code } = await run(FAILING, '--format', 'json', '--run', 'division|wrong verdict');
    expect(code).toBe(1);
    const entries = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(entries.map((e) => [e.kind, e.name, e.fail ?? false, (e.error as { code?: string } | undefined)?.code])).toEqual([
      ['rego', 'test_division_by_zero', false, 'eval_builtin_error'],
      ['yaml', 'wrong verdict', true, undefined],
    ]);
  });

  it('exits 2 with the positioned error when a module does not compile', async () => {
    const dir = folder.tree('broken', { 'p_test.rego': 'package p\n\ntest_p if {\n\tq[\n}\n' });
    const result = await run(dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^broken\/p_test\.rego:\d+:\d+: rego_parse_error: .*\n.*\n *\^\n$/);
  });

  it('exits 2 for an unknown --format', async () => {
    expect(await run(EXAMPLE, '--format', 'xml')).toEqual({ stdout: '', stderr: 'toolgate test: --format must be pretty or json, got "xml"\n', code: 2 });
  });
});

describe('toolgate test (as a process)', () => {
  const cli = (...args: string[]) => execa(process.execPath, [requireBuiltCli(), 'test', ...args], { cwd: repoRoot, reject: false });

  it('exits 0 on the example, 1 on its failing folder, 2 on a policy that does not compile', async () => {
    const broken = folder.tree('process-broken', { 'policy.yaml': 'rules:\n  - tool: a\n    action: permit\n' });
    const [passing, failing, notCompiling] = await Promise.all([cli(EXAMPLE), cli(FAILING), cli(broken)]);
    expect([passing.exitCode, untimed(passing.stdout)]).toEqual([0, `${RULE}\nPASS: 20/21\nSKIPPED: 1/21`]);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toContain('wrong deciding rule: FAIL');
    expect(failing.stdout).toContain('  expected: DENY by rule read-project\n  actual:   DENY by rule no-shell');
    expect([notCompiling.exitCode, notCompiling.stdout, folder.strip(notCompiling.stderr)]).toEqual([
      2,
      '',
      'process-broken/policy.yaml:3:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"\n      action: permit\n              ^',
    ]);
  });
});

describe('toolgate test --ignore', () => {
  it('takes comma-separated, repeatable names and leaves the paths after it alone', async () => {
    const dir = folder.tree('ignore', {
      'a_test.rego': 'package a\n\ntest_a := true\n',
      'wip/w_test.rego': 'package w\n\ntest_w := false\n',
      'b_wip.rego': 'package b\n\ntest_b := false\n',
      'c_test.rego': 'package c\n\ntest_c := false\n',
    });
    const result = await run('--ignore', 'wip,*_wip.rego', '--ignore', 'c_test.rego', dir);
    expect(result).toEqual({ stdout: `${RULE}\nPASS: 1/1\n`, stderr: '', code: 0 });
  });
});
