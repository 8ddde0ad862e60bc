import type { DecisionDocument } from '../documents.js';
import type { PolicyTest } from '../dialect/index.js';

export type TestOutcome = 'pass' | 'fail' | 'error' | 'skip';

/** 1-based line and column in the file that defines the test. */
export interface TestLocation {
  file: string;
  line: number;
  col: number;
}

interface ResultBase {
  /** What `--run` matches and the report shows: `data.pkg.test_x`, or `<file>: <test name>`. */
  name: string;
  location: TestLocation;
  outcome: TestOutcome;
  /** Evaluation time in nanoseconds (0 for skipped tests). */
  durationNs: number;
  /** Why an ERROR is one: `eval_builtin_error: div: divide by zero`, and `file:row` of the failing call when the error names it. */
  error?: { code: string; message: string; at?: string };
}

/** A `test_*` rule: PASS when its value is true. */
export interface RegoTestResult extends ResultBase {
  kind: 'rego';
  /** `data.pkg` */
  package: string;
  /** `test_x`, or `test_x#02` for the second of several rules with one name. */
  rule: string;
  /** The test's value when it is defined but not true. */
  value?: unknown;
}

/** A call with an expected decision, from a policy's `tests:` or a `*.tests.yaml` file. */
export interface YamlTestResult extends ResultBase {
  kind: 'yaml';
  /** The file that lists the test. */
  suite: string;
  /** The test's own name. */
  test: string;
  /** The policy file that decided. */
  policy: string;
  expect: PolicyTest['expect'];
  /** The decision the policy returned (absent when evaluation failed). */
  actual?: DecisionDocument;
  /** One line per unmet expectation. */
  mismatches?: string[];
}

export type TestResult = RegoTestResult | YamlTestResult;
