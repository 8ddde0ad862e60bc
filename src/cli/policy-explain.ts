import type { Command } from 'commander';
import type { DecisionDocument } from '../policy/documents.js';
import { callInput, formatDecision } from '../policy/dialect/call-input.js';
import { resolvePolicyPath } from '../policy/dialect/resolve-policy-path.js';

export function registerPolicyExplain(policy: Command): void {
  policy
    .command('explain')
    .description('Decide one tool call with a YAML policy and say which rule decided and why')
    .argument('<file>', 'policy YAML file, or minimal | standard | strict | enterprise')
    .requiredOption('--call <json>', 'the call, e.g. \'{"tool": "read_file", "arguments": {"path": "/data/a.txt"}}\'')
    .option('--root <dir...>', 'allowed roots for `within: roots` (data.toolgate.roots)')
    .option('--json', 'print the decision document')
    .action(async (file: string, options: { call: string; root?: string[]; json?: boolean }) => {
      let call: unknown;
      try {
        call = JSON.parse(options.call);
      } catch (error) {
        throw new Error(`--call is not JSON: ${(error as Error).message}`);
      }
      const input = callInput(call);
      const { compilePolicy, loadPolicyFile, PolicyError } = await import('../policy/dialect/index.js');
      let compiled;
      try {
        compiled = compilePolicy(loadPolicyFile(resolvePolicyPath(file)));
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
        return;
      }
      const data = options.root ? { toolgate: { roots: options.root } } : compiled.data;
      const engine = await import('../policy/engine/index.js');
      const bundle = await engine.buildBundle({ modules: compiled.modules, data, entrypoints: [compiled.entrypoint, compiled.toolHiddenEntrypoint] });
      const policyRuntime = await engine.loadBundle(bundle);
      const decision = policyRuntime.evaluate(input, compiled.entrypoint)[0]?.result as DecisionDocument | undefined;
      if (!decision) throw new Error('the policy returned no decision');
      process.stdout.write(options.json ? `${JSON.stringify(decision, null, 2)}\n` : `${formatDecision(input.tool, decision)}\n`);
    });
}
