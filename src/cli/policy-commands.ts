import type { Command } from 'commander';
import { registerPolicyBuild } from './policy-build.js';
import { registerPolicyCompile } from './policy-compile.js';
import { registerPolicyEval } from './policy-eval.js';
import { registerPolicyExplain } from './policy-explain.js';
import { registerPolicyList } from './policy-list.js';
import { registerPolicyGenerate } from './policy-generate.js';
import { registerPolicyValidate } from './policy-validate.js';

/** Every `toolgate policy <sub>` command registers itself here: one file per subcommand, src/cli/policy-<sub>.ts. */
export const policyCommands: Array<(policy: Command) => void> = [
  registerPolicyValidate,
  registerPolicyCompile,
  registerPolicyBuild,
  registerPolicyEval,
  registerPolicyExplain,
  registerPolicyList,
  registerPolicyGenerate,
];
