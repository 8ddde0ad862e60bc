import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';

export function registerPolicyEval(policy: Command): void {
  policy
    .command('eval')
    .description('Evaluate an entrypoint of a bundle and print the result set as JSON')
    .requiredOption('--bundle <file>', 'a bundle.tar.gz from `toolgate policy build` or `opa build -t wasm`')
    .requiredOption('-e, --entrypoint <path>', 'slash path under data, e.g. toolgate/decision')
    .option('--input <file>', 'input document as JSON; - reads standard input')
    .action(async (options) => {
      const { loadBundle, unpackBundle } = await import('../policy/engine/index.js');
      const policy = await loadBundle(unpackBundle(await readFile(options.bundle)));
      const input = options.input === undefined ? undefined : JSON.parse(await readInput(options.input));
      process.stdout.write(JSON.stringify(policy.evaluate(input, options.entrypoint), null, 2) + '\n');
    });
}

async function readInput(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
