// The floor for any Node stdio proxy: a relay that copies bytes between its
// stdio and a child's, with no framing and no inspection. Same SIGUSR2 probe
// as measured-toolgate.mjs.
import { spawn } from 'node:child_process';

process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  const { maxRSS } = process.resourceUsage();
  process.stderr.write(`BENCH-USAGE ${JSON.stringify({ cpuMicros: cpu.user + cpu.system, maxRssKiB: maxRSS })}\n`);
});
const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.on('data', (chunk) => child.stdin.write(chunk));
process.stdin.on('end', () => child.stdin.end());
child.stdout.on('data', (chunk) => process.stdout.write(chunk));
child.on('exit', (code) => process.exit(code ?? 1));
