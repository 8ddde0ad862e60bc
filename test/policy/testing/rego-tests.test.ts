import { afterAll, describe, expect, it } from 'vitest';
import { runPolicyTests, TestSetupError, type TestResult } from '../../../src/policy/testing/index.js';
import { tempFolder } from './support/temp-folder.js';

const folder = tempFolder();
afterAll(() => folder.remove());

const outcomes = (results: TestResult[]) => results.map((r) => [r.name, r.outcome]);

async function setupError(paths: string[]): Promise<string> {
  const error = await runPolicyTests({ paths }).catch((e: unknown) => e);
  if (!(error instanceof TestSetupError)) throw new Error(`expected a TestSetupError, got ${String(error)}`);
  return folder.strip(error.message);
}

describe('Rego tests', () => {
  it('passes a true test, fails an undefined or non-true one, errors on a runtime error, skips todo_', async () => {
    const dir = folder.tree('outcomes', {
      'authz.rego': 'package authz\n\ndefault allow := false\n\nallow if input.user == "alice"\n',
      'authz_test.rego': [
        'package authz_test',
        '',
        'import data.authz',
        '',
        'test_alice if authz.allow with input as {"user": "alice"}',
        '',
        'test_bob_undefined if authz.allow with input as {"user": "bob"}',
        '',
        'test_false := authz.allow',
        '',
        'test_number := 7',
        '',
        'test_div if 1 / 0 > 0',
        '',
        'test_conflict if f(1)',
        '',
        'f(_) := 1',
        '',
        'f(_) := 2',
        '',
        'todo_test_later if false',
        '',
      ].join('\n'),
    });
    const results = await runPolicyTests({ paths: [dir] });
    expect(outcomes(results)).toEqual([
      ['data.authz_test.test_alice', 'pass'],
      ['data.authz_test.test_bob_undefined', 'fail'],
      ['data.authz_test.test_false', 'fail'],
      ['data.authz_test.test_number', 'fail'],
      ['data.authz_test.test_div', 'error'],
      ['data.authz_test.test_conflict', 'error'],
      ['data.authz_test.todo_test_later', 'skip'],
    ]);
    expect(results.map((r) => (r.kind === 'rego' ? r.value : undefined))).toEqual([undefined, undefined, false, 7, undefined, undefined, undefined]);
    expect(results[4].error).toEqual({ code: 'eval_builtin_error', message: 'div: divide by zero', at: expect.stringMatching(/authz_test\.rego:13$/) });
    expect(results[5].error?.code).toBe('eval_conflict_error');
    expect(results[6].durationNs).toBe(0);
    expect(results[0].durationNs).toBeGreaterThan(0);
  });

  it('mocks input, base data and rules with `with`, and sees data files nested at their folder', async () => {
    const dir = folder.tree('mocks', {
      'roles.rego': 'package roles\n\nadmin if data.team.roles[input.user] == "admin"\n\nreal if input.user == "root"\n\ngate if real\n',
      'team/data.json': '{"roles": {"ana": "admin"}}',
      'roles_test.rego': [
        'package roles_test',
        '',
        'import data.roles',
        '',
        'test_data_file if roles.admin with input as {"user": "ana"}',
        'test_mock_data if roles.admin with input as {"user": "bo"} with data.team.roles as {"bo": "admin"}',
        'test_mock_rule if roles.gate with data.roles.real as true',
        'test_unmocked_rule if not roles.gate',
        '',
      ].join('\n'),
    });
    expect(outcomes(await runPolicyTests({ paths: [dir] })).map(([, o]) => o)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('runs each of several rules with one test name on its own, as opa test does', async () => {
    const dir = folder.tree('duplicates', { 'x_test.rego': 'package x\n\ntest_a if 1 == 1\n\ntest_a if 1 == 2\n' });
    expect(outcomes(await runPolicyTests({ paths: [dir] }))).toEqual([
      ['data.x.test_a#01', 'pass'],
      ['data.x.test_a#02', 'fail'],
    ]);
  });

  it('reports a module that does not compile with its positioned error and runs nothing', async () => {
    const dir = folder.tree('unsafe', { 'ok_test.rego': 'package ok\n\ntest_ok := true\n', 'bad.rego': 'package bad\n\np if {\n\tx\n}\n' });
    expect(await setupError([dir])).toBe(['unsafe/bad.rego:4:2: rego_unsafe_var_error: var x is unsafe', '   x', '   ^'].join('\n'));
  });

  it('reports a syntax error with its position', async () => {
    const dir = folder.tree('syntax', { 's_test.rego': 'package s\n\ntest_s if {\n' });
    expect(await setupError([dir])).toMatch(/^syntax\/s_test\.rego:\d+:\d+: rego_parse_error: /);
  });
});
