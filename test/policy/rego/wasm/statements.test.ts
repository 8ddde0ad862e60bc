import { describe, expect, it } from 'vitest';
import type { Stmt } from '../../../../src/policy/rego/ir.js';
import { B, IR, L, load, results, run } from './support.js';

describe('IR statements through emitWasm and the OPA SDK', () => {
  it('builds scalars, arrays, objects and sets', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [
      { op: 'makeArray', capacity: 0, target: 2 },
      { op: 'makeNull', target: 3 },
      { op: 'arrayAppend', array: 2, value: L(3) },
      { op: 'arrayAppend', array: 2, value: B(true) },
      { op: 'makeNumberInt', value: -42, target: 4 },
      { op: 'arrayAppend', array: 2, value: L(4) },
      { op: 'assignInt', value: 7, target: 4 },
      { op: 'arrayAppend', array: 2, value: L(4) },
      { op: 'makeNumberRef', index: ir.index('2.5'), target: 5 },
      { op: 'arrayAppend', array: 2, value: L(5) },
      { op: 'arrayAppend', array: 2, value: ir.s('héllo "wörld"') },
      { op: 'makeObject', target: 6 },
      { op: 'objectInsert', object: 6, key: ir.s('b'), value: L(4) },
      { op: 'objectInsert', object: 6, key: ir.s('a'), value: B(false) },
      { op: 'arrayAppend', array: 2, value: L(6) },
      { op: 'makeSet', target: 7 },
      { op: 'setAdd', set: 7, value: ir.s('z') },
      { op: 'setAdd', set: 7, value: ir.s('a') },
      { op: 'setAdd', set: 7, value: ir.s('z') },
      { op: 'arrayAppend', array: 2, value: L(7) },
    ];
    expect(await run(ir, stmts)).toEqual([[null, true, -42, 7, 2.5, 'héllo "wörld"', { a: false, b: 7 }, ['a', 'z']]]);
  });

  it('dot reads objects, arrays by integer index and sets by membership; missing is undefined', async () => {
    const ir = new IR();
    const dot = (key: Stmt & { op: 'assignVar' }): Stmt[] => [key, { op: 'dot', source: L(0), key: L(3), target: 2 }];
    const p = await load(ir.policy([
      ir.plan('obj', dot({ op: 'assignVar', source: ir.s('k'), target: 3 }), 2),
      ir.plan('arr', [{ op: 'dot', source: L(0), key: ir.s('list'), target: 4 }, { op: 'makeNumberInt', value: 1, target: 5 }, { op: 'dot', source: L(4), key: L(5), target: 2 }], 2),
      ir.plan('arrFloat', [{ op: 'dot', source: L(0), key: ir.s('list'), target: 4 }, { op: 'makeNumberRef', index: ir.index('1.5'), target: 5 }, { op: 'dot', source: L(4), key: L(5), target: 2 }], 2),
    ]));
    expect(results(p, { k: { x: 1 } }, 'obj')).toEqual([{ x: 1 }]);
    expect(results(p, { j: 1 }, 'obj')).toEqual([]);
    expect(results(p, { list: ['a', 'b'] }, 'arr')).toEqual(['b']);
    expect(results(p, { list: ['a'] }, 'arr')).toEqual([]);
    expect(results(p, { list: ['a', 'b'] }, 'arrFloat')).toEqual([]);
    expect(results(p, 'not an object', 'obj')).toEqual([]);

    const sets = new IR();
    const onSet = await run(sets, [
      { op: 'makeSet', target: 3 },
      { op: 'setAdd', set: 3, value: sets.s('member') },
      { op: 'dot', source: L(3), key: L(0), target: 2 },
    ], 'member');
    expect(onSet).toEqual(['member']);
  });

  it('len counts code points of strings and elements of collections', async () => {
    const ir = new IR();
    const p = await load(ir.policy([ir.plan('len', [{ op: 'len', source: L(0), target: 2 }], 2)]));
    expect(results(p, 'héllo 🌍')).toEqual([7]);
    expect(results(p, [1, 2, 3])).toEqual([3]);
    expect(results(p, { a: 1, b: 2 })).toEqual([2]);
    expect(results(p, 12)).toEqual([]);
  });

  it('scans arrays by index, objects and sets in key order, and nothing else', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [
      { op: 'makeArray', capacity: 4, target: 2 },
      {
        op: 'scan', source: 0, key: 3, value: 4, block: {
          stmts: [
            { op: 'makeArray', capacity: 2, target: 5 },
            { op: 'arrayAppend', array: 5, value: L(3) },
            { op: 'arrayAppend', array: 5, value: L(4) },
            { op: 'arrayAppend', array: 2, value: L(5) },
          ],
        },
      },
    ];
    const p = await load(ir.policy([ir.plan('scan', stmts, 2)]));
    expect(results(p, ['x', 'y'])).toEqual([[[0, 'x'], [1, 'y']]]);
    expect(results(p, { zeta: 1, alpha: 2, mid: 3 })).toEqual([[['alpha', 2], ['mid', 3], ['zeta', 1]]]);
    expect(results(p, 'abc')).toEqual([[]]);
    expect(results(p, 5)).toEqual([[]]);

    const setIr = new IR();
    const overSet = await run(setIr, [
      { op: 'makeSet', target: 3 },
      { op: 'scan', source: 0, key: 4, value: 5, block: { stmts: [{ op: 'setAdd', set: 3, value: L(5) }] } },
      { op: 'makeArray', capacity: 0, target: 2 },
      { op: 'scan', source: 3, key: 4, value: 5, block: { stmts: [{ op: 'equal', a: L(4), b: L(5) }, { op: 'arrayAppend', array: 2, value: L(4) }] } },
    ], [3, 'b', 1, 'a', 3, null]);
    expect(overSet).toEqual([[null, 1, 3, 'a', 'b']]);
  });

  it('a failing statement ends only its own block; block runs its blocks in turn', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [
      { op: 'makeArray', capacity: 0, target: 2 },
      {
        op: 'block', blocks: [
          { stmts: [{ op: 'arrayAppend', array: 2, value: ir.s('first') }, { op: 'equal', a: B(true), b: B(false) }, { op: 'arrayAppend', array: 2, value: ir.s('never') }] },
          { stmts: [{ op: 'arrayAppend', array: 2, value: ir.s('second') }] },
        ],
      },
      { op: 'arrayAppend', array: 2, value: ir.s('after') },
    ];
    expect(await run(ir, stmts)).toEqual([['first', 'second', 'after']]);
  });

  it('not succeeds when its block fails and fails when its block runs to the end', async () => {
    const ir = new IR();
    const notOf = (inner: Stmt[]): Stmt[] => [{ op: 'assignVar', source: B(false), target: 2 }, { op: 'not', block: { stmts: inner } }, { op: 'assignVar', source: B(true), target: 2 }];
    expect(await run(ir, notOf([{ op: 'equal', a: L(0), b: ir.s('x') }]), 'y')).toEqual([true]);
    expect(await run(ir, notOf([{ op: 'equal', a: L(0), b: ir.s('x') }]), 'x')).toEqual([]);
    expect(await run(ir, notOf([{ op: 'break', index: 0 }, { op: 'nop' }]), 'x')).toEqual([true]);
  });

  it('break N leaves N+1 blocks: from a scan body it stops the scan and the block holding it', async () => {
    const ir = new IR();
    // first element equal to "stop": break 1 leaves the scan body and the block around the scan
    const stmts: Stmt[] = [
      { op: 'makeArray', capacity: 0, target: 2 },
      {
        op: 'block', blocks: [{
          stmts: [
            { op: 'scan', source: 0, key: 3, value: 4, block: { stmts: [
              { op: 'arrayAppend', array: 2, value: L(4) },
              { op: 'block', blocks: [{ stmts: [{ op: 'notEqual', a: L(4), b: ir.s('stop') }, { op: 'break', index: 1 }] }] },
              { op: 'break', index: 1 },
            ] } },
            { op: 'arrayAppend', array: 2, value: ir.s('not reached') },
          ],
        }],
      },
      { op: 'arrayAppend', array: 2, value: ir.s('end') },
    ];
    expect(await run(ir, stmts, ['a', 'b', 'stop', 'c'])).toEqual([['a', 'b', 'stop', 'end']]);
  });

  it('compares numbers by value (1 == 1.0) and collections by content', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [
      { op: 'makeNumberInt', value: 1, target: 3 },
      { op: 'makeNumberRef', index: ir.index('1.0'), target: 4 },
      { op: 'equal', a: L(3), b: L(4) },
      { op: 'makeNumberRef', index: ir.index('1e0'), target: 5 },
      { op: 'equal', a: L(5), b: L(4) },
      { op: 'dot', source: L(0), key: ir.s('a'), target: 6 },
      { op: 'dot', source: L(0), key: ir.s('b'), target: 7 },
      { op: 'equal', a: L(6), b: L(7) },
      { op: 'notEqual', a: L(6), b: L(3) },
      { op: 'assignVar', source: B(true), target: 2 },
    ];
    expect(await run(ir, stmts, { a: { x: [1, { y: 2 }], z: 3 }, b: { z: 3, x: [1, { y: 2 }] } })).toEqual([true]);
    expect(await run(ir, stmts, { a: { x: [1] }, b: { x: [1, 2] } })).toEqual([]);
  });

  it('type tests and definedness tests', async () => {
    const ir = new IR();
    const p = await load(ir.policy([
      ir.plan('array', [{ op: 'isArray', source: L(0) }, { op: 'assignVar', source: B(true), target: 2 }], 2),
      ir.plan('object', [{ op: 'isObject', source: L(0) }, { op: 'assignVar', source: B(true), target: 2 }], 2),
      ir.plan('set', [{ op: 'makeSet', target: 3 }, { op: 'isSet', source: L(3) }, { op: 'isSet', source: L(0) }, { op: 'assignVar', source: B(true), target: 2 }], 2),
      ir.plan('defined', [{ op: 'dot', source: L(0), key: ir.s('a'), target: 3 }, { op: 'isDefined', source: 3 }, { op: 'assignVar', source: B(true), target: 2 }], 2),
      ir.plan('undefined', [{ op: 'isUndefined', source: 3 }, { op: 'isArray', source: L(3) }, { op: 'assignVar', source: B(true), target: 2 }], 2),
      ir.plan('constant', [{ op: 'isObject', source: ir.s('{}') }, { op: 'assignVar', source: B(true), target: 2 }], 2),
    ]));
    expect(results(p, [1], 'array')).toEqual([true]);
    expect(results(p, { a: 1 }, 'array')).toEqual([]);
    expect(results(p, { a: 1 }, 'object')).toEqual([true]);
    expect(results(p, [], 'object')).toEqual([]);
    expect(results(p, [], 'set')).toEqual([]);
    expect(results(p, { a: null }, 'defined')).toEqual([true]);
    expect(results(p, { b: 1 }, 'defined')).toEqual([]);
    expect(results(p, {}, 'undefined')).toEqual([]);
    expect(results(p, {}, 'constant')).toEqual([]);
  });

  it('assignVarOnce keeps one value and reports conflicting complete rules', async () => {
    const ir = new IR();
    const once = (a: string, b: string): Stmt[] => [
      { op: 'assignVarOnce', source: ir.s(a), target: 2 },
      { op: 'assignVarOnce', source: ir.s(b), target: 2 },
    ];
    expect(await run(ir, once('x', 'x'))).toEqual(['x']);
    await expect(run(ir, once('x', 'y'))).rejects.toThrow('eval_conflict_error: complete rules must not produce multiple outputs');
  });

  it('objectInsertOnce reports conflicting keys; objectInsert replaces', async () => {
    const ir = new IR();
    const insert = (op: 'objectInsert' | 'objectInsertOnce', second: string): Stmt[] => [
      { op: 'makeObject', target: 2 },
      { op, object: 2, key: ir.s('k'), value: ir.s('v') },
      { op, object: 2, key: ir.s('k'), value: ir.s(second) },
    ];
    expect(await run(ir, insert('objectInsertOnce', 'v'))).toEqual([{ k: 'v' }]);
    expect(await run(ir, insert('objectInsert', 'w'))).toEqual([{ k: 'w' }]);
    await expect(run(ir, insert('objectInsertOnce', 'w'))).rejects.toThrow('eval_conflict_error: object keys must be unique');
  });

  it('objectMerge merges nested objects, the first operand winning on leaves', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [
      { op: 'dot', source: L(0), key: ir.s('a'), target: 3 },
      { op: 'dot', source: L(0), key: ir.s('b'), target: 4 },
      { op: 'objectMerge', a: 3, b: 4, target: 2 },
    ];
    const input = { a: { x: 1, n: { p: 1 } }, b: { x: 2, y: 3, n: { q: 2 } } };
    expect(await run(ir, stmts, input)).toEqual([{ x: 1, y: 3, n: { p: 1, q: 2 } }]);
    expect(input.a).toEqual({ x: 1, n: { p: 1 } });
  });

  it('with replaces a path of input or data inside its block and restores it after', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [
      { op: 'makeArray', capacity: 0, target: 2 },
      {
        op: 'with', local: 0, path: [ir.index('a'), ir.index('b')], value: ir.s('mocked'), block: { stmts: [
          { op: 'arrayAppend', array: 2, value: L(0) },
        ] },
      },
      { op: 'with', local: 1, path: [], value: ir.s('whole data'), block: { stmts: [{ op: 'arrayAppend', array: 2, value: L(1) }] } },
      { op: 'arrayAppend', array: 2, value: L(0) },
      { op: 'arrayAppend', array: 2, value: L(1) },
    ];
    expect(await run(ir, stmts, { a: { b: 1, c: 2 }, d: 3 }, { data: { base: true } })).toEqual([
      [{ a: { b: 'mocked', c: 2 }, d: 3 }, 'whole data', { a: { b: 1, c: 2 }, d: 3 }, { base: true }],
    ]);
    expect(await run(ir, stmts, 'a string', { data: {} })).toEqual([[{ a: { b: 'mocked' } }, 'whole data', 'a string', {}]]);
  });

  it('a break out of a with block restores the replaced local', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [
      { op: 'block', blocks: [{ stmts: [
        { op: 'with', local: 0, path: [], value: ir.s('inside'), block: { stmts: [{ op: 'break', index: 1 }] } },
      ] }] },
      { op: 'assignVar', source: L(0), target: 2 },
    ];
    expect(await run(ir, stmts, 'outside')).toEqual(['outside']);
  });

  it('resultSetAdd collects distinct results; a plan may add none', async () => {
    const ir = new IR();
    const plan = {
      name: 'many',
      blocks: [{ stmts: [{ op: 'scan', source: 0, key: 2, value: 3, block: { stmts: [{ op: 'resultSetAdd', value: 3 }] } } as Stmt] }],
    };
    const p = await load(ir.policy([plan]));
    expect(p.evaluate([{ r: 2 }, { r: 1 }, { r: 2 }])).toEqual([{ r: 1 }, { r: 2 }]);
    expect(p.evaluate([])).toEqual([]);
  });

  it('error statements abort with their message and location', async () => {
    const ir = new IR();
    const stmts: Stmt[] = [{ op: 'error', message: ir.index('eval_type_error: something went wrong'), file: 0, row: 3, col: 5 }];
    await expect(run(ir, stmts)).rejects.toThrow('policy.rego:3: eval_type_error: something went wrong');
  });

  it('resetLocal makes a local undefined', async () => {
    const ir = new IR();
    expect(await run(ir, [{ op: 'assignVar', source: B(true), target: 2 }, { op: 'resetLocal', target: 2 }, { op: 'isUndefined', source: 2 }])).toEqual([]);
  });

  it('selects plans by entrypoint name or id and rejects unknown ids', async () => {
    const ir = new IR();
    const p = await load(ir.policy([
      ir.plan('a/first', [{ op: 'assignVar', source: ir.s('one'), target: 2 }], 2),
      ir.plan('b/second', [{ op: 'assignVar', source: ir.s('two'), target: 2 }], 2),
    ]));
    expect(p.entrypoints).toEqual({ 'a/first': 0, 'b/second': 1 });
    expect(results(p, undefined, 'b/second')).toEqual(['two']);
    expect(results(p, undefined, 0)).toEqual(['one']);
    expect(() => p.evaluate(undefined, 7)).toThrow('invalid entrypoint id');
  });
});
