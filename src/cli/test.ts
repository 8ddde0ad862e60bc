import type { Command } from 'commander';

const FORMATS = ['pretty', 'json'];

/** Exit codes: 0 every test passed, 1 a test failed or errored, 2 the tests could not run (compile error, bad test file, no tests). */
export function registerTest(program: Command): void {
  program
    .command('test')
    .description('Run policy tests: Rego test_* rules (as opa test does) and YAML call tests (*.tests.yaml, a policy\'s tests:)')
    .argument('[paths...]', 'files and folders to test (default: the current folder)')
    .option('-v, --verbose', 'print every test, grouped by file, not only failures')
    .option('-r, --run <regex>', 'run only tests whose name an RE2 regex finds: data.<package>.test_<name>, or "<file>: <test name>"')
    .option('--format <format>', 'pretty | json', 'pretty')
    .option('--ignore <names>', 'file or folder names to skip while walking folders, comma-separated, repeatable (* and ? wildcards)', addNames, [])
    .action(async (paths: string[], options: { verbose?: boolean; run?: string; format: string; ignore?: string[] }) => {
      if (!FORMATS.includes(options.format)) {
        process.stderr.write(`toolgate test: --format must be ${FORMATS.join(' or ')}, got ${JSON.stringify(options.format)}\n`);
        process.exitCode = 2;
        return;
      }
      const { formatJsonReport, formatTextReport, runPolicyTests, TestSetupError } = await import('../policy/testing/index.js');
      let results;
      try {
        results = await runPolicyTests({ paths, run: options.run, ignore: options.ignore });
      } catch (error) {
        const problems = error instanceof TestSetupError ? error.problems : [`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
        process.stderr.write(`${problems.join('\n')}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(options.format === 'json' ? formatJsonReport(results) : formatTextReport(results, { verbose: options.verbose }));
      process.exitCode = results.every((r) => r.outcome === 'pass' || r.outcome === 'skip') ? 0 : 1;
    });
}

/** `--ignore a,b --ignore c` is [a, b, c]; a single value cannot swallow the paths after it. */
function addNames(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter((name) => name !== '')];
}
