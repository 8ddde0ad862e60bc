import { describe, expect, it } from 'vitest';
import type { SourceLocation, Stmt } from '../../../../src/policy/rego/ir.js';
import { IR, L, asJson, load, rego, regoPolicy, results } from './support.js';

describe('run-time errors', () => {
  it('by default a builtin error makes the call undefined', async () => {
    expect(await rego('p := 1 / input', 'p', 0)).toEqual([]);
    expect(await rego('p := input + 1', 'p', 'a')).toEqual([]);
  });

  it('with strict builtin errors it fails the evaluation with OPA-style messages', async () => {
    const strict = { strict: true };
    await expect(rego('p := 1 / input', 'p', 0, strict)).rejects.toThrow('eval_builtin_error: div: divide by zero');
    await expect(rego('p := input % 0', 'p', 3, strict)).rejects.toThrow('eval_builtin_error: rem: modulo by zero');
    await expect(rego('p := input % 2', 'p', 1.5, strict)).rejects.toThrow('eval_builtin_error: rem: modulo on floating-point number');
    await expect(rego('p := input + 1', 'p', 'a', strict)).rejects.toThrow('eval_type_error: plus: operand 1 must be number but got string');
    await expect(rego('p := count(input)', 'p', 5, strict)).rejects.toThrow('eval_type_error: count: operand 1 must be one of {array, object, set, string} but got number');
    await expect(rego('p := sum(input)', 'p', [1, 'x'], strict)).rejects.toThrow('eval_type_error: sum: operand 1 must be array of numbers but got array containing string');
    await expect(rego('p := bits.and(input, 1)', 'p', 1.5, strict)).rejects.toThrow('eval_type_error: bits.and: operand 1 must be integer number but got floating-point number');
    await expect(rego('p := substring("abc", input, 1)', 'p', -1, strict)).rejects.toThrow('eval_builtin_error: substring: negative offset');
  });

  it('names the row of the failing builtin call, when the IR gives it', async () => {
    const strict = { strict: true };
    await expect(rego('q := 1\np := 1 / input', 'p', 0, strict)).rejects.toThrow(/^test\.rego:3: eval_builtin_error: div: divide by zero$/);
    const ir = new IR();
    ir.builtins.push('count');
    const count = (location?: SourceLocation): Stmt => ({ op: 'call', func: 'count', args: [L(0)], result: 2, location });
    const located = await load(ir.policy([ir.plan('p', [count({ file: 0, row: 9, col: 3 })], 2)]), strict);
    expect(() => results(located, 5)).toThrow(/^policy\.rego:9: eval_type_error: count: /);
    const unlocated = await load(ir.policy([ir.plan('p', [count()], 2)]), strict);
    expect(() => results(unlocated, 5)).toThrow(/^eval_type_error: count: /);
  });

  it('conflicts always fail the evaluation', async () => {
    await expect(rego('p := input[_]', 'p', [1, 2])).rejects.toThrow('eval_conflict_error: complete rules must not produce multiple outputs');
    await expect(rego('p[input[_]] := input[_]', 'p', ['a', 'b'])).rejects.toThrow('eval_conflict_error: object keys must be unique');
    await expect(rego('f(x) := x + y if { some y in [1, 2] }\np := f(1)')).rejects.toThrow(
      'eval_conflict_error: functions must not produce multiple outputs for same inputs',
    );
  });

  it('an aborted evaluation leaves the module usable', async () => {
    const p = await regoPolicy('package test\np := 10 / input', ['test/p'], { strict: true });
    expect(() => p.evaluate(asJson(0), 'test/p')).toThrow('divide by zero');
    expect(results(p, 4, 'test/p')).toEqual([2.5]);
    expect(() => p.evaluate(asJson(0), 'test/p')).toThrow('divide by zero');
    expect(results(p, -5, 'test/p')).toEqual([-2]);
  });

  it('with-scopes and memoization state are reset after an abort inside with', async () => {
    const p = await regoPolicy(
      `package test
       q := input.v
       r := 1 / input.d
       p := [q, x] if { x := r with input.d as input.z }`,
      ['test/p'],
      { strict: true },
    );
    expect(() => p.evaluate(asJson({ v: 1, d: 1, z: 0 }), 'test/p')).toThrow('divide by zero');
    expect(results(p, { v: 2, d: 1, z: 4 }, 'test/p')).toEqual([[2, 0.25]]);
  });
});
