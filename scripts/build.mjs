// Package build: the TypeScript sources, then every step registered in scripts/build-steps/.
import { execFileSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
const stepsDir = join(root, 'scripts/build-steps');
if (existsSync(stepsDir)) {
  for (const step of readdirSync(stepsDir).filter((f) => f.endsWith('.mjs')).sort()) {
    run(process.execPath, [join(stepsDir, step)]);
  }
}
