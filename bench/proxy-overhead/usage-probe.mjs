// Imported by every process the benchmark measures: on SIGUSR2 it writes the
// process's own CPU time (process.cpuUsage) and peak RSS to stderr, so the
// benchmark can measure the cost of exactly the calls of one round.
process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  const { maxRSS } = process.resourceUsage();
  process.stderr.write(`BENCH-USAGE ${JSON.stringify({ cpuMicros: cpu.user + cpu.system, maxRssKiB: maxRSS })}\n`);
});
