// toolgate's stdio proxy exactly as `toolgate protect` runs it (runProxyOnStdio
// from the build), with an allow-all decider instead of a compiled policy, so
// the proxy's own cost is measured. Same SIGUSR2 probe as measured-toolgate.mjs.
import { runProxyOnStdio } from '../../dist/proxy/index.js';

process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  const { maxRSS } = process.resourceUsage();
  process.stderr.write(`BENCH-USAGE ${JSON.stringify({ cpuMicros: cpu.user + cpu.system, maxRssKiB: maxRSS })}\n`);
});
const [command, ...args] = process.argv.slice(2);
const allowAll = { decide: () => ({ allow: true, reasons: [] }) };
process.exit(await runProxyOnStdio({ command, args, decider: allowAll }));
