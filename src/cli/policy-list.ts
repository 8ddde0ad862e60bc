import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PROFILES, profilePath } from '../policy/dialect/paths.js';

export function registerPolicyList(policy: Command): void {
  policy
    .command('list')
    .description('List the built-in policy profiles')
    .action(() => {
      const rows = PROFILES.map((name) => [name, summary(readFileSync(profilePath(name)!, 'utf8'))]);
      const width = Math.max(...rows.map(([name]) => name.length));
      for (const [name, text] of rows) process.stdout.write(`${name.padEnd(width)}  ${text}\n`);
    });
}

/** A profile's summary: the comment lines after its title line (`# toolgate built-in profile: <name>`). */
function summary(yaml: string): string {
  const comments = yaml.split('\n').filter((line) => line.startsWith('#')).map((line) => line.replace(/^#\s?/, ''));
  return comments.filter((line) => !line.startsWith('toolgate built-in profile')).join(' ');
}
