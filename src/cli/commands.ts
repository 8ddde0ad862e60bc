import type { Command } from 'commander';
import { registerAudit } from './audit.js';
import { registerDemo } from './demo.js';
import { registerKeygen } from './keygen.js';
import { registerPins } from './pins.js';
import { registerPolicy } from './policy.js';
import { registerProtect } from './protect.js';
import { registerReplay } from './replay.js';
import { registerTest } from './test.js';

/** Every CLI command registers itself here: one file per command under src/cli/. */
export const commands: Array<(program: Command) => void> = [registerPolicy, registerProtect, registerAudit, registerKeygen, registerPins, registerTest, registerDemo, registerReplay];
