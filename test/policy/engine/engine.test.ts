import { describe, expect, it } from 'vitest';
import { buildBundle, EvaluationError, loadBundle, packBundle, unpackBundle } from '../../../src/policy/engine/index.js';

const module = (source: string) => [{ file: 'p.rego', source }];

describe('building and loading bundles with the embedded toolchain', () => {
  it('evaluates an entrypoint and stamps the revision with the hash of the sources', async () => {
    const bundle = await buildBundle({ modules: module('package t\n\nallow if input.user == "alice"\n'), entrypoints: ['t/allow'] });
    expect(bundle.manifest.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bundle.manifest.wasm).toEqual([{ entrypoint: 't/allow', module: '/policy.wasm' }]);
    const policy = await loadBundle(unpackBundle(packBundle(bundle)));
    expect(policy.evaluate({ user: 'alice' }, 't/allow')).toEqual([{ result: true }]);
    expect(policy.evaluate({ user: 'bob' }, 't/allow')).toEqual([]);
  });

  it('caches bundles by their sources and options', async () => {
    const options = { modules: module('package t\n\nx := 1\n'), entrypoints: ['t/x'] };
    const first = await buildBundle(options);
    expect(await buildBundle({ ...options, modules: module('package t\n\nx := 1\n') })).toBe(first);
    expect(await buildBundle({ ...options, modules: module('package t\n\nx := 2\n') })).not.toBe(first);
    expect(await buildBundle({ ...options, strictBuiltinErrors: true })).not.toBe(first);
  });

  it('keeps falsy inputs (false, 0, "", null) as input values', async () => {
    const policy = await loadBundle(await buildBundle({ modules: module('package t\n\nseen := input\n'), entrypoints: ['t/seen'] }));
    for (const value of [false, 0, '', null]) expect(policy.evaluate(value, 't/seen')).toEqual([{ result: value }]);
    expect(policy.evaluate(undefined, 't/seen')).toEqual([]);
  });

  it('uses base data from the bundle and from setData', async () => {
    const bundle = await buildBundle({ modules: module('package t\n\nlimit := data.limits.max\n'), data: { limits: { max: 3 } }, entrypoints: ['t/limit'] });
    const policy = await loadBundle(bundle);
    expect(policy.evaluate({}, 't/limit')).toEqual([{ result: 3 }]);
    policy.setData({ limits: { max: 7 } });
    expect(policy.evaluate({}, 't/limit')).toEqual([{ result: 7 }]);
  });

  it('turns run-time errors into EvaluationError, and the policy keeps working', async () => {
    const source = 'package t\n\nv := 1 if input.a\n\nv := 2 if input.b\n';
    const policy = await loadBundle(await buildBundle({ modules: module(source), entrypoints: ['t/v'] }));
    expect(() => policy.evaluate({ a: true, b: true }, 't/v')).toThrow(EvaluationError);
    expect(() => policy.evaluate({ a: true, b: true }, 't/v')).toThrow(/eval_conflict_error: complete rules must not produce multiple outputs/);
    expect(policy.evaluate({ a: true }, 't/v')).toEqual([{ result: 1 }]);
  });

  it('makes a host builtin error undefined by default, and fatal with strict builtin errors', async () => {
    const source = 'package t\n\nparsed := units.parse_bytes(input.size)\n';
    const lenient = await loadBundle(await buildBundle({ modules: module(source), entrypoints: ['t/parsed'] }));
    expect(lenient.evaluate({ size: 'lots' }, 't/parsed')).toEqual([]);
    expect(lenient.evaluate({ size: '2KB' }, 't/parsed')).toEqual([{ result: 2000 }]);
    const strict = await loadBundle(await buildBundle({ modules: module(source), entrypoints: ['t/parsed'], strictBuiltinErrors: true }));
    expect(() => strict.evaluate({ size: 'lots' }, 't/parsed')).toThrow(/eval_builtin_error: units.parse_bytes/);
  });

  it('refuses an unknown entrypoint', async () => {
    const policy = await loadBundle(await buildBundle({ modules: module('package t\n\nx := 1\n'), entrypoints: ['t/x'] }));
    expect(() => policy.evaluate({}, 't/y')).toThrow('unknown entrypoint t/y');
  });

  it('reports a syntax error with file, line, column and a caret', async () => {
    await expect(buildBundle({ modules: module('package t\n\nallow if {\n  input.x ==\n}\n'), entrypoints: ['t/allow'] })).rejects.toThrow(
      /^p\.rego:5:1: rego_parse_error: .*\n  }\n  \^/,
    );
  });
});
