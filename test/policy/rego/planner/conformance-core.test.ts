import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDirs } from '../support/conformance.js';

/**
 * OPA's core conformance cases through parser → stages → planner → IR
 * interpreter. The cases are read from ../shared/opa-conformance (never copied);
 * every case in the committed baseline must keep passing.
 */
const ROOT = new URL('../../../../../shared/opa-conformance/', import.meta.url).pathname;
const present = existsSync(`${ROOT}core-dirs.txt`);
if (!present) console.warn(`skipped: OPA conformance cases not found at ${ROOT}`);

describe.skipIf(!present)('core conformance cases through the IR interpreter', () => {
  it('keeps every baseline case passing', async () => {
    const dirs = readFileSync(`${ROOT}core-dirs.txt`, 'utf8').split('\n').filter(Boolean);
    const outcomes = await runDirs(`${ROOT}v1`, dirs);
    const baseline: string[] = JSON.parse(readFileSync(new URL('./core-baseline.json', import.meta.url), 'utf8'));
    const passing = new Map<string, number>();
    for (const o of outcomes) if (o.status === 'pass') passing.set(`${o.dir}: ${o.note}`, (passing.get(`${o.dir}: ${o.note}`) ?? 0) + 1);
    const regressions: string[] = [];
    for (const name of baseline) {
      const left = passing.get(name) ?? 0;
      if (left === 0) regressions.push(`${name}: ${outcomes.find((o) => `${o.dir}: ${o.note}` === name && o.status !== 'pass')?.message ?? ''}`);
      else passing.set(name, left - 1);
    }
    expect(regressions).toEqual([]);
    expect(outcomes.filter((o) => o.status === 'pass').length / outcomes.length).toBeGreaterThanOrEqual(0.97);
  });
});
