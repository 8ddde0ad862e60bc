import { describe, expect, it } from 'vitest';
import { resultsEqual, resultSetsEqual, sortBindings } from '../../../src/policy/conformance/compare.js';

describe('comparing conformance results', () => {
  it('compares numbers by value and objects by content', () => {
    expect(resultsEqual({ a: [1, { b: 2 }] }, { a: [1.0, { b: 2 }] })).toBe(true);
    expect(resultsEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(resultsEqual([1, 2], [2, 1])).toBe(false);
    expect(resultsEqual(null, {})).toBe(false);
  });

  it('compares result sets in any order, counting duplicates', () => {
    expect(resultSetsEqual([{ x: 1 }, { x: 2 }], [{ x: 2 }, { x: 1 }])).toBe(true);
    expect(resultSetsEqual([{ x: 1 }, { x: 1 }], [{ x: 1 }, { x: 2 }])).toBe(false);
    expect(resultSetsEqual([], [{ x: 1 }])).toBe(false);
  });

  it('sorts array bindings for sort_bindings cases', () => {
    expect(sortBindings([{ x: ['b', 'a', 1] }])).toEqual([{ x: ['a', 'b', 1] }]);
  });
});
