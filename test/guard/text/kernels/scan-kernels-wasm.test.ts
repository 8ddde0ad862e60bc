import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types
import { generatedPath, scanKernelsSource } from '../../../../scripts/scan-kernels.mjs';

describe('generated scan kernels', () => {
  it('are what scan-kernels.as.ts compiles to now (run `npm run generate:kernels` after editing it)', async () => {
    expect(readFileSync(generatedPath, 'utf8')).toBe(await scanKernelsSource());
  }, 60_000);
});
