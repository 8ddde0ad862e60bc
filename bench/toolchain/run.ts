/**
 * bench/toolchain: build times of the embedded toolchain, and evaluate() latency
 * of a realistic MCP policy against a hand-written JavaScript function of the
 * same logic, measured in one run.
 *
 *   node --import tsx bench/toolchain/run.ts [--evals 1000000]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseModule } from '../../src/policy/rego/parse.js';
import { compileToIR } from '../../src/policy/rego/compile.js';
import { emitWasm } from '../../src/policy/rego/wasm/index.js';
import { buildBundle, loadBundle } from '../../src/policy/engine/index.js';
import { decideInJs, type Call } from './mcp-policy.js';
import { calls } from './calls.js';

const { values } = parseArgs({ options: { evals: { type: 'string', default: '1000000' }, builds: { type: 'string', default: '40' } } });
const ENTRYPOINT = 'bench/mcp/decision';
const policySource = readFileSync(new URL('./mcp-policy.rego', import.meta.url), 'utf8');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];
const fmt = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`);

function buildOnce(modules: Array<{ file: string; source: string }>, entrypoints: string[]): void {
  emitWasm(compileToIR(modules.map((m) => parseModule(m.source, m.file)), { entrypoints }));
}

function timeBuilds(label: string, modules: Array<{ file: string; source: string }>, entrypoints: string[], runs: number): number {
  buildOnce(modules, entrypoints);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    buildOnce(modules, entrypoints);
    times.push((performance.now() - start) * 1000);
  }
  console.log(`${label.padEnd(44)} median ${fmt(median(times))}   p99 ${fmt(p99(times))}`);
  return median(times);
}

function generatedPolicy(rules: number): string {
  const lines = ['package bench.generated', '', 'import rego.v1', ''];
  for (let i = 0; i < rules; i++) {
    lines.push(`deny contains "rule ${i}: ${i % 3 === 0 ? 'path' : 'tool'}" if {`);
    if (i % 3 === 0) lines.push(`\tstartswith(input.arguments.path, "/forbidden/${i}/")`);
    else if (i % 3 === 1) lines.push(`\tinput.tool == "tool_${i}"`, `\tcount(input.arguments) > ${i % 7}`);
    else lines.push(`\tregex.match("^tool_${i}_[a-z]+$", input.tool)`);
    lines.push('}', '');
  }
  lines.push('allow if count(deny) == 0');
  return lines.join('\n');
}

console.log('== build (parse + compile + plan + emit + link, no cache) ==');
const small = [{ file: 'small.rego', source: 'package test\n\np := x if {\n\tx := input.a + 1\n}\n' }];
const smallMs = timeBuilds('small module (one conformance-sized case)', small, ['test/p'], Number(values.builds)) / 1000;
timeBuilds('200-rule policy', [{ file: 'gen.rego', source: generatedPolicy(200) }], ['bench/generated/allow'], Math.max(5, Number(values.builds) / 4));
timeBuilds('realistic MCP policy (this bench)', [{ file: 'mcp.rego', source: policySource }], [ENTRYPOINT], Number(values.builds));
console.log(`small-module target < 30 ms: ${smallMs < 30 ? 'met' : 'NOT met'} (${smallMs.toFixed(2)} ms)`);

console.log('\n== evaluate(): Wasm policy vs plain JavaScript, same inputs, interleaved ==');
const policy = await loadBundle(await buildBundle({ modules: [{ file: 'mcp.rego', source: policySource }], entrypoints: [ENTRYPOINT] }));
const evaluateWasm = (call: Call) => policy.evaluate(call, ENTRYPOINT)[0]?.result as ReturnType<typeof decideInJs>;
for (const call of calls) {
  const [wasm, js] = [evaluateWasm(call), decideInJs(call)];
  if (JSON.stringify(wasm) !== JSON.stringify(js)) throw new Error(`disagreement on ${call.tool}: wasm ${JSON.stringify(wasm)} js ${JSON.stringify(js)}`);
}
console.log(`${calls.length} calls decided identically by both`);

const BATCH = 200;
const wasmTimes: number[] = [];
const jsTimes: number[] = [];
for (let round = 0; round < 300; round++) {
  for (const [run, times] of [
    [evaluateWasm, wasmTimes],
    [decideInJs, jsTimes],
  ] as const) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) run(calls[i % calls.length]);
    times.push(((performance.now() - start) * 1000) / BATCH);
  }
}
const ratio = median(wasmTimes) / median(jsTimes);
console.log(`Wasm evaluate()   median ${fmt(median(wasmTimes))}   p99 ${fmt(p99(wasmTimes))} (per call, batches of ${BATCH})`);
console.log(`plain JavaScript  median ${fmt(median(jsTimes))}   p99 ${fmt(p99(jsTimes))}`);
console.log(`ratio Wasm / JS: ${ratio.toFixed(1)}x (target within 12x; OPA's own wasm is about 83x)`);

const evals = Number(values.evals);
if (evals > 0) {
  console.log(`\n== memory over ${evals.toLocaleString()} evaluations in one process ==`);
  const before = process.memoryUsage();
  const checkpoints: string[] = [];
  for (let i = 1; i <= evals; i++) {
    evaluateWasm(calls[i % calls.length]);
    if (i % (evals / 4) === 0) checkpoints.push(`${(i / 1e6).toFixed(2)}M: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  }
  const after = process.memoryUsage();
  console.log(checkpoints.join(' | '));
  console.log(`rss ${(before.rss / 2 ** 20).toFixed(0)} -> ${(after.rss / 2 ** 20).toFixed(0)} MiB, heap ${(before.heapUsed / 2 ** 20).toFixed(0)} -> ${(after.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
