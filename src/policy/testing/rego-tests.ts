import { buildBundle, loadBundle } from '../engine/index.js';
import { RegoError } from '../rego/errors.js';
import { evaluationFailure, timed, type PlannedTest } from './planned-test.js';
import { findTestRules, type RegoTestRule } from './rego-test-rules.js';
import type { RegoUnit } from './rego-units.js';
import { TestSetupError } from './setup-error.js';
import type { RegoTestResult } from './test-result.js';

/**
 * Compiles a unit into one bundle whose entrypoints are its selected tests, with
 * builtin errors raised (a divide by zero is an ERROR, as in `opa test`).
 * A unit that does not compile is a TestSetupError with the positioned error.
 */
export async function planRegoTests(unit: RegoUnit, select: (name: string) => boolean): Promise<PlannedTest[]> {
  let found;
  try {
    found = findTestRules(unit.modules);
  } catch (error) {
    throw asSetupError(error);
  }
  const selected = found.tests.filter((t) => select(qualifiedName(t)));
  const entrypoints = [...new Set(selected.filter((t) => !t.skip).map((t) => t.entrypoint))];
  const policy = await buildBundle({ modules: found.modules, data: unit.data, entrypoints, strictBuiltinErrors: true })
    .then(loadBundle)
    .catch((error: unknown) => {
      throw asSetupError(error);
    });
  return selected.map((test) => ({
    name: qualifiedName(test),
    location: test.location,
    run: () => (test.skip ? result(test, 'skip', 0) : runTest(test, (entrypoint) => policy.evaluate(undefined, entrypoint))),
  }));
}

function runTest(test: RegoTestRule, evaluate: (entrypoint: string) => Array<{ result: unknown }>): RegoTestResult {
  const start = process.hrtime.bigint();
  try {
    const { value: resultSet, durationNs } = timed(() => evaluate(test.entrypoint));
    if (resultSet.length === 1 && resultSet[0].result === true) return result(test, 'pass', durationNs);
    const failed = result(test, 'fail', durationNs);
    if (resultSet.length > 0) failed.value = resultSet.length === 1 ? resultSet[0].result : resultSet.map((r) => r.result);
    return failed;
  } catch (error) {
    return { ...result(test, 'error', Number(process.hrtime.bigint() - start)), error: evaluationFailure(error) };
  }
}

function result(test: RegoTestRule, outcome: RegoTestResult['outcome'], durationNs: number): RegoTestResult {
  return { kind: 'rego', name: qualifiedName(test), location: test.location, outcome, durationNs, package: test.package, rule: test.rule };
}

export function qualifiedName(test: RegoTestRule): string {
  return `${test.package}.${test.rule}`;
}

function asSetupError(error: unknown): unknown {
  return error instanceof RegoError ? new TestSetupError([error.message]) : error;
}
