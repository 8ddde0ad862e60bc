import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/guard/detect.js';

const details = (content: string) => detect({ content }, { tool: 'run_command' }, { detectors: ['command_injection'] }).map((finding) => finding.detail);

describe('command injection around escapes and compatibility forms', () => {
  const pad = (length: number) => 'a'.repeat(length);

  it('reports a hazard that reads the same in repeated stretches once, as a single stretch does', () => {
    const one = `${pad(600)} \uFF1Brm -rf x ${pad(600)}`;
    expect(details(one)).toEqual(["';' then 'rm' after Unicode normalization"]);
    expect(details(`${one}\n${one}\n${one}`)).toEqual(details(one));
    const escaped = `${pad(600)} %3Brm -rf x ${pad(600)}`;
    expect(details(escaped)).toEqual(["';' then 'rm' after 1 layer of decoding"]);
    expect(details(`${escaped}\n${escaped}`)).toEqual(details(escaped));
  });

  it('reads stretches of the same length but other text each', () => {
    const text = `${pad(600)} \uFF1Brm x ${pad(600)} \uFF1Bnc x ${pad(600)} \uFF5Cnc x ${pad(600)}`;
    expect(details(text)).toEqual([
      "';' then 'rm' after Unicode normalization",
      "';' then 'nc' after Unicode normalization",
      "'|' then 'nc' after Unicode normalization",
    ]);
  });
});
