import { describe, expect, it } from 'vitest';
import type { Func, Stmt } from '../../../../src/policy/rego/ir.js';
import { emitWasm } from '../../../../src/policy/rego/wasm/index.js';
import { B, IR, L, load, results } from './support.js';

/** A host builtin that counts its calls, to observe memoization. */
function counter(): { calls: number; impl: (x: unknown) => unknown } {
  const c = { calls: 0, impl: (x: unknown) => (c.calls++, x) };
  return c;
}

describe('planned functions', () => {
  it('calls functions with arguments and returns their return local', async () => {
    const ir = new IR();
    const twice: Func = {
      name: 'g0.data.test.twice', path: ['g0', 'data', 'test', 'twice'], params: [0, 1, 2], return: 3,
      blocks: [{ stmts: [{ op: 'call', func: 'plus', args: [L(2), L(2)], result: 3 }] }],
    };
    const plan = ir.plan('test/p', [{ op: 'call', func: twice.name, args: [L(0), L(1), L(0)], result: 2 }], 2);
    const p = await load(ir.policy([plan], [twice]));
    expect(results(p, 21)).toEqual([42]);
    expect(results(p, 'x')).toEqual([]);
  });

  it('a function may be called with an undefined input', async () => {
    const ir = new IR();
    const f: Func = { name: 'f', path: ['g0', 'f'], params: [0, 1], return: 2, blocks: [{ stmts: [{ op: 'assignVar', source: ir.s('ok'), target: 2 }] }] };
    const p = await load(ir.policy([ir.plan('test/p', [{ op: 'call', func: 'f', args: [L(0), L(1)], result: 2 }], 2)], [f]));
    expect(results(p)).toEqual(['ok']);
  });

  it('conflicting outputs of a function with arguments name functions', async () => {
    const ir = new IR();
    const f: Func = {
      name: 'f', path: ['g0', 'f'], params: [0, 1, 2], return: 3,
      blocks: [{ stmts: [
        { op: 'scan', source: 2, key: 4, value: 5, block: { stmts: [{ op: 'assignVarOnce', source: L(5), target: 3 }] } },
      ] }],
    };
    const p = await load(ir.policy([ir.plan('test/p', [{ op: 'call', func: 'f', args: [L(0), L(1), L(0)], result: 2 }], 2)], [f]));
    expect(results(p, ['same', 'same'])).toEqual(['same']);
    expect(() => p.evaluate(['a', 'b'])).toThrow('eval_conflict_error: functions must not produce multiple outputs for same inputs');
  });

  it('memoizes rules once per evaluation, not across evaluations and not under with', async () => {
    const ir = new IR();
    ir.builtins.push('test.count');
    const rule: Func = {
      name: 'rule', path: ['g0', 'data', 'rule'], params: [0, 1], return: 2, memoize: true,
      blocks: [{ stmts: [{ op: 'call', func: 'test.count', args: [L(0)], result: 2 }] }],
    };
    const call = (target: number): Stmt => ({ op: 'call', func: 'rule', args: [L(0), L(1)], result: target });
    const plan = ir.plan('test/p', [
      { op: 'makeArray', capacity: 0, target: 2 },
      call(3), { op: 'arrayAppend', array: 2, value: L(3) },
      call(3), { op: 'arrayAppend', array: 2, value: L(3) },
      { op: 'with', local: 0, path: [], value: ir.s('mocked'), block: { stmts: [call(3), { op: 'arrayAppend', array: 2, value: L(3) }] } },
      call(3), { op: 'arrayAppend', array: 2, value: L(3) },
    ], 2);
    const c = counter();
    const p = await load(ir.policy([plan], [rule]), { builtins: { 'test.count': c.impl } });
    expect(results(p, 'in')).toEqual([['in', 'in', 'mocked', 'in']]);
    expect(c.calls).toBe(2);
    expect(results(p, 'again')).toEqual([['again', 'again', 'mocked', 'again']]);
    expect(c.calls).toBe(4);
  });

  it('memoizes an undefined rule result too', async () => {
    const ir = new IR();
    ir.builtins.push('test.count');
    const rule: Func = {
      name: 'rule', path: ['g0', 'data', 'rule'], params: [0, 1], return: 2, memoize: true,
      blocks: [{ stmts: [{ op: 'call', func: 'test.count', args: [L(0)], result: 3 }, { op: 'equal', a: L(3), b: ir.s('never') }, { op: 'assignVar', source: B(true), target: 2 }] }],
    };
    const plan = ir.plan('test/p', [
      { op: 'block', blocks: [{ stmts: [{ op: 'call', func: 'rule', args: [L(0), L(1)], result: 3 }] }, { stmts: [{ op: 'call', func: 'rule', args: [L(0), L(1)], result: 3 }] }] },
      { op: 'assignVar', source: ir.s('done'), target: 2 },
    ], 2);
    const c = counter();
    const p = await load(ir.policy([plan], [rule]), { builtins: { 'test.count': c.impl } });
    expect(results(p, 'x')).toEqual(['done']);
    expect(c.calls).toBe(1);
  });

  it('a return from inside a with block ends the with for memoization', async () => {
    const ir = new IR();
    ir.builtins.push('test.count');
    const rule: Func = {
      name: 'rule', path: ['g0', 'data', 'rule'], params: [0, 1], return: 2, memoize: true,
      blocks: [{ stmts: [{ op: 'call', func: 'test.count', args: [L(0)], result: 2 }] }],
    };
    const early: Func = {
      name: 'early', path: ['g0', 'data', 'early'], params: [0, 1, 2], return: 3,
      blocks: [{ stmts: [{ op: 'with', local: 0, path: [], value: L(2), block: { stmts: [{ op: 'assignVar', source: L(0), target: 3 }, { op: 'return', local: 3 }] } }] }],
    };
    const plan = ir.plan('test/p', [
      { op: 'call', func: 'early', args: [L(0), L(1), L(0)], result: 3 },
      { op: 'call', func: 'rule', args: [L(0), L(1)], result: 3 },
      { op: 'call', func: 'rule', args: [L(0), L(1)], result: 2 },
    ], 2);
    const c = counter();
    const p = await load(ir.policy([plan], [rule, early]), { builtins: { 'test.count': c.impl } });
    expect(results(p, 'x')).toEqual(['x']);
    expect(c.calls).toBe(1);
  });

  it('dispatches dynamic calls on the run-time path, undefined when no function matches', async () => {
    const ir = new IR();
    const f = (name: string, value: string): Func => ({
      name, path: ['g0', 'data', 'pkg', name], params: [0, 1, 2], return: 3,
      blocks: [{ stmts: [{ op: 'makeArray', capacity: 2, target: 3 }, { op: 'arrayAppend', array: 3, value: ir.s(value) }, { op: 'arrayAppend', array: 3, value: L(2) }] }],
    });
    const plan = ir.plan('test/p', [
      { op: 'dot', source: L(0), key: ir.s('name'), target: 3 },
      { op: 'callDynamic', path: [ir.s('g0'), ir.s('data'), ir.s('pkg'), L(3)], args: [0, 1, 0], result: 2 },
    ], 2);
    const p = await load(ir.policy([plan], [f('a', 'from a'), f('b', 'from b')]));
    expect(results(p, { name: 'b' })).toEqual([['from b', { name: 'b' }]]);
    expect(results(p, { name: 'a' })).toEqual([['from a', { name: 'a' }]]);
    expect(results(p, { name: 'c' })).toEqual([]);
    expect(results(p, { name: 1 })).toEqual([]);
  });

  it('refuses IR that calls a function with the wrong number of arguments', () => {
    const ir = new IR();
    const f: Func = { name: 'f', path: ['g0', 'f'], params: [0, 1], return: 2, blocks: [] };
    expect(() => emitWasm(ir.policy([ir.plan('p', [{ op: 'call', func: 'f', args: [L(0)], result: 2 }], 2)], [f]))).toThrow(
      'IR calls f with 1 arguments; it takes 2',
    );
  });
});
