import { RE2JS } from 're2js';
import { discoverFiles } from './discover.js';
import type { PlannedTest } from './planned-test.js';
import { PolicyCatalog } from './policy-catalog.js';
import { planRegoTests } from './rego-tests.js';
import { planRegoUnits } from './rego-units.js';
import { TestSetupError } from './setup-error.js';
import type { TestResult } from './test-result.js';
import { loadTestSuite, policyTestSuite, type TestSuite } from './test-suite.js';
import { planYamlTests } from './yaml-tests.js';

export interface RunTestsOptions {
  /** Files and folders (default: the current folder). */
  paths?: string[];
  /** RE2 regex: only tests whose name it finds run (`data.pkg.test_x`, `<file>: <test name>`). */
  run?: string;
  /** File or folder names to skip while walking folders (`*` and `?` wildcards). */
  ignore?: string[];
}

/**
 * Discovers, compiles and runs every Rego and YAML policy test under the paths,
 * in file order. Anything that keeps the tests from running (a module or policy
 * that does not compile, an invalid test file, no tests at all) is one
 * TestSetupError listing every such problem.
 */
export async function runPolicyTests(options: RunTestsOptions = {}): Promise<TestResult[]> {
  const paths = options.paths?.length ? options.paths : ['.'];
  const select = selector(options.run);
  const found = await discoverFiles(paths, { ignore: options.ignore });
  const catalog = new PolicyCatalog();
  const problems: string[] = [];
  const attempt = async <T>(step: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof TestSetupError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };

  const suites: TestSuite[] = [];
  for (const file of found.policies) {
    const compiled = await attempt(() => catalog.compile(file));
    if (compiled && compiled.tests.length > 0) suites.push(policyTestSuite(file, compiled));
  }
  for (const file of found.suites) {
    const suite = await attempt(() => loadTestSuite(file));
    if (suite && (await attempt(() => catalog.compile(suite.policy)))) suites.push(suite);
  }
  if (problems.length > 0) throw new TestSetupError(problems);

  const planned: PlannedTest[] = [];
  for (const unit of await planRegoUnits(found, catalog)) planned.push(...((await attempt(() => planRegoTests(unit, select))) ?? []));
  for (const suite of suites) planned.push(...((await attempt(() => planYamlTests(suite, catalog, select))) ?? []));
  if (problems.length > 0) throw new TestSetupError([...new Set(problems)]);
  if (planned.length === 0) {
    throw new TestSetupError([options.run === undefined ? `no tests found in ${paths.join(', ')}` : `no tests match --run ${JSON.stringify(options.run)} in ${paths.join(', ')}`]);
  }
  return planned.sort(byLocation).map((test) => test.run());
}

function selector(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  try {
    const regex = RE2JS.compile(pattern);
    return (name) => regex.test(name);
  } catch (error) {
    throw new TestSetupError([`--run ${JSON.stringify(pattern)} is not a valid RE2 regex: ${(error as Error).message}`]);
  }
}

function byLocation(a: PlannedTest, b: PlannedTest): number {
  const [x, y] = [a.location, b.location];
  if (x.file !== y.file) return x.file < y.file ? -1 : 1;
  return x.line - y.line || x.col - y.col;
}
