import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';

export function registerPolicyBuild(policy: Command): void {
  policy
    .command('build')
    .description('Build Rego files and folders into a Wasm bundle laid out like `opa build -t wasm`')
    .argument('<paths...>', 'Rego files, data.json/data.yaml files, or folders of them')
    .requiredOption('-e, --entrypoint <path...>', 'entrypoints as slash paths under data, e.g. toolgate/decision')
    .option('-o, --output <file>', 'bundle to write', 'bundle.tar.gz')
    .addOption(new Option('--toolchain <name>', 'embedded (built in) or opa (`opa build` on PATH)').choices(['embedded', 'opa']).default('embedded'))
    .option('--opa <path>', 'the opa binary for --toolchain opa')
    .option('--strict-builtin-errors', 'a builtin error fails the evaluation instead of making the call undefined')
    .action(async (paths: string[], options) => {
      const { buildBundle, collectSources, packBundle } = await import('../policy/engine/index.js');
      const { modules, data } = await collectSources(paths);
      const bundle = await buildBundle({
        modules,
        data,
        entrypoints: options.entrypoint,
        toolchain: options.toolchain,
        opaPath: options.opa,
        strictBuiltinErrors: options.strictBuiltinErrors === true,
      });
      await writeFile(options.output, packBundle(bundle));
      process.stdout.write(`wrote ${options.output} (revision ${bundle.manifest.revision}, ${bundle.wasm.length} bytes of Wasm)\n`);
    });
}
