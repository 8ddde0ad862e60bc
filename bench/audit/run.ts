/**
 * Per-event cost of appending to the audit log, as one tool call sees it
 * (await append before answering), for each configuration, measured in one
 * run with the configurations interleaved round by round so machine noise
 * hits them alike. Also the throughput of 64 concurrent calls (appends are
 * batched into one write). Run: node --import tsx bench/audit/run.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog, type AuditLogOptions } from '../../src/audit/audit-log.js';
import { toolInvokedEvent, type AuditEvent } from '../../src/audit/event-builders.js';

const EVENTS_PER_ROUND = Number(process.env.AUDIT_BENCH_EVENTS ?? 2000);
const FSYNC_EVENTS_PER_ROUND = 200;
const ROUNDS = Number(process.env.AUDIT_BENCH_ROUNDS ?? 3);
const { privateKey } = generateKeyPairSync('ed25519');

interface Variant {
  name: string;
  options: Partial<AuditLogOptions>;
  events: number;
}

const variants: Variant[] = [
  { name: 'unsigned', options: {}, events: EVENTS_PER_ROUND },
  { name: 'signed, checkpoint every 100', options: { signingKey: privateKey, checkpointEvery: 100 }, events: EVENTS_PER_ROUND },
  { name: 'signed, checkpoint every event', options: { signingKey: privateKey, checkpointEvery: 1 }, events: EVENTS_PER_ROUND },
  { name: 'unsigned, json format', options: { format: 'json' }, events: EVENTS_PER_ROUND },
  { name: 'unsigned, fsync every write', options: { fsync: true }, events: FSYNC_EVENTS_PER_ROUND },
];

/** A realistic call event: a read with a few arguments, a decision and a result summary. */
function callEvent(i: number): AuditEvent {
  return toolInvokedEvent({
    tool: 'read_file',
    arguments: { path: `/srv/data/reports/2026/q${i % 4}/summary-${i}.md`, encoding: 'utf8', head: 200 },
    identity: { sub: 'agent-7', groups: ['analysts'] },
    session: 'bench-session',
    client: { name: 'bench', version: '1.0' },
    findings: [],
    policyRevision: 'sha256:1f2e3d',
    evalMicros: 85,
    decision: { allow: true, reasons: [], rule: 'read-reports', limits: [{ key: 'global', requests: 300, per: 60 }] },
    upstreamMillis: 4,
    result: { isError: false, sizeBytes: 2048, redactions: 0 },
  });
}

async function sequentialRound(dir: string, variant: Variant, round: number): Promise<number[]> {
  const log = await openAuditLog({ path: join(dir, `${variant.name.replace(/\W+/g, '-')}-${round}.log`), source: 'bench', ...variant.options });
  const events = Array.from({ length: variant.events }, (_, i) => callEvent(i));
  for (let i = 0; i < 50; i++) await log.append(events[i]);
  const micros: number[] = [];
  for (const event of events) {
    const start = process.hrtime.bigint();
    await log.append(event);
    micros.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  await log.close();
  return micros;
}

async function concurrentEventsPerSecond(dir: string, round: number): Promise<number> {
  const log = await openAuditLog({ path: join(dir, `concurrent-${round}.log`), source: 'bench' });
  const total = EVENTS_PER_ROUND * 2;
  const start = process.hrtime.bigint();
  for (let i = 0; i < total; i += 64) await Promise.all(Array.from({ length: 64 }, (_, k) => log.append(callEvent(i + k))));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await log.close();
  return total / seconds;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const dir = await mkdtemp(join(tmpdir(), 'toolgate-audit-bench-'));
try {
  const samples = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  const throughput: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of variants) samples.get(variant.name)?.push(...(await sequentialRound(dir, variant, round)));
    throughput.push(await concurrentEventsPerSecond(dir, round));
  }
  const baseline = [...(samples.get('unsigned') ?? [])].sort((a, b) => a - b);
  const baseMedian = percentile(baseline, 50);
  console.log(`audit log append, one awaited call at a time (${ROUNDS} rounds, interleaved; µs per event)`);
  console.log('variant                           events   median      p99   median vs unsigned');
  for (const variant of variants) {
    const sorted = [...(samples.get(variant.name) ?? [])].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    console.log(
      `${variant.name.padEnd(32)} ${String(sorted.length).padStart(7)} ${median.toFixed(1).padStart(8)} ${percentile(sorted, 99).toFixed(1).padStart(8)}   ${(median / baseMedian).toFixed(2)}x`,
    );
  }
  throughput.sort((a, b) => a - b);
  console.log(`64 concurrent calls, unsigned: median ${Math.round(percentile(throughput, 50))} events/s over ${ROUNDS} rounds (batched writes)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
