import type { TestResult } from './test-result.js';

/**
 * `opa test --format json`'s array (location with row/col, package, name,
 * duration in ns, fail/error/skip), plus for YAML tests the suite, policy,
 * expectation, actual decision and mismatches.
 */
export function formatJsonReport(results: TestResult[]): string {
  return JSON.stringify(results.map(jsonEntry), null, 2) + '\n';
}

function jsonEntry(result: TestResult): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    kind: result.kind,
    location: { file: result.location.file, row: result.location.line, col: result.location.col },
  };
  if (result.kind === 'rego') Object.assign(entry, { package: result.package, name: result.rule });
  else Object.assign(entry, { suite: result.suite, name: result.test, policy: result.policy, expect: result.expect });
  if (result.outcome === 'fail') entry.fail = true;
  if (result.outcome === 'skip') entry.skip = true;
  if (result.error) entry.error = result.error;
  if (result.kind === 'rego' && result.value !== undefined) entry.value = result.value;
  if (result.kind === 'yaml' && result.actual) entry.actual = result.actual;
  if (result.kind === 'yaml' && result.mismatches) entry.mismatches = result.mismatches;
  entry.duration = result.durationNs;
  return entry;
}
