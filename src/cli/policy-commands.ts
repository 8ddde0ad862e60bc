import type { Command } from 'commander';
import { registerPolicyCompile } from './policy-compile.js';
import { registerPolicyExplain } from './policy-explain.js';
import { registerPolicyValidate } from './policy-validate.js';

/** Every `toolgate policy <sub>` command registers itself here: one file per subcommand, src/cli/policy-<sub>.ts. */
export const policyCommands: Array<(policy: Command) => void> = [registerPolicyValidate, registerPolicyCompile, registerPolicyExplain];
