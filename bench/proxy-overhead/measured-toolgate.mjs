// The built toolgate CLI, unchanged, plus a probe: on SIGUSR2 it writes its own
// CPU time (process.cpuUsage) and peak RSS to stderr, so the benchmark can
// measure toolgate's cost over exactly the calls of one scenario.
process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  const { maxRSS } = process.resourceUsage();
  process.stderr.write(`BENCH-USAGE ${JSON.stringify({ cpuMicros: cpu.user + cpu.system, maxRssKiB: maxRSS })}\n`);
});
await import('../../dist/cli/main.js');
