import { describe, expect, it } from 'vitest';
import { evalOne, evalRego } from '../support/eval.js';

const pkg = (body: string): string => `package test\n\n${body}\n`;

describe('unification', () => {
  it('binds vars on either side, inside arrays and objects', () => {
    expect(evalOne(pkg('p := [a, b] if [a, 2] = [1, b]'), 'test/p')).toEqual([1, 2]);
    expect(evalOne(pkg('p := v if {"k": v} = input.o'), 'test/p', { input: { o: { k: 'x' } } })).toBe('x');
    expect(evalOne(pkg('p := x if input.pair = [_, x]'), 'test/p', { input: { pair: ['a', 'b'] } })).toBe('b');
  });

  it('binds through pairs in whichever order makes them safe', () => {
    expect(evalOne(pkg('p := [x, y] if [x, y] = [y, 1]'), 'test/p')).toEqual([1, 1]);
    expect(evalOne(pkg('p := [a, b] if {"k": [a, 2], "j": b} = {"j": a, "k": [3, 2]}'), 'test/p')).toEqual([3, 3]);
  });

  it('fails on a shape mismatch instead of binding', () => {
    expect(evalRego(pkg('p if [a, b] = input.xs'), 'test/p', { input: { xs: [1, 2, 3] } })).toEqual([]);
    expect(evalRego(pkg('p if {"k": v} = input.o'), 'test/p', { input: { o: { k: 1, j: 2 } } })).toEqual([]);
  });

  it('compares when both sides are bound, with Rego number equality', () => {
    expect(evalOne(pkg('p if 1 == 1.0'), 'test/p')).toBe(true);
    expect(evalRego(pkg('p if { x := 1; x = 2 }'), 'test/p')).toEqual([]);
  });
});

describe('iteration', () => {
  it('iterates refs with vars at any position', () => {
    const data = { a: [{ b: [1, 2] }, { b: [3] }] };
    expect(evalOne(pkg('p contains [x, y, v] if data.a[x].b[y] = v'), 'test/p', { data })).toEqual([
      [0, 0, 1],
      [0, 1, 2],
      [1, 0, 3],
    ]);
  });

  it('joins two refs on a shared var', () => {
    const input = { xs: ['a', 'b'], ys: { a: 1, c: 3 } };
    expect(evalOne(pkg('p contains k if { input.xs[_] = k; input.ys[k] }'), 'test/p', { input })).toEqual(['a']);
  });

  it('supports some k, v in with patterns', () => {
    expect(evalOne(pkg('p contains k if some k, [_, 2] in input.m'), 'test/p', { input: { m: { a: [1, 2], b: [1, 3] } } })).toEqual(['a']);
  });

  it('reorders expressions so vars are bound before use', () => {
    expect(evalOne(pkg('p := y if { y == x + 1; x := input.n; y := x + 1 }'), 'test/p', { input: { n: 1 } })).toBe(2);
  });
});

describe('negation and every', () => {
  it('not succeeds only when no solution exists, also through iteration', () => {
    const src = pkg('p if not bad\nbad if { some x in input.xs; x < 0 }');
    expect(evalOne(src, 'test/p', { input: { xs: [1, 2] } })).toBe(true);
    expect(evalRego(src, 'test/p', { input: { xs: [1, -2] } })).toEqual([]);
    expect(evalOne(pkg('p if not input.xs[_] == 3'), 'test/p', { input: { xs: [1, 2] } })).toBe(true);
  });

  it('every holds for all elements, for empty domains, and fails on non-collections', () => {
    const src = pkg('default p := false\np if every x in input.xs { x > 0 }');
    expect(evalOne(src, 'test/p', { input: { xs: [1, 2] } })).toBe(true);
    expect(evalOne(src, 'test/p', { input: { xs: [1, -2] } })).toBe(false);
    expect(evalOne(src, 'test/p', { input: { xs: [] } })).toBe(true);
    expect(evalOne(src, 'test/p', { input: { xs: 7 } })).toBe(false);
  });

  it('every sees outer vars and keeps its own scope', () => {
    const src = pkg('p if { lim := 3; every k, v in input.xs { v < lim; k >= 0 }; v := "outer"; v == "outer" }');
    expect(evalOne(src, 'test/p', { input: { xs: [1, 2] } })).toBe(true);
  });
});

describe('comprehensions', () => {
  it('builds arrays, sets and objects with closures over outer vars', () => {
    const src = pkg(
      'p := [a, s, o] if {\n  n := 2\n  a := [y | x := input.xs[_]; y := x * n]\n  s := {x | x := input.xs[_]; x > 1}\n  o := {k: v | v := input.m[k]}\n}',
    );
    expect(evalOne(src, 'test/p', { input: { xs: [1, 2, 2], m: { a: 1 } } })).toEqual([[2, 4, 4], [2], { a: 1 }]);
  });

  it('keeps vars bound inside a comprehension local to it', () => {
    const src = pkg('p := x if {\n  y := {x | some x in [1, 2]}\n  x := count(y)\n}');
    expect(evalOne(src, 'test/p')).toBe(2);
  });

  it('rejects conflicting object comprehension keys', () => {
    expect(() => evalOne(pkg('p := {"k": x | some x in [1, 2]}'), 'test/p')).toThrow('object keys must be unique');
  });
});

describe('calls', () => {
  it('rewrites nested calls in any term position', () => {
    expect(evalOne(pkg('p := {"n": count([1, count([1, 2])])} if count(input.xs) > abs(-1)'), 'test/p', { input: { xs: [1, 2] } })).toEqual({
      n: 2,
    });
  });

  it('plans walk as a relation with one solution per node', () => {
    const src = pkg('p contains path if walk(input, [path, "x"])');
    expect(evalOne(src, 'test/p', { input: { a: ['x', { b: 'x' }] } })).toEqual([
      ['a', 0],
      ['a', 1, 'b'],
    ]);
  });

  it('drops print calls', () => {
    expect(evalOne(pkg('p if { print("debug", input.missing); true }'), 'test/p')).toBe(true);
  });
});

describe('with', () => {
  it('replaces input and data for one expression only', () => {
    const src = pkg('q := input.x\np := [a, b] if { a := q with input.x as 1; b := q }');
    expect(evalOne(src, 'test/p', { input: { x: 2 } })).toEqual([1, 2]);
    const d = pkg('q := data.cfg.v\np := [a, b] if { a := q with data.cfg.v as "mock"; b := q }');
    expect(evalOne(d, 'test/p', { data: { cfg: { v: 'real' } } })).toEqual(['mock', 'real']);
  });

  it('replaces a rule (virtual document) and a whole package', () => {
    const src = ['package lib\n\nr := 1\ns := r + 1\n', 'package test\n\np := [a, b, c] if {\n  a := data.lib.s with data.lib.r as 10\n  b := data.lib with data.lib as {"x": 1}\n  c := data.lib.s\n}\n'];
    expect(evalOne(src, 'test/p')).toEqual([11, { x: 1 }, 2]);
  });

  it('replaces functions and builtins with functions, builtins and values', () => {
    const src = pkg(
      [
        'f(x) := x + 1',
        'g(x) := x * 10',
        'c(_) := 42',
        'uses_f := f(1)',
        'p := [a, b, c1, d, e] if {',
        '  a := uses_f with f as g',
        '  b := count([1, 2]) with count as c',
        '  c1 := count([1, 2]) with count as 7',
        '  d := f(1) with f as abs',
        '  v := 5',
        '  e := f(1) with f as v',
        '}',
      ].join('\n'),
    );
    expect(evalOne(src, 'test/p')).toEqual([10, 42, 7, 1, 5]);
  });

  it('lets a replacement call what it replaces', () => {
    const src = pkg('mycount(x) := count(x) + 100\np := n if n := count([1]) with count as mycount');
    expect(evalOne(src, 'test/p')).toBe(101);
  });
});
