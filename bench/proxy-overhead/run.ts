/**
 * toolgate's overhead as a stdio proxy, measured in one run against a direct
 * baseline: the same tools/call sequence sent straight to a minimal server,
 * through toolgate's proxy with an allow-all decider (`allow-all-toolgate.mjs`,
 * the runner `toolgate protect` uses), through the built CLI with
 * `--policy minimal` (the allow-all profile, evaluated by the Wasm engine;
 * detectors and pins off), through the built CLI with the full pipeline
 * (`full`: the standard profile without its global limit, every detector,
 * tool pins and a hash-chained audit log), and through two references: a bare
 * byte relay (the floor for any Node stdio proxy) and a forwarder built on
 * the MCP SDK's stdio transports (the issue's reference point).
 *
 * Every process is warmed up first, then the peers take turns, round after
 * round, so load elsewhere on this shared machine falls on all of them alike;
 * figures are medians over the rounds.
 *
 *   npm run build   (or: npx tsc -p tsconfig.json --noEmitOnError false)
 *   node --import tsx bench/proxy-overhead/run.ts [--quick] [--only <scenario name part>]
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const serverCommand = [process.execPath, '--import', 'tsx', join(here, 'minimal-server.ts')];
const toolgateCommand = [process.execPath, join(here, 'allow-all-toolgate.mjs'), ...serverCommand];
// detectors and pins off, so this row stays the proxy plus the Wasm engine; the `full` row has everything
const cliCommand = [process.execPath, join(here, 'measured-toolgate.mjs'), 'protect', '--policy', 'minimal', '--no-sanitize', '--no-pins', '--', ...serverCommand];
const relayCommand = [process.execPath, join(here, 'byte-relay.mjs'), ...serverCommand];
const sdkCommand = [process.execPath, join(here, 'sdk-forwarder.mjs'), ...serverCommand];
const fullDir = mkdtempSync(join(tmpdir(), 'toolgate-bench-full-'));
const fullCommand = [
  process.execPath, join(here, 'measured-toolgate.mjs'), 'protect', '--policy', join(here, 'standard-unthrottled.yaml'),
  '--audit-log', join(fullDir, 'audit.log'), '--pins-dir', join(fullDir, 'pins'), '--', ...serverCommand,
];
const quick = process.argv.includes('--quick');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const rounds = 5;

interface Scenario {
  name: string;
  inFlight: number;
  argumentBytes: number;
  /** Unmeasured calls per process before the rounds: enough for the JIT to settle. */
  warmup: number;
  /** Measured calls per process, over all rounds. */
  calls: number;
}

const scenarios: Scenario[] = [
  { name: 'sequential, 1 KiB', inFlight: 1, argumentBytes: 1024, warmup: 3000, calls: 4000 },
  { name: 'sequential, 256 KiB', inFlight: 1, argumentBytes: 256 * 1024, warmup: 100, calls: 300 },
  { name: '32 in flight, 1 KiB', inFlight: 32, argumentBytes: 1024, warmup: 3200, calls: 8000 },
  { name: '32 in flight, 256 KiB', inFlight: 32, argumentBytes: 256 * 1024, warmup: 160, calls: 640 },
]
  .filter((s) => only === undefined || s.name.includes(only))
  .map((s) => (quick ? { ...s, warmup: Math.ceil(s.warmup / 10), calls: Math.ceil(s.calls / 10) } : s));

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

async function drive(peer: Peer, params: string, inFlight: number, calls: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < calls) {
      next++;
      latencies.push(await peer.timedCall(params));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return latencies;
}

async function measuredRound(peer: Peer, params: string, inFlight: number, calls: number, measured: boolean): Promise<Run> {
  const before = measured ? await peer.usage() : undefined;
  const started = process.hrtime.bigint();
  const latencies = await drive(peer, params, inFlight, calls);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = measured ? await peer.usage() : undefined;
  const run: Run = { latencies, seconds };
  if (before !== undefined && after !== undefined) run.cpuMicrosPerCall = (after.cpuMicros - before.cpuMicros) / calls;
  return run;
}

/** One scenario's figures for one peer, over all its rounds. */
interface Result {
  p50: number;
  p99: number;
  callsPerSecond: number;
  /** Median over rounds of the CPU time per call. */
  cpu?: number;
  /** Median over rounds of this round's p50 minus the direct round's p50 right before it. */
  addedP50?: number;
}

/**
 * Warms every peer up (so JIT compilation is not counted as per-call cost),
 * then runs `rounds` rounds; in each, every peer gets the same calls, one
 * peer after another, the order rotating from round to round, so a burst of
 * load elsewhere on the machine lands on every peer alike.
 */
async function runScenario(peers: Array<{ via: string; peer: Peer; measured: boolean }>, scenario: Scenario): Promise<Map<string, Result>> {
  const params = JSON.stringify({ name: 'size', arguments: { data: 'x'.repeat(scenario.argumentBytes) } });
  for (const { peer } of peers) await drive(peer, params, scenario.inFlight, scenario.warmup);
  const perRound = scenario.calls / rounds;
  const runs = new Map<string, Run[]>(peers.map(({ via }) => [via, []]));
  const addedP50s = new Map<string, number[]>(peers.map(({ via }) => [via, []]));
  for (let round = 0; round < rounds; round++) {
    const [direct, ...others] = peers;
    const order = others.map((_, i) => others[(i + round) % others.length]);
    const directRun = await measuredRound(direct.peer, params, scenario.inFlight, perRound, false);
    runs.get(direct.via)!.push(directRun);
    for (const { via, peer, measured } of order) {
      const run = await measuredRound(peer, params, scenario.inFlight, perRound, measured);
      runs.get(via)!.push(run);
      addedP50s.get(via)!.push(percentile(run.latencies, 50) - percentile(directRun.latencies, 50));
    }
  }
  const results = new Map<string, Result>();
  for (const [via, list] of runs) {
    const latencies = list.flatMap((run) => run.latencies);
    const cpus = list.flatMap((run) => (run.cpuMicrosPerCall === undefined ? [] : [run.cpuMicrosPerCall]));
    const added = addedP50s.get(via)!;
    results.set(via, {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      callsPerSecond: latencies.length / list.reduce((sum, run) => sum + run.seconds, 0),
      cpu: cpus.length > 0 ? percentile(cpus, 50) : undefined,
      addedP50: added.length > 0 ? percentile(added, 50) : undefined,
    });
  }
  return results;
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
  const peers = [
    { via: 'direct', command: serverCommand, measured: false },
    { via: 'toolgate', command: toolgateCommand, measured: true },
    { via: 'cli+wasm', command: cliCommand, measured: true },
    { via: 'full', command: fullCommand, measured: true },
    { via: 'relay', command: relayCommand, measured: true },
    { via: 'sdk', command: sdkCommand, measured: true },
  ].map((p) => ({ ...p, peer: Peer.start(p.command) }));
  const peer = (via: string) => peers.find((p) => p.via === via)!.peer;
  await Promise.all(peers.map((p) => p.peer.initialize()));

  console.log(`toolgate proxy overhead (Node ${process.version}, ${quick ? 'quick' : 'full'} run, ${rounds} interleaved rounds, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  console.log('toolgate: the proxy with an allow-all decider; cli+wasm: `toolgate protect --policy minimal --no-sanitize --no-pins` (allow-all profile, Wasm engine);');
  console.log('full: `toolgate protect` with the standard profile (global limit lifted), every detector, tool pins and the audit log;');
  console.log('relay: the floor for any Node stdio proxy, a process that copies bytes both ways without framing or inspection;');
  console.log("sdk: the issue's reference, a forwarder built on the MCP SDK's stdio transports (parse, zod validation, re-serialize on each hop).\n");
  console.log('scenario               | via      | p50 / p99 µs      | added p50 µs | calls/s (ratio to direct) | CPU/call µs | CPU ratio to sdk');
  console.log('-----------------------|----------|-------------------|--------------|---------------------------|-------------|-----------------');
  const summary = new Map<string, Map<string, Result>>();
  for (const scenario of scenarios) {
    const results = await runScenario(peers, scenario);
    summary.set(scenario.name, results);
    const direct = results.get('direct')!;
    const sdkCpu = results.get('sdk')?.cpu;
    for (const [via, result] of results) {
      console.log(
        `${(via === 'direct' ? scenario.name : '').padEnd(22)} | ${via.padEnd(8)} | ${`${fmt(result.p50)} / ${fmt(result.p99)}`.padStart(17)} | ${(result.addedP50 === undefined ? '' : fmt(result.addedP50)).padStart(12)} | ${`${fmt(result.callsPerSecond)} (${fmt(result.callsPerSecond / direct.callsPerSecond, 2)})`.padStart(25)} | ${(result.cpu === undefined ? '' : fmt(result.cpu, 1)).padStart(11)} | ${(result.cpu === undefined || sdkCpu === undefined ? '' : fmt(result.cpu / sdkCpu, 2)).padStart(16)}`,
      );
    }
  }
  const [rss, cliRss] = await Promise.all([peer('toolgate').usage(), peer('cli+wasm').usage()]);
  const exact = (await byteExactness(peer('toolgate'))) && (await byteExactness(peer('cli+wasm')));
  await Promise.all(peers.map((p) => p.peer.shutdown()));
  rmSync(fullDir, { recursive: true, force: true });
  const directShutdown = await shutdownTime(serverCommand);
  const proxiedShutdown = await shutdownTime(toolgateCommand);
  const cliShutdown = await shutdownTime(cliCommand);

  console.log(`\npeak RSS: toolgate ${fmt(rss.maxRssKiB / 1024, 1)} MiB, cli+wasm ${fmt(cliRss.maxRssKiB / 1024, 1)} MiB`);
  console.log(`non-ASCII payloads (2/3/4-byte characters split across reads) byte-exact through toolgate and the CLI: ${exact ? 'yes' : 'NO'}`);
  console.log(
    `shutdown after the client closes stdin: direct ${fmt(directShutdown, 1)} ms, toolgate ${fmt(proxiedShutdown, 1)} ms, cli+wasm ${fmt(cliShutdown, 1)} ms (toolgate adds ${fmt(proxiedShutdown - directShutdown, 1)} ms)`,
  );
  const figures = (name: string, via: string) => summary.get(name)?.get(via) ?? { cpu: NaN, addedP50: NaN };
  const small = (via: string) => figures('sequential, 1 KiB', via);
  const large = (via: string) => figures('sequential, 256 KiB', via);
  const sdkSmall = small('sdk').cpu ?? NaN;
  const sdkLarge = large('sdk').cpu ?? NaN;
  const tg = { small: small('toolgate').cpu ?? NaN, large: large('toolgate').cpu ?? NaN, added: small('toolgate').addedP50 ?? NaN };
  console.log(`\ntargets, with the issue's reference (SDK-transport forwarder ≈ 120 µs CPU, +140 µs p50, 4.5 ms CPU per 256 KiB call) measured in this run:`);
  console.log(`  reference in this run: ${fmt(sdkSmall, 1)} µs CPU per small call, +${fmt(small('sdk').addedP50 ?? NaN, 1)} µs p50, ${fmt(sdkLarge / 1000, 2)} ms per 256 KiB call; bare relay ${fmt(small('relay').cpu ?? NaN, 1)} µs per small call`);
  console.log(`  CPU per small call   ${fmt(tg.small, 1)} µs  (target ≤ 40 µs, i.e. ≤ 0.33× the reference; ${fmt(tg.small / sdkSmall, 2)}× the reference, ${fmt(tg.small / (small('relay').cpu ?? NaN), 2)}× the bare relay)`);
  console.log(`  added p50, small     ${fmt(tg.added, 1)} µs  (target ≤ 70 µs; the reference adds ${fmt(small('sdk').addedP50 ?? NaN, 1)} µs, the relay ${fmt(small('relay').addedP50 ?? NaN, 1)} µs)`);
  console.log(`  CPU per 256 KiB call ${fmt(tg.large / 1000, 2)} ms  (target ≤ 1.5 ms; ${fmt(tg.large / sdkLarge, 2)}× the reference)`);
  console.log(`  shutdown             ${fmt(proxiedShutdown - directShutdown, 1)} ms added (target ≤ 100 ms)`);
  const full = { small: small('full'), large: large('full') };
  console.log('\nfull pipeline (standard profile, detectors, pins, audit log), measured in the same run');
  console.log(`  CPU per small call   ${fmt(full.small.cpu ?? NaN, 1)} µs  (${fmt((full.small.cpu ?? NaN) / tg.small, 1)}× the allow-all proxy), added p50 ${fmt(full.small.addedP50 ?? NaN, 1)} µs`);
  console.log(`  CPU per 256 KiB call ${fmt((full.large.cpu ?? NaN) / 1000, 2)} ms  (${fmt((full.large.cpu ?? NaN) / tg.large, 1)}× the allow-all proxy), added p50 ${fmt((full.large.addedP50 ?? NaN) / 1000, 2)} ms`);
}

await main();
