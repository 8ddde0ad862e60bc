import type { Command } from 'commander';

/** Every `toolgate policy <sub>` command registers itself here: one file per subcommand, src/cli/policy-<sub>.ts. */
export const policyCommands: Array<(policy: Command) => void> = [];
