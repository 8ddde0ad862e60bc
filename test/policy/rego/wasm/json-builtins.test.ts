import { describe, expect, it } from 'vitest';
import { hostBuiltins } from '../../../../src/policy/engine/builtins/index.js';
import { asJson, evaluateRaw, regoPolicy } from './support.js';

describe('json builtins in the runtime', () => {
  it('json.is_valid is false for non-strings and for text that is not JSON', async () => {
    const p = await regoPolicy('package test\nout := [json.is_valid(x) | some x in input]', ['test/out']);
    const cases = ['{"a":[1,2]}', ' 1 ', '"x"', '{', '', 'tru', 5, null, ['{}']];
    expect((p.evaluate(asJson(cases), 'test/out') as Array<{ result: unknown }>)[0].result).toEqual(
      cases.map((c) => hostBuiltins['json.is_valid'](c)),
    );
  });

  it('json.unmarshal keeps exact numbers; invalid text goes to the host for its error', async () => {
    const p = await regoPolicy('package test\np := json.unmarshal(input)', ['test/p'], { builtins: { 'json.unmarshal': hostBuiltins['json.unmarshal'] } });
    expect(evaluateRaw(p, JSON.stringify('{"n": 12345678901234567890123, "s": "é"}'))).toBe('[{"result":{"n":12345678901234567890123,"s":"é"}}]');
    expect(() => evaluateRaw(p, JSON.stringify('{'))).toThrow('eval_builtin_error: json.unmarshal');
  });

  it('json.marshal writes what Go writes: sorted keys, sets as arrays, HTML-safe escapes', async () => {
    const p = await regoPolicy('package test\nout := [json.marshal(x) | some x in input]\nset := json.marshal({"b", "a"})', ['test/out', 'test/set']);
    const cases = [{ b: 1, a: ['<x>', '&', '\u2028', '\b\f\n\t\u0001'] }, 'plain', 1.5, null, [true]];
    expect((p.evaluate(asJson(cases), 'test/out') as Array<{ result: unknown }>)[0].result).toEqual(
      cases.map((c) => hostBuiltins['json.marshal'](c)),
    );
    expect((p.evaluate(undefined, 'test/set') as Array<{ result: unknown }>)[0].result).toBe('["a","b"]');
  });
});
