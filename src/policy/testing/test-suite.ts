import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { PolicyError, profilePath, type CompiledPolicy, type PolicyDiagnostic, type PolicyTest } from '../dialect/index.js';
import { isAbsolutePath } from '../dialect/conditions.js';
import { YamlSource } from '../dialect/yaml-source.js';
import { TestSetupError } from './setup-error.js';
import { checkSuiteSchema } from './suite-schema.js';

/** Tests that call one policy: a policy's own `tests:` list, or a `*.tests.yaml` file. */
export interface TestSuite {
  /** The file that lists the tests. */
  file: string;
  /** The policy file that decides the calls. */
  policy: string;
  /** Base documents to decide with instead of the policy's own (a test file's `roots:`). */
  data?: { toolgate: { roots: string[] } };
  tests: PolicyTest[];
}

/** A policy's own `tests:` list. */
export function policyTestSuite(file: string, compiled: CompiledPolicy): TestSuite {
  return { file, policy: file, tests: compiled.tests };
}

/**
 * Reads and validates a `*.tests.yaml` file (schema/policy-tests.schema.json).
 * Every problem is a positioned diagnostic; any problem is a TestSetupError.
 */
export function loadTestSuite(file: string): TestSuite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TestSetupError([`${file}: cannot read the test file: ${(error as Error).message}`]);
  }
  const source = new YamlSource(file, text);
  const diagnostics: PolicyDiagnostic[] = source.errors.length > 0 ? source.errors : checkSuiteSchema(source);
  if (diagnostics.length > 0) fail(diagnostics, file, text);

  const doc = source.value as { policy: string; roots?: string[]; tests: Array<Record<string, unknown>> };
  const policy = resolvePolicy(doc.policy, file);
  if (policy === undefined) {
    diagnostics.push({
      code: 'policy_file_error',
      message: `policy ${JSON.stringify(doc.policy)} is neither a file (relative to this test file) nor a built-in profile`,
      location: source.valueAt(['policy']),
    });
  }
  (doc.roots ?? []).forEach((root, i) => {
    if (!isAbsolutePath(root)) diagnostics.push({ code: 'policy_semantic_error', message: `roots must be absolute paths, got ${JSON.stringify(root)}`, location: source.valueAt(['roots', i]) });
  });
  if (diagnostics.length > 0) fail(diagnostics, file, text);

  const suite: TestSuite = {
    file,
    policy: policy!,
    tests: doc.tests.map((test, i) => ({
      name: typeof test.name === 'string' ? test.name : `tests[${i}]`,
      origin: source.valueAt(['tests', i]),
      call: test.call as PolicyTest['call'],
      expect: test.expect as PolicyTest['expect'],
    })),
  };
  if (doc.roots) suite.data = { toolgate: { roots: doc.roots } };
  return suite;
}

function resolvePolicy(policy: string, suiteFile: string): string | undefined {
  const path = isAbsolute(policy) ? policy : join(dirname(suiteFile), policy);
  if (existsSync(path)) return path;
  return profilePath(policy);
}

function fail(diagnostics: PolicyDiagnostic[], file: string, text: string): never {
  throw new TestSetupError([new PolicyError(diagnostics, new Map([[file, text]])).message]);
}
