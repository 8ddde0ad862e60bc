import { describe, expect, it } from 'vitest';
import { hostBuiltins } from '../../../../src/policy/engine/builtins/index.js';
import { hostImportName } from '../../../../src/policy/rego/wasm/host-import-names.js';
import { asJson, evaluateRaw, rego, regoPolicy } from './support.js';

describe('sprintf in the runtime', () => {
  it('formats %s %v %d %q %% as Go does, with OPA argument conversion, without the host', async () => {
    const calls: string[] = [];
    const builtins = { [hostImportName('sprintf')]: (...a: unknown[]) => (calls.push('sprintf'), hostBuiltins.sprintf(...a)) };
    const p = await regoPolicy('package test\nout := [sprintf(f, a) | some [f, a] in input]', ['test/out'], { builtins });
    const cases = [
      ['hi %s', ['there']], ['%v %v %v', [1, 2.5, 'x']], ['%d', [42]], ['%d', [-7]], ['%q', ['a"b\n\t\u0001é']], ['%v', [[1, 'a', { b: null }]]],
      ['%s%%', [true]], ['%v', [0.00001]], ['%v', [123456.5]], ['%v', [1234567.25]], ['%v', [-0.5]], ['no verbs', []],
      ['%v', [{ b: [1, 2], a: 'c' }]], ['x %v y', [null]], ['%v', [0.1]], ['%s', [['a', 'b']]], ['%v|%s', ['é', '😀']],
    ];
    const got = (p.evaluate(asJson(cases), 'test/out') as Array<{ result: unknown }>)[0].result;
    expect(got).toEqual(cases.map(([f, a]) => hostBuiltins.sprintf(f, a)));
    expect(calls).toEqual([]);
  });

  it('prints sets and exact big integers as OPA does', async () => {
    expect(await rego('p := [sprintf("%v", [{2, 1}]), sprintf("%v", [set()]), sprintf("%s", [{"a": {3}}]), sprintf("%d", [123456789123456789123])]')).toEqual([
      ['{1, 2}', 'set()', '{"a": {3}}', '123456789123456789123'],
    ]);
  });

  it("leaves other verbs, flags, widths and argument count mismatches to toolgate's host sprintf, not the SDK's", async () => {
    // the SDK's own sprintf (sprintf-js) would shadow a custom one named sprintf: the module imports it under an alias
    const calls: unknown[][] = [];
    const builtins = { [hostImportName('sprintf')]: (...a: unknown[]) => (calls.push(a), hostBuiltins.sprintf(...a)) };
    const p = await regoPolicy('package test\nout := [sprintf(f, a) | some [f, a] in input]', ['test/out'], { builtins });
    const cases: Array<[string, unknown[]]> = [['%5d', [1]], ['%x', [255]], ['%.2f', [1.5]], ['%s %s', ['one', 'two', 'three']]];
    const got = (p.evaluate(asJson(cases), 'test/out') as Array<{ result: unknown }>)[0].result;
    expect(got).toEqual(['    1', 'ff', '1.50', 'one two%!(EXTRA string=three)']);
    expect(calls).toEqual(cases);
  });
});

describe('sprintf number arguments, as OPA converts them', () => {
  it('integers exactly, plain big integers exactly, other numbers as floats, and beyond floats as text', async () => {
    const p = await regoPolicy('package test\nout := [sprintf("%v", [x]) | some x in input]', ['test/out']);
    const raw = evaluateRaw(p, '[1, 123456789123456789123, 1e30, 2.5e-7, 2e308, -0.5]');
    expect(JSON.parse(raw)[0].result).toEqual(['1', '123456789123456789123', '1e+30', '2.5e-07', '2e308', '-0.5']);
  });
});
