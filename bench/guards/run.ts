/**
 * Guards benchmark: `node --import tsx bench/guards/run.ts`.
 * Prints medians for all detectors over 1 MiB arguments of ten shapes
 * (target < 20 ms each) and for each detector over 100 KB pathological
 * inputs (target < 50 ms), as wall-clock time and as this process's CPU time
 * (closer to the truth when other work shares the machine: the load average
 * is printed first). The 1 MiB cases are measured after 5 unmeasured calls
 * of every shape and 10 of their own, once the JIT has compiled the scans
 * for every kind of text, as in a proxy that has been running for a while;
 * the first calls take up to three times as long. Then the cost
 * per call of a call with one 1 KiB string (what every string pays), and the
 * 100 KB pathological inputs. `--only <text>` runs the 1 MiB shapes whose
 * name holds the text, and nothing else.
 */
import { cpus, loadavg } from 'node:os';
import { detect } from '../../src/guard/detect.js';
import { detectorKinds } from '../../src/guard/kinds.js';
import { measure, type Timing } from './measure.js';
import { largeArguments } from './large-arguments.js';
import { pathologicalInputs } from './pathological-inputs.js';
import { smallStringCalls } from './small-strings.js';

const show = (t: Timing, target: number) =>
  `${t.wall.toFixed(2).padStart(8)} ms wall ${t.cpu.toFixed(2).padStart(8)} ms cpu  ${Math.min(t.wall, t.cpu) < target ? 'ok' : `OVER ${target} ms`}`;

console.log(`${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
console.log(`\n1 MiB arguments, all detectors, median of 21 after 10 warm-up calls (and 5 of every shape first); write_file: the content is not a path and reaches no shell; run_command: every string reaches a shell:`);
const shapes = largeArguments(1024 * 1024).filter(({ name }) => only === undefined || name.includes(only));
const tools = ['write_file', 'run_command'];
// Each call gets a string of its own from JSON.parse, as in the proxy, made outside the clock. Its first characters number
// the call, so nothing cached for the text of one call (kept by identity or compared by content) serves the next.
let call = 0;
const argumentOf = (text: string) => JSON.parse(JSON.stringify(`${String(call++).padStart(8, '0')}${text.slice(8)}`)) as string;
// A proxy that has run for a while has compiled its scans for every kind of text: the shape measured first must not pay for the others.
for (const { text } of shapes) for (const tool of tools) for (let i = 0; i < 5; i++) detect({ path: 'notes.md', content: argumentOf(text) }, { tool });
for (const { name, text } of shapes) {
  for (const tool of tools) {
    const timing = measure((content: string) => detect({ path: 'notes.md', content }, { tool }), 21, 10, () => argumentOf(text));
    console.log(`  ${name.padEnd(38)} ${tool.padEnd(12)} ${show(timing, 20)}`);
  }
}
if (only !== undefined) process.exit(0);

const perCall = 1000;
console.log(`\n1 KiB string argument (plus its key), all detectors, µs per call (median of 11 batches of ${perCall} after 3 warm-up batches):`);
for (const { name, args, tool } of smallStringCalls(1024)) {
  const t = measure(() => { for (let i = 0; i < perCall; i++) detect(args, { tool }); }, 11, 3);
  console.log(`  ${name.padEnd(48)} ${((t.wall * 1000) / perCall).toFixed(1).padStart(8)} µs wall ${((t.cpu * 1000) / perCall).toFixed(1).padStart(8)} µs cpu`);
}

const size = 100 * 1000;
console.log(`\n100 KB pathological inputs, one detector each, median of 5, worst input per detector:`);
const inputs = pathologicalInputs(size);
for (const kind of detectorKinds) {
  let worst = { name: '', timing: { wall: 0, cpu: 0 } };
  for (const { name, text } of inputs[kind]) {
    for (const [field, tool] of [['path', 'run_command'], ['text', 'run_command'], ['text', 'note']] as const) {
      const timing = measure(() => detect({ [field]: text }, { tool, roots: ['/srv/project'] }, { detectors: [kind] }), 5, 1);
      if (Math.min(timing.wall, timing.cpu) > Math.min(worst.timing.wall, worst.timing.cpu) || worst.name === '') worst = { name: `${name} (${field}, ${tool})`, timing };
    }
  }
  console.log(`  ${kind.padEnd(18)} ${show(worst.timing, 50)}  on ${worst.name}`);
}
