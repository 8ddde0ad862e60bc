/**
 * bench/host-boundary: what the tagged host JSON (sets, exact integers,
 * escaped keys: src/policy/engine/host-values.ts) adds to a host builtin
 * call. One compiled policy calls json.patch on the input; it is loaded twice
 * in the same run: through toolgate's loader (arguments decoded, result
 * encoded by the codec) and through the bare SDK with the same json.patch
 * registered directly (the SDK's JSON.parse / JSON.stringify only). Medians
 * of µs per evaluation, small and large inputs, with and without sets.
 *
 *   node --import tsx bench/host-boundary/run.ts
 */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { jsonBuiltins } from '../../src/policy/engine/builtins/json.js';
import { buildBundle, loadBundle } from '../../src/policy/engine/index.js';

const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];

/** Median µs per call over batches; the two candidates alternate round by round. */
function measurePair(batch: number, a: () => unknown, b: () => unknown): [number, number] {
  for (let i = 0; i < batch; i++) (a(), b());
  const sa: number[] = [];
  const sb: number[] = [];
  for (let round = 0; round < 21; round++) {
    for (const [run, samples] of [[a, sa], [b, sb]] as const) {
      const t = performance.now();
      for (let i = 0; i < batch; i++) run();
      samples.push(((performance.now() - t) * 1000) / batch);
    }
  }
  return [median(sa), median(sb)];
}

const source = 'package b\n\npatched := json.patch(input, [{"op": "add", "path": "/seen", "value": true}])\n\nwith_set := json.patch({"doc": input, "tags": {t | some t in input.tags}}, [])\n';
const bundle = await buildBundle({ modules: [{ file: 'b.rego', source }], entrypoints: ['b/patched', 'b/with_set'] });
const viaLoader = await loadBundle(bundle);
const bare = await loadPolicy(bundle.wasm, { initial: 5 }, { 'json.patch': jsonBuiltins['json.patch'] });
const asBuffer = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;

const toolCall = (n: number) => ({
  method: 'tools/call',
  tool: 'write_file',
  arguments: { path: '/srv/data/report.txt', content: 'x'.repeat(200), lines: Array.from({ length: n }, (_, i) => ({ no: i, text: `line ${i}`, flags: [i % 2 === 0, i % 3 === 0] })) },
  tags: Array.from({ length: Math.max(4, n / 10) }, (_, i) => `tag-${i}`),
  identity: { sub: 'agent-7', groups: ['eng', 'ops'] },
});

console.log('== json.patch through the host: toolgate loader (tagged codec) vs bare SDK (JSON only); µs per evaluation ==');
for (const [label, lines] of [['small input (~0.5 KB)', 2], ['large input (~60 KB)', 1000]] as const) {
  const input = toolCall(lines);
  for (const entrypoint of ['b/patched', 'b/with_set']) {
    const [codec, plain] = measurePair(lines > 100 ? 20 : 2000, () => viaLoader.evaluate(input, entrypoint), () => bare.evaluate(asBuffer(input), entrypoint));
    console.log(`${label.padEnd(22)} ${entrypoint.padEnd(11)} codec ${codec.toFixed(1).padStart(7)}  bare SDK ${plain.toFixed(1).padStart(7)}  ratio ${(codec / plain).toFixed(2)}x`);
  }
}
