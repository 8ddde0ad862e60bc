import { describe, expect, it } from 'vitest';
import { BuiltinError } from '../../../src/policy/engine/builtins/errors.js';
import { takesExactIntegers } from '../../../src/policy/engine/builtins/host-builtin-categories.js';
import { RegoSet, regoSet } from '../../../src/policy/engine/rego-set.js';
import { EvaluationMemo } from '../../../src/policy/engine/evaluation-memo.js';
import { hostCall } from '../../../src/policy/engine/host-builtin-call.js';

const text = (result: unknown) => (result === undefined ? undefined : new TextDecoder().decode(result as ArrayBuffer));
const options = (over: Partial<{ strict: boolean; tagged: boolean; callSite: () => string | undefined }> = {}) => ({ strict: false, tagged: true, memo: new EvaluationMemo(), ...over });

describe('a host builtin as the SDK calls it', () => {
  it('decodes tagged arguments for toolgate modules, and encodes the result back as tagged JSON text', () => {
    const seen: unknown[] = [];
    const call = hostCall('custom.echo', (a: unknown) => (seen.push(a), a), options());
    expect(text(call({ '\u0000set': [1, 2] }))).toBe('{"\\u0000set":[1,2]}');
    expect(seen[0]).toBeInstanceOf(RegoSet);
  });

  it('passes plain JSON through untouched for bundles built by OPA, and writes results as plain JSON', () => {
    const seen: unknown[] = [];
    const call = hostCall('custom.echo', (a: unknown) => (seen.push(a), { got: a, set: regoSet([2, 1, 2]), big: 2n ** 64n }), options({ tagged: false }));
    expect(text(call({ '\u0000set': [1] }))).toBe('{"got":{"\\u0000set":[1]},"set":[1,2],"big":18446744073709551616}');
    expect(seen).toEqual([{ '\u0000set': [1] }]);
  });

  it('gives BigInts only to builtins that take exact integers', () => {
    const seen: unknown[] = [];
    const record = (a: unknown) => (seen.push(a), 1);
    hostCall('custom.a', record, options())({ '\u0000int': '9007199254740993' });
    hostCall('custom.b', takesExactIntegers((a: unknown) => record(a)), options())({ '\u0000int': '9007199254740993' });
    expect(seen).toEqual([9007199254740992, 9007199254740993n]);
  });

  it('makes builtin errors undefined unless strict; other errors always propagate', () => {
    const fails = () => {
      throw new BuiltinError('eval_builtin_error', 'custom.f: no');
    };
    expect(hostCall('custom.f', fails, options())()).toBeUndefined();
    expect(() => hostCall('custom.f', fails, options({ strict: true }))()).toThrow(BuiltinError);
    expect(() => hostCall('custom.f', () => { throw new TypeError('bug'); }, options())()).toThrow(TypeError);
  });

  it('names the call site first when an error fails the evaluation, and reads it only then', () => {
    let reads = 0;
    const site = () => (reads++, 'lib.rego:7');
    const fails = () => {
      throw new BuiltinError('eval_type_error', 'custom.f: operand 1 must be string but got number');
    };
    expect(text(hostCall('custom.ok', () => 1, options({ strict: true, callSite: site }))())).toBe('1');
    expect(hostCall('custom.f', fails, options({ callSite: site }))()).toBeUndefined();
    expect(reads).toBe(0);
    expect(() => hostCall('custom.f', fails, options({ strict: true, callSite: site }))()).toThrow(
      /^lib\.rego:7: eval_type_error: custom\.f: operand 1 must be string but got number$/,
    );
    expect(() => hostCall('custom.f', fails, options({ strict: true, callSite: () => undefined }))()).toThrow(BuiltinError);
  });

  it('memoizes rand.intn per arguments until the memo is cleared (by the next evaluation)', () => {
    let n = 0;
    const opts = options();
    const call = hostCall('rand.intn', () => ++n, opts);
    expect([text(call('a', 10)), text(call('a', 10)), text(call('b', 10)), text(call('a', 11))]).toEqual(['1', '1', '2', '3']);
    opts.memo.clear();
    expect(text(call('a', 10))).toBe('4');
    expect(text(hostCall('custom.count', () => ++n, opts)())).toBe('5');
    expect(text(hostCall('custom.count', () => ++n, opts)())).toBe('6');
  });
});
