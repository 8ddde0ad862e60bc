import { afterAll, describe, expect, it } from 'vitest';
import { runPolicyTests, TestSetupError, type YamlTestResult } from '../../../src/policy/testing/index.js';
import { tempFolder } from './support/temp-folder.js';

const folder = tempFolder();
afterAll(() => folder.remove());

const POLICY = [
  'default_action: deny',
  'roots: [/data]',
  'rules:',
  '  - id: no-shell',
  '    tool: run_shell',
  '    action: deny',
  '    reason: no shells here',
  '  - id: reads',
  '    tool: read_file',
  '    action: allow',
  '    conditions:',
  '      - arguments.path: { within: roots }',
  '',
].join('\n');

async function yamlResults(paths: string[]): Promise<YamlTestResult[]> {
  return (await runPolicyTests({ paths })) as YamlTestResult[];
}

async function setupError(paths: string[]): Promise<string> {
  const error = await runPolicyTests({ paths }).catch((e: unknown) => e);
  if (!(error instanceof TestSetupError)) throw new Error(`expected a TestSetupError, got ${String(error)}`);
  return folder.strip(error.message);
}

describe("a policy's own tests:", () => {
  it('decides each call and compares verdict, rule and reason', async () => {
    const dir = folder.tree('own', {
      'policy.yaml': [
        POLICY,
        'tests:',
        '  - name: shell denied',
        '    call: { tool: run_shell }',
        '    expect: { allow: false, rule: no-shell, reason_contains: shells }',
        '  - name: wrong verdict',
        '    call: { tool: read_file, arguments: { path: /etc/passwd } }',
        '    expect: { allow: true, rule: reads }',
        '  - name: wrong reason',
        '    call: { tool: run_shell }',
        '    expect: { reason_contains: Fridays }',
        '',
      ].join('\n'),
    });
    const results = await yamlResults([dir]);
    expect(results.map((r) => [r.test, r.outcome, r.mismatches])).toEqual([
      ['shell denied', 'pass', undefined],
      ['wrong verdict', 'fail', ['expected ALLOW, got DENY']],
      ['wrong reason', 'fail', ['expected a reason containing "Fridays", got none']],
    ]);
    expect(folder.strip(results[1].name)).toBe('own/policy.yaml: wrong verdict');
    expect(results[1].actual).toMatchObject({ allow: false, rule: 'reads' });
    expect(folder.strip(`${results[1].location.file}:${results[1].location.line}:${results[1].location.col}`)).toBe('own/policy.yaml:18:5');
  });

  it('fills the input document with neutral defaults, so a call needs only its tool', async () => {
    const dir = folder.tree('defaults', {
      'policy.yaml': [
        'rules:',
        '  - id: only-tools-call',
        '    tool: "*"',
        '    action: allow',
        '    when:',
        '      - method: tools/call',
        '      - session: ""',
        '      - tool_changed: false',
        '      - findings: { length: 0 }',
        'tests:',
        '  - call: { tool: anything }',
        '    expect: { allow: true, rule: only-tools-call }',
        '',
      ].join('\n'),
    });
    const [result] = await yamlResults([dir]);
    expect([result.test, result.outcome]).toEqual(['tests[0]', 'pass']);
  });

  it('makes an empty expect an ERROR: a test that checks nothing cannot pass', async () => {
    const dir = folder.tree('empty-expect', { 'policy.yaml': `${POLICY}tests:\n  - name: nothing\n    call: { tool: run_shell }\n    expect: {}\n` });
    const [result] = await yamlResults([dir]);
    expect([result.outcome, result.error]).toEqual(['error', { code: 'test_expect_error', message: 'expect has nothing to check: give allow, rule or reason_contains' }]);
  });

  it('reports a policy that does not load with every positioned problem', async () => {
    const dir = folder.tree('bad-policy', { 'policy.yaml': 'rules:\n  - tool: a\n    action: permit\n' });
    expect(await setupError([dir])).toBe(
      ['bad-policy/policy.yaml:3:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"', '      action: permit', '              ^'].join('\n'),
    );
  });
});

describe('*.tests.yaml files', () => {
  const policyDir = folder.tree('suites', { 'policy.yaml': POLICY });

  it('run against the policy they name, relative to the test file', async () => {
    folder.tree('suites', {
      'calls.tests.yaml': 'policy: policy.yaml\ntests:\n  - name: read in root\n    call: { tool: read_file, arguments: { path: /data/a } }\n    expect: { allow: true, rule: reads }\n',
    });
    const results = await yamlResults([`${policyDir}/calls.tests.yaml`]);
    expect(results.map((r) => [folder.strip(r.name), r.outcome, folder.strip(r.policy)])).toEqual([['suites/calls.tests.yaml: read in root', 'pass', 'suites/policy.yaml']]);
  });

  it("decide with the file's roots: instead of the policy's, without touching other files' tests", async () => {
    const dir = folder.tree('roots', {
      'policy.yaml': `${POLICY}tests:\n  - name: policy roots\n    call: { tool: read_file, arguments: { path: /data/a } }\n    expect: { allow: true }\n`,
      'b.tests.yaml': 'policy: policy.yaml\nroots: [/srv]\ntests:\n  - name: srv\n    call: { tool: read_file, arguments: { path: /srv/a } }\n    expect: { allow: true }\n  - name: data\n    call: { tool: read_file, arguments: { path: /data/a } }\n    expect: { allow: false }\n',
      'z.tests.yaml': 'policy: policy.yaml\ntests:\n  - name: back to policy roots\n    call: { tool: read_file, arguments: { path: /data/a } }\n    expect: { allow: true }\n',
    });
    const results = await yamlResults([dir]);
    expect(results.map((r) => [r.test, r.outcome])).toEqual([
      ['srv', 'pass'],
      ['data', 'pass'],
      ['policy roots', 'pass'],
      ['back to policy roots', 'pass'],
    ]);
  });

  it('may name a built-in profile', async () => {
    const dir = folder.tree('profile', { 'strict.tests.yaml': 'policy: strict\ntests:\n  - call: { tool: run_shell }\n    expect: { allow: false }\n' });
    const [result] = await yamlResults([dir]);
    expect(result.outcome).toBe('pass');
  });

  it('are validated against schema/policy-tests.schema.json with positioned errors', async () => {
    const dir = folder.tree('invalid', {
      'x.tests.yaml': [
        'policy: ../suites/policy.yaml',
        'root: [/a]',
        'tests:',
        '  - name: 3',
        '    call: { tool: a, argumnts: {} }',
        '    expect: { allow: "yes" }',
        '',
      ].join('\n'),
    });
    expect(await setupError([dir])).toBe(
      [
        'invalid/x.tests.yaml:2:1: policy_schema_error: unknown key "root" in the test file (expected one of: policy, roots, tests)',
        '  root: [/a]',
        '  ^',
        'invalid/x.tests.yaml:4:11: policy_schema_error: tests[0].name must be a string, got number 3',
        '    - name: 3',
        '            ^',
        'invalid/x.tests.yaml:5:22: policy_schema_error: unknown key "argumnts" in tests[0].call (expected one of: tool, arguments, client, identity, session, findings, tool_annotations, server, method, time, tool_changed, counters)',
        '      call: { tool: a, argumnts: {} }',
        '                       ^',
        'invalid/x.tests.yaml:6:22: policy_schema_error: tests[0].expect.allow must be true or false, got string "yes"',
        '      expect: { allow: "yes" }',
        '                       ^',
      ].join('\n'),
    );
  });

  it('must name a policy that exists and give absolute roots', async () => {
    const dir = folder.tree('no-policy', { 'x.tests.yaml': 'policy: missing.yaml\nroots: [relative/dir]\ntests:\n  - call: { tool: a }\n    expect: { allow: true }\n' });
    expect(await setupError([dir])).toBe(
      [
        'no-policy/x.tests.yaml:1:9: policy_file_error: policy "missing.yaml" is neither a file (relative to this test file) nor a built-in profile',
        '  policy: missing.yaml',
        '          ^',
        'no-policy/x.tests.yaml:2:9: policy_semantic_error: roots must be absolute paths, got "relative/dir"',
        '  roots: [relative/dir]',
        '          ^',
      ].join('\n'),
    );
  });

  it('report YAML syntax errors with their position', async () => {
    const dir = folder.tree('yaml-syntax', { 'x.tests.yaml': 'policy: p.yaml\ntests: [\n' });
    expect(await setupError([dir])).toMatch(/^yaml-syntax\/x\.tests\.yaml:\d+:\d+: policy_yaml_error: /);
  });
});

describe('a policy whose hand-written module does not compile', () => {
  it('is reported once, positioned, however many test files use it', async () => {
    const dir = folder.tree('broken-ext', {
      'policy.yaml': 'rego: [team.rego]\nrules:\n  - tool: a\n    action: deny\ntests:\n  - call: { tool: a }\n    expect: { allow: false }\n',
      'team.rego': 'package toolgate.ext.team\n\ndeny contains "x" if {\n\tz\n}\n',
      'a.tests.yaml': 'policy: policy.yaml\ntests:\n  - call: { tool: a }\n    expect: { allow: false }\n',
      'team_test.rego': 'package team_test\n\ntest_t := true\n',
    });
    expect(await setupError([dir])).toBe(['broken-ext/team.rego:4:2: rego_unsafe_var_error: var z is unsafe', '   z', '   ^'].join('\n'));
  });
});
