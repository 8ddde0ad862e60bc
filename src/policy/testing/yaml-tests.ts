import { callInput } from '../dialect/call-input.js';
import type { PolicyTest } from '../dialect/index.js';
import type { DecisionDocument } from '../documents.js';
import { emptyExpectation, unmetExpectations } from './expectation.js';
import { evaluationFailure, timed, type PlannedTest } from './planned-test.js';
import type { PolicyCatalog } from './policy-catalog.js';
import type { YamlTestResult } from './test-result.js';
import type { TestSuite } from './test-suite.js';

/** What `--run` matches for a YAML test: `<file>: <test name>`. */
export const yamlTestName = (suite: TestSuite, test: PolicyTest): string => `${suite.file}: ${test.name}`;

/**
 * Plans each selected test of a suite: its call becomes an input document
 * (documents.ts fields, neutral defaults) decided at toolgate/decision by the
 * policy's own bundle, then compared with `expect`.
 */
export async function planYamlTests(suite: TestSuite, catalog: PolicyCatalog, select: (name: string) => boolean): Promise<PlannedTest[]> {
  const tests = suite.tests.filter((test) => select(yamlTestName(suite, test)));
  if (tests.length === 0) return [];
  const compiled = catalog.compile(suite.policy);
  const decider = await catalog.decider(suite.policy);
  // One bundle serves every suite of a policy; a suite's roots: replaces the base documents.
  const data = suite.data ?? compiled.data ?? {};
  const decide = (input: unknown) => decider.decide(input, data);
  return tests.map((test) => ({ name: yamlTestName(suite, test), location: test.origin, run: () => runTest(suite, test, decide) }));
}

function runTest(suite: TestSuite, test: PolicyTest, decide: (input: unknown) => DecisionDocument | undefined): YamlTestResult {
  const base = {
    kind: 'yaml' as const,
    name: yamlTestName(suite, test),
    location: test.origin,
    suite: suite.file,
    test: test.name,
    policy: suite.policy,
    expect: test.expect,
  };
  const empty = emptyExpectation(test.expect);
  if (empty) return { ...base, outcome: 'error', durationNs: 0, error: { code: 'test_expect_error', message: empty } };
  let input;
  try {
    input = callInput(test.call);
  } catch (error) {
    return { ...base, outcome: 'error', durationNs: 0, error: { code: 'test_call_error', message: (error as Error).message } };
  }
  const start = process.hrtime.bigint();
  try {
    const { value: decision, durationNs } = timed(() => decide(input));
    if (decision === undefined) {
      return { ...base, outcome: 'error', durationNs, error: { code: 'decision_undefined_error', message: 'the policy returned no decision at toolgate/decision' } };
    }
    const mismatches = unmetExpectations(test.expect, decision);
    return mismatches.length === 0 ? { ...base, outcome: 'pass', durationNs, actual: decision } : { ...base, outcome: 'fail', durationNs, actual: decision, mismatches };
  } catch (error) {
    return { ...base, outcome: 'error', durationNs: Number(process.hrtime.bigint() - start), error: evaluationFailure(error) };
  }
}
