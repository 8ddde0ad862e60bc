import type { Command } from 'commander';
import { resolvePolicyPath } from '../policy/dialect/resolve-policy-path.js';

export function registerPolicyValidate(policy: Command): void {
  policy
    .command('validate')
    .description('Check a YAML policy (or a built-in profile name): every problem with file:line:col and a caret')
    .argument('<file>', 'policy YAML file, or minimal | standard | strict | enterprise')
    .action(async (file: string) => {
      const { loadPolicyFile, PolicyError } = await import('../policy/dialect/index.js');
      try {
        const source = loadPolicyFile(resolvePolicyPath(file));
        const { policy: p } = source;
        const extras = [source.regoModules.length > 0 ? `${source.regoModules.length} rego module(s)` : '', p.tests.length > 0 ? `${p.tests.length} test(s)` : '']
          .filter(Boolean)
          .join(', ');
        process.stdout.write(`OK ${file}: ${p.rules.length} rule(s), mode ${p.mode}, default ${p.defaultAction}${extras ? `, ${extras}` : ''}\n`);
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        process.stderr.write(`${error.message}\n${error.diagnostics.length} problem(s) in ${file}\n`);
        process.exitCode = 1;
      }
    });
}
