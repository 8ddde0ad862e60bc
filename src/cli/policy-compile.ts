import type { Command } from 'commander';
import { resolvePolicyPath } from '../policy/dialect/resolve-policy-path.js';

export function registerPolicyCompile(policy: Command): void {
  policy
    .command('compile')
    .description('Print the Rego a YAML policy compiles to')
    .argument('<file>', 'policy YAML file, or minimal | standard | strict | enterprise')
    .option('--all', 'also print the library and hand-written modules the policy is built with')
    .action(async (file: string, options: { all?: boolean }) => {
      const { compilePolicy, loadPolicyFile, PolicyError } = await import('../policy/dialect/index.js');
      try {
        const compiled = compilePolicy(loadPolicyFile(resolvePolicyPath(file)));
        const modules = options.all ? compiled.modules : compiled.modules.slice(0, 1);
        process.stdout.write(modules.map((m) => (options.all ? `# ---- ${m.file}\n${m.source}` : m.source)).join('\n'));
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      }
    });
}
