import { describe, expect, it } from 'vitest';
import type { Operand, Stmt } from '../../../../src/policy/rego/ir.js';
import { emitWasm } from '../../../../src/policy/rego/wasm/index.js';
import { IR, L, cString, exportsOf, load, results } from './support.js';

function callPlan(ir: IR, func: string, args: Operand[], after: Stmt[] = []): ReturnType<IR['policy']> {
  ir.builtins.push(func);
  return ir.policy([ir.plan('test/p', [{ op: 'call', func, args, result: 2 }, ...after], 2)]);
}

describe('builtins the runtime does not implement go to the host', () => {
  it('passes arguments as JSON and parses the result, for every arity from 0 to 4', async () => {
    const calls: unknown[][] = [];
    const record = (...args: unknown[]) => (calls.push(args), { got: args });
    for (let arity = 0; arity <= 4; arity++) {
      const ir = new IR();
      const args = Array.from({ length: arity }, (_, i) => ir.s(`arg${i}`));
      const p = await load(callPlan(ir, 'custom.record', args), { builtins: { 'custom.record': record } });
      expect(results(p)).toEqual([{ got: args.map((_, i) => `arg${i}`) }]);
    }
    expect(calls.map((c) => c.length)).toEqual([0, 1, 2, 3, 4]);
  });

  it('lists host builtins in the builtins export, ids in the order the policy declares them', async () => {
    const ir = new IR();
    ir.builtins.push('custom.b', 'count', 'custom.a');
    const p = await load(ir.policy([ir.plan('p', [{ op: 'call', func: 'custom.a', args: [L(0)], result: 2 }], 2)]), {
      builtins: { 'custom.a': (x: unknown) => [x], 'custom.b': () => 0 },
    });
    expect(JSON.parse(cString(p, exportsOf(p).opa_json_dump(exportsOf(p).builtins())))).toEqual({ 'custom.b': 0, 'custom.a': 1 });
    expect(results(p, 5)).toEqual([[5]]);
  });

  it('turns host results declared as sets back into sets', async () => {
    const ir = new IR();
    // net.cidr_merge is declared with a set result; a JSON array arrives
    const policy = callPlan(ir, 'net.cidr_merge', [L(0)], [{ op: 'isSet', source: L(2) }, { op: 'len', source: L(2), target: 2 }]);
    const p = await load(policy, { builtins: { 'net.cidr_merge': () => ['b', 'a', 'b'] } });
    expect(results(p, ['x'])).toEqual([2]);
  });

  it('an undefined host result makes the call fail', async () => {
    const ir = new IR();
    const p = await load(callPlan(ir, 'custom.nothing', [L(0)]), { builtins: { 'custom.nothing': () => undefined } });
    expect(results(p, 1)).toEqual([]);
  });

  it('does not call builtins with undefined arguments', async () => {
    const ir = new IR();
    let called = false;
    const p = await load(callPlan(ir, 'custom.f', [L(5)]), { builtins: { 'custom.f': () => (called = true) } });
    expect(results(p, 1)).toEqual([]);
    expect(called).toBe(false);
  });

  it('a host builtin that throws fails the evaluation, and the next one works', async () => {
    const ir = new IR();
    const p = await load(callPlan(ir, 'custom.f', [L(0)]), {
      builtins: { 'custom.f': (x: unknown) => { if (x === 'bad') throw new Error('host said no'); return x; } },
    });
    expect(() => p.evaluate('bad')).toThrow('host said no');
    expect(results(p, 'good')).toEqual(['good']);
  });

  it('a builtin missing on the host fails the evaluation clearly', async () => {
    const ir = new IR();
    const p = await load(callPlan(ir, 'custom.missing', [L(0)]));
    expect(() => p.evaluate(1)).toThrow(/not implemented: built-in function \d+: custom.missing/);
  });

  it('refuses host builtins with more than 4 arguments (the ABI has opa_builtin0..4)', () => {
    const ir = new IR();
    const args = [0, 1, 2, 3, 4].map((i) => ir.s(`a${i}`));
    expect(() => emitWasm(callPlan(ir, 'custom.five', args))).toThrow('builtin custom.five takes 5 arguments; host builtins take at most 4');
  });
});
