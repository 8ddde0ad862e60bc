/**
 * Prints per-directory pass counts of the core conformance cases through the
 * IR interpreter: `npx tsx test/policy/rego/support/run-conformance.ts [dir...] [--failures] [--baseline out.json]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runDirs } from './conformance.js';

const ROOT = new URL('../../../../../shared/opa-conformance/', import.meta.url).pathname;
const args = process.argv.slice(2);
const showFailures = args.includes('--failures');
const baselineAt = args.indexOf('--baseline');
const baselineOut = baselineAt >= 0 ? args[baselineAt + 1] : undefined;
const named = args.filter((a, i) => !a.startsWith('--') && (baselineAt < 0 || i !== baselineAt + 1));
const dirs = named.length > 0 ? named : readFileSync(`${ROOT}core-dirs.txt`, 'utf8').split('\n').filter(Boolean);

const started = performance.now();
const outcomes = await runDirs(`${ROOT}v1`, dirs);
const ms = performance.now() - started;
const byDir = new Map<string, { pass: number; total: number }>();
for (const o of outcomes) {
  const d = byDir.get(o.dir) ?? { pass: 0, total: 0 };
  d.total++;
  if (o.status === 'pass') d.pass++;
  byDir.set(o.dir, d);
  if (showFailures && o.status !== 'pass') console.log(`${o.status}\t${o.dir}\t${o.note}\n\t${o.message.slice(0, 400).replace(/\n/g, '\n\t')}`);
}
for (const [dir, d] of byDir) if (d.pass < d.total) console.log(`${dir.padEnd(28)} ${d.pass}/${d.total}`);
const pass = outcomes.filter((o) => o.status === 'pass').length;
const counts: Record<string, number> = {};
for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
console.log(`total ${pass}/${outcomes.length} (${((100 * pass) / outcomes.length).toFixed(1)}%) in ${ms.toFixed(0)} ms`, counts);
if (baselineOut) {
  const passing = outcomes.filter((o) => o.status === 'pass').map((o) => `${o.dir}: ${o.note}`).sort();
  writeFileSync(baselineOut, `${JSON.stringify(passing, null, 1)}\n`);
}
