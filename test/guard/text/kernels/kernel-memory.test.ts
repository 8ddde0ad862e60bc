import { describe, expect, it } from 'vitest';
import { foldLookalikes } from '../../../../src/guard/text/fold.js';
import { kernel, kernelMemory, loadText } from '../../../../src/guard/text/kernels/kernel-memory.js';

describe('kernel memory', () => {
  it('gives a huge argument memory of its size, and gives it up at the next text, the tables written again', () => {
    const before = foldLookalikes('Съешь же ещё этих мягких ｆｒｅｎｃｈ булок');
    loadText(`${'ж'.repeat(20_000_000)}`);
    expect(kernelMemory(0).byteLength).toBeGreaterThan(40_000_000);
    expect(foldLookalikes('Съешь же ещё этих мягких ｆｒｅｎｃｈ булок')).toBe(before);
    expect(kernelMemory(0).byteLength).toBeLessThan(32 * 1024 * 1024);
    expect(foldLookalikes('Съешь же ещё этих мягких ｆｒｅｎｃｈ булок')).toBe(before);
  });

  it('names the kernel it does not have', () => {
    expect(() => kernel('noSuchKernel')).toThrow(/no scan kernel named noSuchKernel/);
  });
});
