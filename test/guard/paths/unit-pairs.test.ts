import { describe, expect, it } from 'vitest';
import { unitPairs } from '../../../src/guard/paths/unit-pairs.js';

describe('code units read two at a time', () => {
  it('are the same memory as the units when they are aligned', () => {
    const units = new Uint16Array([1, 2, 3, 4, 5]);
    const [same, pairs] = unitPairs(units);
    expect(same).toBe(units);
    expect(pairs.length).toBe(2);
    expect(pairs.buffer).toBe(units.buffer);
  });

  it('are read from a copy when the units start between two 32-bit words', () => {
    const units = new Uint16Array(new ArrayBuffer(12), 2, 5);
    units.set([10, 20, 30, 40, 50]);
    const [copy, pairs] = unitPairs(units);
    expect([...copy]).toEqual([10, 20, 30, 40, 50]);
    expect(copy.byteOffset % 4).toBe(0);
    expect([...pairs].map((pair) => [pair & 0xffff, pair >>> 16].sort((a, b) => a - b))).toEqual([
      [10, 20],
      [30, 40],
    ]);
  });

  it('hold nothing for no units or one', () => {
    expect(unitPairs(new Uint16Array(0))[1].length).toBe(0);
    expect(unitPairs(new Uint16Array([7]))[1].length).toBe(0);
  });
});
