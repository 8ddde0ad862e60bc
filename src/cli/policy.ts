import type { Command } from 'commander';
import { policyCommands } from './policy-commands.js';

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('Validate, compile, build, evaluate and explain policies');
  for (const register of policyCommands) register(policy);
}
