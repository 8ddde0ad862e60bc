/**
 * toolgate's overhead as a stdio proxy, measured in one run against a direct
 * baseline: the same tools/call sequence sent straight to a minimal server,
 * through toolgate's proxy with an allow-all decider (`allow-all-toolgate.mjs`,
 * the runner `toolgate protect` uses), through the built CLI with
 * `--policy minimal` (the allow-all profile, evaluated by the Wasm engine;
 * detectors and pins off), through a bare byte relay (the floor for any Node
 * stdio proxy), and through the built CLI with the full pipeline (`full`: the standard profile without
 * its global limit, every detector, tool pins and a hash-chained audit log).
 *
 *   npm run build   (or: npx tsc -p tsconfig.json --noEmitOnError false)
 *   node --import tsx bench/proxy-overhead/run.ts [--quick] [--only <scenario name part>]
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const serverCommand = [process.execPath, '--import', 'tsx', join(here, 'minimal-server.ts')];
const toolgateCommand = [process.execPath, join(here, 'allow-all-toolgate.mjs'), ...serverCommand];
// detectors and pins off, so this row stays the proxy plus the Wasm engine; the `full` row has everything
const cliCommand = [process.execPath, join(here, 'measured-toolgate.mjs'), 'protect', '--policy', 'minimal', '--no-sanitize', '--no-pins', '--', ...serverCommand];
const relayCommand = [process.execPath, join(here, 'byte-relay.mjs'), ...serverCommand];
const fullDir = mkdtempSync(join(tmpdir(), 'toolgate-bench-full-'));
const fullCommand = [
  process.execPath, join(here, 'measured-toolgate.mjs'), 'protect', '--policy', join(here, 'standard-unthrottled.yaml'),
  '--audit-log', join(fullDir, 'audit.log'), '--pins-dir', join(fullDir, 'pins'), '--', ...serverCommand,
];
const quick = process.argv.includes('--quick');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];

interface Scenario {
  name: string;
  inFlight: number;
  argumentBytes: number;
  calls: number;
}

const scenarios: Scenario[] = [
  { name: 'sequential, 1 KiB', inFlight: 1, argumentBytes: 1024, calls: 4000 },
  { name: 'sequential, 256 KiB', inFlight: 1, argumentBytes: 256 * 1024, calls: 300 },
  { name: '32 in flight, 1 KiB', inFlight: 32, argumentBytes: 1024, calls: 8000 },
  { name: '32 in flight, 256 KiB', inFlight: 32, argumentBytes: 256 * 1024, calls: 600 },
]
  .filter((s) => only === undefined || s.name.includes(only))
  .map((s) => (quick ? { ...s, calls: Math.ceil(s.calls / 10) } : s));

/** A JSON-RPC client over a child's stdio, with its own framing (no SDK, so it adds as little as possible). */
class Peer {
  private nextId = 1;
  private readonly waiting = new Map<number, (line: string) => void>();
  private partial: Buffer[] = [];
  private stderrText = '';
  private usageWaiters: Array<(usage: { cpuMicros: number; maxRssKiB: number }) => void> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        this.partial.push(chunk.subarray(start, nl));
        const line = Buffer.concat(this.partial).toString('utf8');
        this.partial = [];
        start = nl + 1;
        const idMatch = /"id":(\d+)[,}]/.exec(line.length > 200 ? line.slice(0, 100) + line.slice(-100) : line);
        const id = idMatch === null ? undefined : Number(idMatch[1]);
        if (id !== undefined) this.waiting.get(id)?.(line);
        if (id !== undefined) this.waiting.delete(id);
      }
      if (start < chunk.length) this.partial.push(chunk.subarray(start));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString();
      let nl: number;
      while ((nl = this.stderrText.indexOf('\n')) !== -1) {
        const line = this.stderrText.slice(0, nl);
        this.stderrText = this.stderrText.slice(nl + 1);
        if (line.startsWith('BENCH-USAGE ')) this.usageWaiters.shift()?.(JSON.parse(line.slice('BENCH-USAGE '.length)));
      }
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(command: string[]): Peer {
    return new Peer(spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  request(method: string, params: unknown): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)},"params":${JSON.stringify(params)}}\n`);
    });
  }

  /** Sends a pre-serialized tools/call; resolves with the latency in microseconds. */
  timedCall(paramsJson: string): Promise<number> {
    const id = this.nextId++;
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
      this.waiting.set(id, () => resolve(Number(process.hrtime.bigint() - started) / 1000));
      this.child.stdin.write(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":${paramsJson}}\n`);
    });
  }

  async initialize(): Promise<void> {
    await this.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } });
    this.child.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    await this.request('tools/list', {});
  }

  /** CPU time and peak RSS of the process, as reported by its SIGUSR2 probe. */
  usage(): Promise<{ cpuMicros: number; maxRssKiB: number }> {
    return new Promise((resolve) => {
      this.usageWaiters.push(resolve);
      this.child.kill('SIGUSR2');
    });
  }

  /** Closes stdin; resolves with the milliseconds until the process exited. */
  async shutdown(): Promise<number> {
    const started = process.hrtime.bigint();
    this.child.stdin.end();
    await this.exited;
    return Number(process.hrtime.bigint() - started) / 1e6;
  }
}

interface Run {
  latencies: number[];
  seconds: number;
  cpuMicrosPerCall?: number;
}

async function runScenario(peer: Peer, scenario: Scenario, measured: boolean): Promise<Run> {
  const params = JSON.stringify({ name: 'size', arguments: { data: 'x'.repeat(scenario.argumentBytes) } });
  const drive = async (calls: number) => {
    const latencies: number[] = [];
    let next = 0;
    const lane = async () => {
      while (next < calls) {
        next++;
        latencies.push(await peer.timedCall(params));
      }
    };
    await Promise.all(Array.from({ length: scenario.inFlight }, lane));
    return latencies;
  };
  await drive(Math.max(50, Math.ceil(scenario.calls / 10)));
  const before = measured ? await peer.usage() : undefined;
  const started = process.hrtime.bigint();
  const latencies = await drive(scenario.calls);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = measured ? await peer.usage() : undefined;
  const run: Run = { latencies, seconds };
  if (before !== undefined && after !== undefined) run.cpuMicrosPerCall = (after.cpuMicros - before.cpuMicros) / scenario.calls;
  return run;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

/** Echoes text that mixes 2-, 3- and 4-byte characters through toolgate, at shifted offsets so characters straddle pipe reads. */
async function byteExactness(peer: Peer): Promise<boolean> {
  for (let shift = 0; shift < 4; shift++) {
    const text = 'a'.repeat(shift) + 'é€😀𝄞日本'.repeat(20_000);
    const line = await peer.request('tools/call', { name: 'echo', arguments: { text } });
    const echoed = JSON.parse(line).result.content[0].text as string;
    if (echoed !== text) return false;
  }
  return true;
}

/** Median over five fresh processes of the time from closing stdin to exit, once initialized and idle. */
async function shutdownTime(command: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const peer = Peer.start(command);
    await peer.initialize();
    await new Promise((resolve) => setTimeout(resolve, 200));
    times.push(await peer.shutdown());
  }
  return percentile(times, 50);
}

async function main(): Promise<void> {
  const direct = Peer.start(serverCommand);
  const proxied = Peer.start(toolgateCommand);
  const relayed = Peer.start(relayCommand);
  const cli = Peer.start(cliCommand);
  const full = Peer.start(fullCommand);
  await Promise.all([direct.initialize(), proxied.initialize(), relayed.initialize(), cli.initialize(), full.initialize()]);

  console.log(`toolgate proxy overhead (Node ${process.version}, ${quick ? 'quick' : 'full'} run)\n`);
  console.log('toolgate: the proxy with an allow-all decider; cli+wasm: `toolgate protect --policy minimal --no-sanitize --no-pins` (allow-all profile, Wasm engine);');
  console.log('relay: the floor for any Node stdio proxy, a process that copies bytes both ways without framing or inspection.');
  console.log('full: `toolgate protect` with the standard profile (global limit lifted), every detector, tool pins and the audit log.\n');
  console.log('scenario               | via      | p50 / p99 µs      | added p50 µs | calls/s (ratio to direct) | CPU/call µs');
  console.log('-----------------------|----------|-------------------|--------------|---------------------------|------------');
  const summary: Record<string, { addedP50: number; cpu: number; fullCpu: number; fullAddedP50: number }> = {};
  for (const scenario of scenarios) {
    const a = await runScenario(direct, scenario, false);
    const b = await runScenario(proxied, scenario, true);
    const c = await runScenario(relayed, scenario, true);
    const d = await runScenario(cli, scenario, true);
    const e = await runScenario(full, scenario, true);
    const p50a = percentile(a.latencies, 50);
    const rateA = scenario.calls / a.seconds;
    summary[scenario.name] = {
      addedP50: percentile(b.latencies, 50) - p50a,
      cpu: b.cpuMicrosPerCall ?? NaN,
      fullCpu: e.cpuMicrosPerCall ?? NaN,
      fullAddedP50: percentile(e.latencies, 50) - p50a,
    };
    for (const [via, run] of [['direct', a], ['toolgate', b], ['cli+wasm', d], ['full', e], ['relay', c]] as const) {
      const p50 = percentile(run.latencies, 50);
      const rate = scenario.calls / run.seconds;
      console.log(
        `${(via === 'direct' ? scenario.name : '').padEnd(22)} | ${via.padEnd(8)} | ${`${fmt(p50)} / ${fmt(percentile(run.latencies, 99))}`.padStart(17)} | ${(via === 'direct' ? '' : fmt(p50 - p50a)).padStart(12)} | ${`${fmt(rate)} (${fmt(rate / rateA, 2)})`.padStart(25)} | ${(run.cpuMicrosPerCall === undefined ? '' : fmt(run.cpuMicrosPerCall, 1)).padStart(11)}`,
      );
    }
  }
  const [rss, cliRss] = await Promise.all([proxied.usage(), cli.usage()]);
  const exact = (await byteExactness(proxied)) && (await byteExactness(cli));
  await Promise.all([direct.shutdown(), proxied.shutdown(), relayed.shutdown(), cli.shutdown(), full.shutdown()]);
  rmSync(fullDir, { recursive: true, force: true });
  const directShutdown = await shutdownTime(serverCommand);
  const proxiedShutdown = await shutdownTime(toolgateCommand);
  const cliShutdown = await shutdownTime(cliCommand);

  console.log(`\npeak RSS: toolgate ${fmt(rss.maxRssKiB / 1024, 1)} MiB, cli+wasm ${fmt(cliRss.maxRssKiB / 1024, 1)} MiB`);
  console.log(`non-ASCII payloads (2/3/4-byte characters split across reads) byte-exact through toolgate and the CLI: ${exact ? 'yes' : 'NO'}`);
  console.log(
    `shutdown after the client closes stdin: direct ${fmt(directShutdown, 1)} ms, toolgate ${fmt(proxiedShutdown, 1)} ms, cli+wasm ${fmt(cliShutdown, 1)} ms (toolgate adds ${fmt(proxiedShutdown - directShutdown, 1)} ms)`,
  );
  const none = { addedP50: NaN, cpu: NaN, fullCpu: NaN, fullAddedP50: NaN };
  const small = summary['sequential, 1 KiB'] ?? none;
  const large = summary['sequential, 256 KiB'] ?? none;
  console.log('\ntargets (reference: SDK-transport forwarder / AgentMesh ≈ 120 µs CPU, +140 µs p50, 4.5 ms CPU per 256 KiB call)');
  console.log(`  CPU per small call   ${fmt(small.cpu, 1)} µs  (target ≤ 40 µs; ${fmt(small.cpu / 120, 2)}× the reference)`);
  console.log(`  added p50, small     ${fmt(small.addedP50, 1)} µs  (target ≤ 70 µs; ${fmt(small.addedP50 / 140, 2)}× the reference)`);
  console.log(`  CPU per 256 KiB call ${fmt(large.cpu / 1000, 2)} ms  (target ≤ 1.5 ms; ${fmt(large.cpu / 4500, 2)}× the reference)`);
  console.log(`  shutdown             ${fmt(proxiedShutdown - directShutdown, 1)} ms added (target ≤ 100 ms)`);
  console.log('\nfull pipeline (standard profile, detectors, pins, audit log), measured in the same run');
  console.log(`  CPU per small call   ${fmt(small.fullCpu, 1)} µs  (${fmt(small.fullCpu / small.cpu, 1)}× the allow-all proxy), added p50 ${fmt(small.fullAddedP50, 1)} µs`);
  console.log(`  CPU per 256 KiB call ${fmt(large.fullCpu / 1000, 2)} ms  (${fmt(large.fullCpu / large.cpu, 1)}× the allow-all proxy), added p50 ${fmt(large.fullAddedP50 / 1000, 2)} ms`);
}

await main();
