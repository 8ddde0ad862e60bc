import { describe, expect, it } from 'vitest';
import { foldLookalikes } from '../../../../src/guard/text/fold.js';
import { kernel, kernelMemory, loadText } from '../../../../src/guard/text/kernels/kernel-memory.js';

describe('kernel memory', () => {
  it('gives a huge argument memory of its size, and gives it up at the next long text, the tables written again', () => {
    const text = 'Съешь же ещё этих мягких ｆｒｅｎｃｈ булок '.repeat(1000);
    const before = foldLookalikes(text);
    loadText(`${'ж'.repeat(20_000_000)}`);
    expect(kernelMemory(0).byteLength).toBeGreaterThan(40_000_000);
    expect(foldLookalikes(text)).toBe(before);
    expect(kernelMemory(0).byteLength).toBeLessThan(32 * 1024 * 1024);
    expect(foldLookalikes(text)).toBe(before);
  });

  it('keeps the long text loaded while short ones come and go', () => {
    const long = 'long text '.repeat(5000);
    const short = 'short text';
    const longAddress = loadText(long);
    const shortAddress = loadText(short);
    expect(loadText(long)).toBe(longAddress);
    expect(Buffer.from(kernelMemory(0), longAddress, 20).toString('utf16le')).toBe('long text ');
    expect(Buffer.from(kernelMemory(0), shortAddress, 20).toString('utf16le')).toBe('short text');
  });

  it('names the kernel it does not have', () => {
    expect(() => kernel('noSuchKernel')).toThrow(/no scan kernel named noSuchKernel/);
  });
});
