import { describe, expect, it } from 'vitest';
import { buildBundle, loadBundle } from '../../../../src/policy/engine/index.js';
import { lookupBuiltin } from '../../../../src/policy/rego/builtins/table.js';
import { RegoError } from '../../../../src/policy/rego/errors.js';
import { compileSources, evalOne } from '../support/eval.js';

const src = (...body: string[]): string => ['package a', '', '# METADATA', '# title: T', ...body, ''].join('\n');

describe('rego.metadata calls are replaced by their values at compile time', () => {
  it('in rule heads, bodies, comprehensions, every, with values and else branches', () => {
    expect(evalOne(src('p := rego.metadata.rule().title'), 'a/p')).toBe('T');
    expect(evalOne(src('p := [t | some i in [1, 2]; t := sprintf("%s%d", [rego.metadata.rule().title, i])]'), 'a/p')).toEqual(['T1', 'T2']);
    expect(evalOne(src('p if every x in [rego.metadata.rule()] { x.title == "T" }'), 'a/p')).toBe(true);
    expect(evalOne(src('p := x if x := input.m with input.m as rego.metadata.rule().title'), 'a/p')).toBe('T');
    expect(evalOne(src('p := 1 if false', 'else := rego.metadata.rule().title'), 'a/p')).toBe('T');
    expect(evalOne(src('f(x) := [x, rego.metadata.chain()[0].path]', 'p := f(1)'), 'a/p')).toEqual([1, ['a', 'f']]);
  });

  it('with an output argument, binding or comparing it', () => {
    expect(evalOne(src('p := x if rego.metadata.rule(x)'), 'a/p')).toEqual({ scope: 'rule', title: 'T' });
    expect(evalOne(src('p if rego.metadata.rule({"scope": "rule", "title": "T"})'), 'a/p')).toBe(true);
    expect(evalOne(src('default p := false', 'p if rego.metadata.chain([])'), 'a/p')).toBe(false);
    expect(evalOne(src('p if not rego.metadata.rule({})'), 'a/p')).toBe(true);
  });

  it('rejects more arguments with a positioned type error', () => {
    try {
      compileSources(src('p := rego.metadata.rule(1, 2)'), ['a/p']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegoError);
      expect((e as RegoError).diagnostics[0]).toMatchObject({
        code: 'rego_type_error',
        message: 'rego.metadata.rule: arity mismatch: have 2 arguments, want 0',
        location: { line: 5, col: 6 },
      });
    }
    expect(() => compileSources(src('p := count(rego.metadata.chain(1))'), ['a/p'])).toThrow('rego.metadata.chain: arity mismatch: have 1 arguments, want 0');
  });

  it('leaves a rule named rego in the package to ordinary ref resolution', () => {
    expect(() => compileSources(src('rego := {}', 'p := rego.metadata.rule()'), ['a/p'])).toThrow(/undefined function data\.a\.rego\.metadata\.rule/);
  });

  it('never plans a call to them: the declaration says compiler and the IR names neither builtin', () => {
    expect(lookupBuiltin('rego.metadata.rule')?.runsIn).toBe('compiler');
    expect(lookupBuiltin('rego.metadata.chain')?.runsIn).toBe('compiler');
    const policy = compileSources(src('p := [rego.metadata.rule(), rego.metadata.chain()]'), ['a/p']);
    expect(policy.static.builtins.map((b) => b.name).filter((n) => n.startsWith('rego.'))).toEqual([]);
  });

  it('gives the same values through the Wasm toolchain, which has no implementation of them', async () => {
    const module = src('p := [rego.metadata.rule(), rego.metadata.chain()]');
    const bundle = await buildBundle({ modules: [{ file: 'a.rego', source: module }], entrypoints: ['a/p'] });
    const loaded = await loadBundle(bundle);
    expect(loaded.evaluate({}, 'a/p').map((r) => (r as { result: unknown }).result)).toEqual([
      [{ scope: 'rule', title: 'T' }, [{ path: ['a', 'p'], annotations: { scope: 'rule', title: 'T' } }]],
    ]);
  });
});
