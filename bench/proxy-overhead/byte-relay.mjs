// The floor for any Node stdio proxy: a relay that copies bytes between its
// stdio and a child's, with no framing and no inspection.
import './usage-probe.mjs';
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.on('data', (chunk) => child.stdin.write(chunk));
process.stdin.on('end', () => child.stdin.end());
child.stdout.on('data', (chunk) => process.stdout.write(chunk));
child.on('exit', (code) => process.exit(code ?? 1));
