import { describe, expect, it } from 'vitest';
import { detect } from '../../src/guard/detect.js';
import { detectorKinds } from '../../src/guard/kinds.js';
import { redact } from '../../src/guard/redact/redact-result.js';
import { scanToolDescription } from '../../src/guard/tool-description-scan.js';
import { pathologicalInputs } from '../../bench/guards/pathological-inputs.js';

/**
 * The benchmark's backtracking traps at a modest 20 KB: a pattern with
 * catastrophic backtracking would not finish here at all. How fast they run is
 * measured in bench/guards, not here.
 */
const inputs = pathologicalInputs(20_000);

describe('pathological inputs', () => {
  for (const kind of detectorKinds) {
    it.each(inputs[kind].map((input) => [input.name, input.text] as const))(`${kind} finishes on %s`, (_name, text) => {
      for (const [field, tool] of [['path', 'run_command'], ['text', 'run_command'], ['text', 'note']] as const) {
        expect(Array.isArray(detect({ [field]: text }, { tool, roots: ['/srv'] }, { detectors: [kind] }))).toBe(true);
      }
    });
  }

  it('redaction and the description scan finish on every input', () => {
    for (const text of Object.values(inputs).flat().map((i) => i.text)) {
      expect(redact({ content: [{ type: 'text', text }] }, ['secrets', 'pii']).result).toBeDefined();
      expect(Array.isArray(scanToolDescription({ name: 't', description: text }))).toBe(true);
    }
  });
});
