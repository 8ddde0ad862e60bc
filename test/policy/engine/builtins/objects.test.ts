import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

describe('object builtins', () => {
  it('filters, removes and lists keys', () => {
    expect(b['object.filter']({ a: 1, b: 2, c: 3 }, ['a', 'c', 'z'])).toEqual({ a: 1, c: 3 });
    expect(b['object.filter']({ a: 1, b: 2 }, { b: 'ignored' })).toEqual({ b: 2 });
    expect(b['object.remove']({ a: 1, b: 2 }, ['a'])).toEqual({ b: 2 });
    expect(b['object.keys']({ a: 1, b: 2 })).toEqual(['a', 'b']);
    expect(() => b['object.remove']({}, 'a')).toThrow('object.remove: operand 2 must be one of {object, set, array} but got string');
    expect(() => b['object.keys']('a')).toThrow('object.keys: operand 1 must be object but got string');
  });

  it('unions recursively, the right-hand side winning', () => {
    expect(b['object.union']({ a: { x: 1, y: 1 }, b: 1 }, { a: { y: 2 }, b: { z: 1 } })).toEqual({ a: { x: 1, y: 2 }, b: { z: 1 } });
    expect(b['object.union_n']([{ a: 1 }, { a: 2, b: 1 }, {}])).toEqual({ a: 2, b: 1 });
    expect(b['object.union_n']([])).toEqual({});
    expect(() => b['object.union_n']([{}, 1])).toThrow('operand 1 must be array of objects but got array containing number');
    expect(() => b['object.union']([], {})).toThrow('object.union: operand 1 must be object but got array');
  });

  it('checks subsets of objects recursively and arrays as contiguous runs', () => {
    expect(b['object.subset']({ a: 1, c: { x: 1, y: 2 } }, { c: { y: 2 } })).toBe(true);
    expect(b['object.subset']({ a: 1 }, { a: 2 })).toBe(false);
    expect(b['object.subset']([1, 2, 3, 4], [2, 3])).toBe(true);
    expect(b['object.subset']([1, 2, 3, 4], [1, 3])).toBe(false);
    expect(b['object.subset']({}, [])).toBe(false);
  });

  it('flattens nested arrays', () => {
    expect(b['array.flatten']([1, [2, [3, []]], 'x'])).toEqual([1, 2, 3, 'x']);
    expect(() => b['array.flatten']({})).toThrow('array.flatten: operand 1 must be array but got object');
  });
});

describe('graph builtins', () => {
  const graph = { a: ['b'], b: ['c'], c: ['a'], d: null, e: ['missing'] };

  it('reaches nodes present in the graph, through cycles', () => {
    expect((b['graph.reachable'](graph, ['a']) as string[]).sort()).toEqual(['a', 'b', 'c']);
    expect(b['graph.reachable'](graph, ['zzz'])).toEqual([]);
    expect(b['graph.reachable'](graph, ['d'])).toEqual(['d']);
    expect(b['graph.reachable'](graph, ['e'])).toEqual(['e']);
  });

  it('lists maximal paths, walking shared subgraphs once', () => {
    expect(b['graph.reachable_paths'](graph, ['a'])).toEqual([['a', 'b', 'c']]);
    expect(b['graph.reachable_paths']({ a: ['b', 'c'], b: ['c'], c: [] }, ['a'])).toEqual([['a', 'b', 'c'], ['a', 'c']]);
  });

  it('rejects malformed graphs', () => {
    expect(() => b['graph.reachable'](1, ['a'])).toThrow('eval_type_error: graph.reachable: operand 1 must be object but got number');
    expect(() => b['graph.reachable']({ a: [] }, 'a')).toThrow('eval_type_error');
    expect(() => b['graph.reachable']({ a: 1 }, ['a'])).toThrow('operand 1 must be object of arrays or sets');
  });
});
