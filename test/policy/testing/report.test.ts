import { describe, expect, it } from 'vitest';
import { formatJsonReport, formatTextReport, type RegoTestResult, type TestResult, type YamlTestResult } from '../../../src/policy/testing/index.js';
import { formatDuration } from '../../../src/policy/testing/format-duration.js';

const rego = (rule: string, outcome: RegoTestResult['outcome'], extra: Partial<RegoTestResult> = {}): RegoTestResult => ({
  kind: 'rego',
  name: `data.authz.${rule}`,
  package: 'data.authz',
  rule,
  location: { file: 'authz_test.rego', line: 3, col: 1 },
  outcome,
  durationNs: 12_345,
  ...extra,
});

const yamlFail: YamlTestResult = {
  kind: 'yaml',
  name: 'calls.tests.yaml: shell allowed',
  suite: 'calls.tests.yaml',
  test: 'shell allowed',
  policy: 'policy.yaml',
  location: { file: 'calls.tests.yaml', line: 4, col: 5 },
  outcome: 'fail',
  durationNs: 2_500_000,
  expect: { allow: true, rule: 'no-shell' },
  actual: { allow: false, rule: 'no-shell', reasons: ['Shell access is not permitted', 'detector prompt_injection (warn) at arguments.x: y'] },
  mismatches: ['expected ALLOW, got DENY'],
};

const results: TestResult[] = [
  rego('test_ok', 'pass'),
  rego('test_undefined', 'fail', { location: { file: 'authz_test.rego', line: 7, col: 1 } }),
  rego('test_value', 'fail', { value: { a: 1 }, location: { file: 'authz_test.rego', line: 9, col: 1 } }),
  rego('test_div', 'error', { error: { code: 'eval_builtin_error', message: 'div: divide by zero' }, location: { file: 'authz_test.rego', line: 11, col: 1 } }),
  rego('todo_test_later', 'skip', { durationNs: 0 }),
  yamlFail,
];

describe('text report', () => {
  it('shows only failures and errors with why, then the counts', () => {
    expect(formatTextReport(results)).toBe(
      [
        'data.authz.test_undefined: FAIL (12.3µs)',
        '  authz_test.rego:7: test_undefined is undefined',
        'data.authz.test_value: FAIL (12.3µs)',
        '  authz_test.rego:9: test_value is {"a":1}',
        'data.authz.test_div: ERROR (12.3µs)',
        '  authz_test.rego:11: eval_builtin_error: div: divide by zero',
        'calls.tests.yaml: shell allowed: FAIL (2.5ms)',
        '  calls.tests.yaml:4:5',
        '  expected: ALLOW by rule no-shell',
        '  actual:   DENY by rule no-shell',
        '  reasons:  Shell access is not permitted',
        '            detector prompt_injection (warn) at arguments.x: y',
        '-'.repeat(80),
        'PASS: 1/6',
        'FAIL: 3/6',
        'ERROR: 1/6',
        'SKIPPED: 1/6',
        '',
      ].join('\n'),
    );
  });

  it('prints only the rule and PASS when everything passes', () => {
    expect(formatTextReport([rego('test_ok', 'pass')])).toBe(`${'-'.repeat(80)}\nPASS: 1/1\n`);
  });

  it('with verbose, lists every test grouped by file', () => {
    expect(formatTextReport([rego('test_ok', 'pass'), rego('todo_test_later', 'skip', { durationNs: 0 }), yamlFail], { verbose: true })).toBe(
      [
        'authz_test.rego:',
        'data.authz.test_ok: PASS (12.3µs)',
        'data.authz.todo_test_later: SKIPPED',
        '',
        'calls.tests.yaml:',
        'calls.tests.yaml: shell allowed: FAIL (2.5ms)',
        '  calls.tests.yaml:4:5',
        '  expected: ALLOW by rule no-shell',
        '  actual:   DENY by rule no-shell',
        '  reasons:  Shell access is not permitted',
        '            detector prompt_injection (warn) at arguments.x: y',
        '-'.repeat(80),
        'PASS: 1/3',
        'FAIL: 1/3',
        'SKIPPED: 1/3',
        '',
      ].join('\n'),
    );
  });

  it('describes expectations without a verdict and decisions without a rule', () => {
    const result: YamlTestResult = { ...yamlFail, expect: { reason_contains: 'Fridays' }, actual: { allow: true, reasons: [] } };
    expect(formatTextReport([result]).split('\n').slice(1, 4)).toEqual(['  calls.tests.yaml:4:5', '  expected: a decision with a reason containing "Fridays"', '  actual:   ALLOW']);
  });
});

describe('JSON report', () => {
  it("is opa test's array (row/col, package, name, duration in ns, fail/error/skip) plus YAML details", () => {
    expect(JSON.parse(formatJsonReport(results))).toEqual([
      { kind: 'rego', location: { file: 'authz_test.rego', row: 3, col: 1 }, package: 'data.authz', name: 'test_ok', duration: 12345 },
      { kind: 'rego', location: { file: 'authz_test.rego', row: 7, col: 1 }, package: 'data.authz', name: 'test_undefined', fail: true, duration: 12345 },
      { kind: 'rego', location: { file: 'authz_test.rego', row: 9, col: 1 }, package: 'data.authz', name: 'test_value', fail: true, value: { a: 1 }, duration: 12345 },
      {
        kind: 'rego',
        location: { file: 'authz_test.rego', row: 11, col: 1 },
        package: 'data.authz',
        name: 'test_div',
        error: { code: 'eval_builtin_error', message: 'div: divide by zero' },
        duration: 12345,
      },
      { kind: 'rego', location: { file: 'authz_test.rego', row: 3, col: 1 }, package: 'data.authz', name: 'todo_test_later', skip: true, duration: 0 },
      {
        kind: 'yaml',
        location: { file: 'calls.tests.yaml', row: 4, col: 5 },
        suite: 'calls.tests.yaml',
        name: 'shell allowed',
        policy: 'policy.yaml',
        expect: { allow: true, rule: 'no-shell' },
        fail: true,
        actual: yamlFail.actual,
        mismatches: ['expected ALLOW, got DENY'],
        duration: 2500000,
      },
    ]);
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850ns'],
    [12_345, '12.3µs'],
    [4_100_000, '4.1ms'],
    [1_200_000_000, '1.20s'],
  ])('%d ns is %s', (ns, text) => expect(formatDuration(ns)).toBe(text));
});

describe('text report of hostile names and reasons', () => {
  it('shows terminal escapes, line breaks and bidi overrides as \\u escapes', () => {
    const hostile: YamlTestResult = {
      ...yamlFail,
      name: 'calls.tests.yaml: \u001b[32mPASS\u001b[0m\rok\u202Eevil',
      actual: { allow: false, rule: 'r', reasons: ['line one\nPASS: 9/9'] },
    };
    expect(formatTextReport([hostile]).split('\n').slice(0, 5)).toEqual([
      'calls.tests.yaml: \\u001b[32mPASS\\u001b[0m\\u000dok\\u202eevil: FAIL (2.5ms)',
      '  calls.tests.yaml:4:5',
      '  expected: ALLOW by rule no-shell',
      '  actual:   DENY by rule r',
      '  reasons:  line one\\u000aPASS: 9/9',
    ]);
  });

  it('keeps ordinary Unicode (accents, CJK, emoji) as written', () => {
    const name = 'data.café.test_読む_✅';
    expect(formatTextReport([{ ...(results[1] as RegoTestResult), name }])).toContain(`${name}: FAIL (12.3µs)`);
  });
});
