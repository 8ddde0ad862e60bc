/**
 * CLI start-up, measured from spawn: `--help` and `policy validate minimal` until
 * the process exits, and `protect --policy standard` until the client gets its
 * `initialize` answer (through a server that answers at once, so the time is
 * toolgate's). Every given CLI build runs each scenario in turn, round-robin,
 * so builds compared in one run share the machine's state.
 *
 *   npm run build
 *   node --import tsx bench/startup/run.ts [--runs 15] [--cli dist/cli/main.js --cli /tmp/old/dist/cli/main.js]
 *
 * The first --cli is the reference for the ratios (default: this checkout's dist/cli/main.js).
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const server = [process.execPath, join(here, 'initialize-server.mjs')];
const INITIALIZE = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'startup-bench', version: '1' } },
})}\n`;

interface Scenario {
  name: string;
  /** Arguments after `node <cli>`; undefined runs the command without any CLI (a floor). */
  args: string[];
  /** Time until exit, or until the answer to initialize. */
  until: 'exit' | 'initialized';
  /** Runs without the CLI: the same for every build. */
  floor?: string[];
}

const scenarios: Scenario[] = [
  { name: 'node -e 0 (floor)', args: [], until: 'exit', floor: [process.execPath, '-e', '0'] },
  { name: 'server alone, initialize (floor)', args: [], until: 'initialized', floor: server },
  { name: '--help', args: ['--help'], until: 'exit' },
  { name: 'policy validate minimal', args: ['policy', 'validate', 'minimal'], until: 'exit' },
  { name: 'protect --policy minimal, initialize', args: ['protect', '--policy', 'minimal', '--no-pins', '--', ...server], until: 'initialized' },
  { name: 'protect --policy standard, initialize', args: ['protect', '--policy', 'standard', '--no-pins', '--', ...server], until: 'initialized' },
];

function option(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, i) => arg === name && process.argv[i + 1] !== undefined && values.push(process.argv[i + 1]));
  return values;
}

const clis = (option('--cli').length > 0 ? option('--cli') : [join(here, '..', '..', 'dist', 'cli', 'main.js')]).map((cli) => resolve(cli));
const runs = Number(option('--runs')[0] ?? 15);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got ${option('--runs')[0]}`);

/** Milliseconds from spawn to exit, or to the first stdout line answering id 1. */
function measure(command: string[], until: Scenario['until']): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let answeredAt: number | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until === 'initialized' && answeredAt === undefined && /"id":1[,}]/.test(stdout) && stdout.includes('\n')) {
        answeredAt = performance.now() - started;
        child.stdin.end();
      }
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const took = performance.now() - started;
      if (until === 'initialized') {
        if (answeredAt === undefined) fail(new Error(`${command.join(' ')}: no answer to initialize (exit ${code})\n${stderr}`));
        else done(answeredAt);
      } else if (code !== 0) fail(new Error(`${command.join(' ')}: exit ${code}\n${stderr}`));
      else done(took);
    });
    if (until === 'initialized') child.stdin.write(INITIALIZE);
    else child.stdin.end();
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const rows: string[][] = [];
for (const scenario of scenarios) {
  const commands = scenario.floor ? [scenario.floor] : clis.map((cli) => [process.execPath, cli, ...scenario.args]);
  const samples = commands.map(() => [] as number[]);
  await Promise.all(commands.map((command) => measure(command, scenario.until))); // warm the file cache
  for (let run = 0; run < runs; run++) {
    for (const [i, command] of commands.entries()) samples[i].push(await measure(command, scenario.until));
  }
  const medians = samples.map(median);
  const cells = medians.map((m, i) => (i === 0 ? `${m.toFixed(0)} ms` : `${m.toFixed(0)} ms (${(m / medians[0]).toFixed(2)}x)`));
  rows.push([scenario.name, ...cells]);
}

const header = ['scenario (median of ' + runs + ')', ...clis.map((cli, i) => (i === 0 ? cli : `${cli} (vs first)`))];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
process.stdout.write([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n');
