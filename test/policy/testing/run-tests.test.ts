import { afterAll, describe, expect, it } from 'vitest';
import { runPolicyTests, TestSetupError } from '../../../src/policy/testing/index.js';
import { tempFolder } from './support/temp-folder.js';

const folder = tempFolder();
afterAll(() => folder.remove());

const dir = folder.tree('mixed', {
  'b_test.rego': 'package b\n\ntest_beta := true\n\ntest_gamma := true\n',
  'a_test.rego': 'package a\n\ntest_alpha := true\n\ntodo_test_alpha_later := true\n',
  'policy.yaml': 'rego: []\nrules:\n  - tool: a\n    action: deny\ntests:\n  - name: alpha call\n    call: { tool: a }\n    expect: { allow: false }\n',
});

async function setupError(options: Parameters<typeof runPolicyTests>[0]): Promise<string> {
  const error = await runPolicyTests(options).catch((e: unknown) => e);
  if (!(error instanceof TestSetupError)) throw new Error(`expected a TestSetupError, got ${String(error)}`);
  return folder.strip(error.message);
}

describe('runPolicyTests', () => {
  it('runs Rego and YAML tests together in file and line order', async () => {
    const names = (await runPolicyTests({ paths: [dir] })).map((r) => folder.strip(r.name));
    expect(names).toEqual(['data.a.test_alpha', 'data.a.todo_test_alpha_later', 'data.b.test_beta', 'data.b.test_gamma', 'mixed/policy.yaml: alpha call']);
  });

  it('--run keeps the tests whose qualified name the RE2 regex finds', async () => {
    const names = async (run: string) => (await runPolicyTests({ paths: [dir], run })).map((r) => folder.strip(r.name));
    expect(await names('alpha')).toEqual(['data.a.test_alpha', 'data.a.todo_test_alpha_later', 'mixed/policy.yaml: alpha call']);
    expect(await names('^data\\.b\\.')).toEqual(['data.b.test_beta', 'data.b.test_gamma']);
    expect(await names('policy\\.yaml: ')).toEqual(['mixed/policy.yaml: alpha call']);
  });

  it('--run still compiles every module: a broken one is reported even when its tests are filtered out', async () => {
    const broken = folder.tree('broken', { 'ok_test.rego': 'package ok\n\ntest_ok := true\n', 'bad_test.rego': 'package bad\n\ntest_bad if y\n' });
    expect(await setupError({ paths: [broken], run: 'test_ok' })).toMatch(/^broken\/bad_test\.rego:3:13: rego_unsafe_var_error: var y is unsafe/);
  });

  it('rejects a --run that is not RE2 (backreferences are not)', async () => {
    expect(await setupError({ paths: [dir], run: '(a)\\1' })).toMatch(/^--run "\(a\)\\\\1" is not a valid RE2 regex: /);
  });

  it('treats finding no tests as a problem, not a pass', async () => {
    const empty = folder.tree('no-tests', { 'lib.rego': 'package lib\n\nx := 1\n' });
    expect(await setupError({ paths: [empty] })).toBe('no tests found in no-tests');
    expect(await setupError({ paths: [dir], run: 'nothing-matches' })).toBe('no tests match --run "nothing-matches" in mixed');
  });

  it('collects the problems of every unit and test file before giving up', async () => {
    const many = folder.tree('many-problems', {
      'one/policy.yaml': 'rules:\n  - tool: a\n    action: nope\n',
      'two/x.tests.yaml': 'policy: nowhere.yaml\ntests:\n  - call: { tool: a }\n    expect: { allow: true }\n',
    });
    const message = await setupError({ paths: [many] });
    expect(message.split('\n').filter((line) => /^many-problems\//.test(line))).toEqual([
      'many-problems/one/policy.yaml:3:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "nope"',
      'many-problems/two/x.tests.yaml:1:9: policy_file_error: policy "nowhere.yaml" is neither a file (relative to this test file) nor a built-in profile',
    ]);
  });
});

describe('names that are not plain ASCII', () => {
  const unicode = folder.tree('unicode', {
    'u_test.rego': 'package u\n\ntest_plain := true\n',
    'policy.yaml': 'rego: []\nrules:\n  - tool: a\n    action: deny\ntests:\n  - name: "读取 [a.b] (x|y)"\n    call: { tool: a }\n    expect: { allow: false }\n  - name: Größe\n    call: { tool: a }\n    expect: { allow: false }\n',
  });

  it('--run matches Unicode names, and regex metacharacters in names only when escaped', async () => {
    const names = async (run: string) => (await runPolicyTests({ paths: [unicode], run })).map((r) => folder.strip(r.name));
    expect(await names('Größe')).toEqual(['unicode/policy.yaml: Größe']);
    expect(await names('读取 \\[a\\.b\\] \\(x\\|y\\)')).toEqual(['unicode/policy.yaml: 读取 [a.b] (x|y)']);
    expect(await names('Gr.ße$')).toEqual(['unicode/policy.yaml: Größe']);
    expect(await names('(x|y)')).toEqual(['unicode/policy.yaml: 读取 [a.b] (x|y)', 'unicode/policy.yaml: Größe']);
  });
});
