/**
 * Guards benchmark: `node --import tsx bench/guards/run.ts`.
 * Prints medians for all detectors over a 1 MiB argument (target < 20 ms) and
 * for each detector over 100 KB pathological inputs (target < 50 ms).
 */
import { detect } from '../../src/guard/detect.js';
import { detectorKinds } from '../../src/guard/kinds.js';
import { medianMs } from './measure.js';
import { pathologicalInputs } from './pathological-inputs.js';
import { realisticText } from './realistic-text.js';

const mib = 1024 * 1024;
const big = realisticText(mib);
console.log(`1 MiB argument (${big.length} chars of README prose and TypeScript declarations), all detectors, median of 15:`);
for (const [label, tool] of [
  ['write_file (content is not a path, no shell)', 'write_file'],
  ['run_command (every string reaches a shell)', 'run_command'],
] as const) {
  const ms = medianMs(() => detect({ path: 'notes.md', content: big }, { tool }), 15);
  console.log(`  ${label.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms  ${ms < 20 ? 'ok' : 'OVER 20 ms'}`);
}

const size = 100 * 1000;
console.log(`\n100 KB pathological inputs, one detector each, median of 5 (worst input per detector shown last):`);
const inputs = pathologicalInputs(size);
for (const kind of detectorKinds) {
  let worst = { name: '', ms: 0 };
  for (const { name, text } of inputs[kind]) {
    for (const [field, tool] of [['path', 'run_command'], ['text', 'note']] as const) {
      const ms = medianMs(() => detect({ [field]: text }, { tool, roots: ['/srv/project'] }, { detectors: [kind] }), 5, 1);
      if (ms > worst.ms) worst = { name: `${name} (${field}, ${tool})`, ms };
    }
  }
  console.log(`  ${kind.padEnd(18)} worst ${worst.ms.toFixed(2).padStart(8)} ms on ${worst.name}  ${worst.ms < 50 ? 'ok' : 'OVER 50 ms'}`);
}
