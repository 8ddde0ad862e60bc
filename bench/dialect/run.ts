/**
 * bench/dialect: how long a 500-rule YAML policy takes to become a bundle
 * (validate + YAML → Rego + parse + compile + plan + emit), and the decision
 * latency of each built-in profile and of that 500-rule policy, in one run.
 *
 *   node --import tsx bench/dialect/run.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePolicy, loadPolicyFile, PROFILES } from '../../src/policy/dialect/index.js';
import { parseModule } from '../../src/policy/rego/parse.js';
import { compileToIR } from '../../src/policy/rego/compile.js';
import { emitWasm } from '../../src/policy/rego/wasm/index.js';
import { loadToolgatePolicy } from '../../src/policy/toolgate-policy.js';
import type { InputDocument } from '../../src/policy/documents.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

function bigPolicy(rules: number): string {
  const lines = ['version: "1.0"', 'default_action: deny', 'rules:'];
  for (let i = 0; i < rules; i++) {
    if (i % 4 === 0) lines.push(`  - id: deny-${i}`, `    tool: "danger_${i}_*"`, '    action: deny', `    reason: "tool family ${i} is not permitted"`);
    else if (i % 4 === 1) lines.push(`  - id: read-${i}`, `    tool: read_${i}`, '    action: allow', '    conditions:', `      - path_starts_with: "/srv/data/${i}"`, '      - path_not_contains: [".env", ".ssh"]');
    else if (i % 4 === 2) lines.push(`  - id: query-${i}`, `    tool: query_${i}`, '    action: allow', '    conditions:', `      - arguments.sql: { not_regex: "(?i)drop|delete" }`, `      - arguments.limit: { lte: ${i} }`);
    else lines.push(`  - id: tools-${i}`, `    tool: [a_${i}, b_${i}, "/^c_${i}_[a-z]+$/"]`, '    action: allow', '    rate_limit: "100/hour"');
  }
  return lines.join('\n') + '\n';
}

const dir = mkdtempSync(join(tmpdir(), 'bench-dialect-'));
const file = join(dir, 'big.yaml');
writeFileSync(file, bigPolicy(500));

function buildOnce(): { load: number; yaml: number; toolchain: number } {
  const t0 = performance.now();
  const source = loadPolicyFile(file);
  const t1 = performance.now();
  const compiled = compilePolicy(source);
  const t2 = performance.now();
  const ir = compileToIR(
    compiled.modules.map((m) => parseModule(m.source, m.file)),
    { entrypoints: [compiled.entrypoint, compiled.toolHiddenEntrypoint] },
  );
  emitWasm(ir);
  const t3 = performance.now();
  return { load: t1 - t0, yaml: t2 - t1, toolchain: t3 - t2 };
}

console.log('== a 500-rule YAML policy into a bundle (no cache) ==');
const first = buildOnce();
console.log(`first build in this process (cold JIT, regexes not yet checked) ${(first.load + first.yaml + first.toolchain).toFixed(0)} ms`);
const runs = Array.from({ length: 12 }, buildOnce);
const total = runs.map((r) => r.load + r.yaml + r.toolchain);
console.log(
  `median ${median(total).toFixed(0)} ms (validate ${median(runs.map((r) => r.load)).toFixed(0)} ms, YAML → Rego ${median(runs.map((r) => r.yaml)).toFixed(0)} ms, Rego → Wasm ${median(runs.map((r) => r.toolchain)).toFixed(0)} ms); target < 1000 ms: ${median(total) < 1000 ? 'met' : 'NOT met'}`,
);

console.log('\n== decision latency per built-in profile (µs per decide(), batches of 200) ==');
const input = (tool: string, args: Record<string, unknown>): InputDocument => ({
  method: 'tools/call',
  tool,
  arguments: args,
  server: { name: 'filesystem', command: ['mcp-server-filesystem', '/srv/data'] },
  client: { name: 'claude-desktop', version: '1.0' },
  identity: { sub: 'alice' },
  session: 'bench',
  findings: [],
  tool_annotations: { readOnlyHint: true },
  tool_changed: false,
  time: new Date().toISOString(),
});
const calls = [
  input('read_text_file', { path: '/srv/data/reports/q3.csv' }),
  input('read_text_file', { path: '/etc/passwd' }),
  input('write_file', { path: '/srv/data/a.txt', content: 'hello' }),
  input('search_files', { path: '/srv/data', pattern: '*.md' }),
];
async function decisionLatency(label: string, spec: string, decided: InputDocument[]): Promise<void> {
  const policy = await loadToolgatePolicy(spec, { roots: ['/srv/data'] });
  const times: number[] = [];
  for (let round = 0; round < 200; round++) {
    const start = performance.now();
    for (let i = 0; i < 200; i++) policy.decide(decided[i % decided.length]);
    times.push(((performance.now() - start) * 1000) / 200);
  }
  console.log(`${label.padEnd(11)} median ${median(times).toFixed(1)} µs   p99 ${p99(times).toFixed(1)} µs`);
}
for (const profile of PROFILES) await decisionLatency(profile, profile, calls);
// The first rule, the last one, one in the middle, and a tool no rule names (the default decides).
await decisionLatency('500 rules', file, [
  input('danger_0_rm', {}),
  input('query_250', { sql: 'select 1', limit: 10 }),
  input('b_499', {}),
  input('read_text_file', { path: '/srv/data/a.txt' }),
]);
