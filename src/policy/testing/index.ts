/** `toolgate test`: Rego `test_*` rules and YAML call tests, run by the embedded toolchain. See docs/policy-testing.md. */
export { runPolicyTests, type RunTestsOptions } from './run-tests.js';
export { formatTextReport, summaryLines } from './report-text.js';
export { formatJsonReport } from './report-json.js';
export { TestSetupError } from './setup-error.js';
export type { RegoTestResult, TestLocation, TestOutcome, TestResult, YamlTestResult } from './test-result.js';
