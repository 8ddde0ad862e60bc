import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';

export function registerPolicyGenerate(policy: Command): void {
  policy
    .command('generate')
    .description('Learn a starting policy (YAML, mode: shadow) from the forwarded calls of an audit log')
    .argument('<files...>', 'audit log files, oldest first')
    .option('-o, --out <file>', 'write the policy here instead of standard output')
    .option('--headroom <factor>', 'rate limits are this many times the busiest minute observed', '2')
    .action(async (files: string[], flags: { out?: string; headroom: string }) => {
      const { generatePolicyFromAudit } = await import('../audit/learn-policy/index.js');
      const headroom = Number(flags.headroom);
      const yaml = await generatePolicyFromAudit(files, { headroom });
      if (flags.out === undefined) process.stdout.write(yaml);
      else await writeFile(flags.out, yaml, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        throw new Error(error.code === 'EEXIST' ? `${flags.out} already exists; choose another file or remove it` : error.message);
      });
    });
}
