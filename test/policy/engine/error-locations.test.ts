import { describe, expect, it } from 'vitest';
import { buildBundle, EvaluationError, loadBundle, type LoadedBundle } from '../../../src/policy/engine/index.js';

// Two modules, so an error must name the file the failing call is written in.
const library = `package lib

prefixed(xs) if {
	strings.any_prefix_match(xs, "a/")
}

tally(xs) := n if {
	n := count(xs)
}
`;

const rules = `package t

import data.lib

host if lib.prefixed(input.xs)

native := lib.tally(input.xs)

direct := units.parse_bytes(input.size)

total := sum(input.xs) + 1

host_after_native if {
	count(input.xs) > 0
	lib.prefixed(input.xs)
}

native_after_host := n if {
	lib.prefixed(["a/b"])
	n := count(input.n)
}
`;

async function policy(strict: boolean): Promise<LoadedBundle> {
  const modules = [
    { file: 'lib.rego', source: library },
    { file: 'rules.rego', source: rules },
  ];
  return loadBundle(await buildBundle({ modules, entrypoints: ['t/host', 't/native', 't/direct', 't/total', 't/host_after_native', 't/native_after_host'], strictBuiltinErrors: strict }));
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationError);
    return (error as Error).message;
  }
  throw new Error('the evaluation did not fail');
}

describe('run-time builtin errors name the call that raised them (strict builtin errors)', () => {
  it('prefixes a host builtin error with the file and row of the call, as OPA does', async () => {
    const p = await policy(true);
    expect(errorOf(() => p.evaluate({ xs: [1, 2] }, 't/host'))).toBe(
      'lib.rego:4: eval_type_error: strings.any_prefix_match: operand 1 must be array of strings but got array containing number',
    );
    expect(errorOf(() => p.evaluate({ size: 'lots' }, 't/direct'))).toMatch(/^rules\.rego:9: eval_builtin_error: units\.parse_bytes: /);
  });

  it('prefixes an error of the runtime’s own builtins the same way', async () => {
    const p = await policy(true);
    expect(errorOf(() => p.evaluate({ xs: 5 }, 't/native'))).toBe(
      'lib.rego:8: eval_type_error: count: operand 1 must be one of {array, object, set, string} but got number',
    );
    expect(errorOf(() => p.evaluate({ xs: [1, 'x'] }, 't/total'))).toBe(
      'rules.rego:11: eval_type_error: sum: operand 1 must be array of numbers but got array containing string',
    );
  });

  it('names the failing call, not an earlier one that succeeded', async () => {
    const p = await policy(true);
    expect(errorOf(() => p.evaluate({ xs: ['a/b', 3] }, 't/host_after_native'))).toMatch(/^lib\.rego:4: eval_type_error: strings\.any_prefix_match: /);
    expect(errorOf(() => p.evaluate({ n: 3 }, 't/native_after_host'))).toMatch(/^rules\.rego:20: eval_type_error: count: /);
    expect(p.evaluate({ n: [3] }, 't/native_after_host')).toEqual([{ result: 1 }]);
  });

  it('keeps working after an error, with correct results', async () => {
    const p = await policy(true);
    expect(() => p.evaluate({ xs: [1] }, 't/host')).toThrow(EvaluationError);
    expect(p.evaluate({ xs: ['a/b'] }, 't/host')).toEqual([{ result: true }]);
    expect(p.evaluate({ xs: [1, 2] }, 't/total')).toEqual([{ result: 4 }]);
  });
});

describe('file names in error locations', () => {
  it('keep non-ASCII characters intact, host and native alike', async () => {
    const source = 'package u\n\nhost := units.parse_bytes(input)\n\nnative := count(input)\n';
    const file = 'règles/ポリシー.rego';
    const p = await loadBundle(await buildBundle({ modules: [{ file, source }], entrypoints: ['u/host', 'u/native'], strictBuiltinErrors: true }));
    expect(errorOf(() => p.evaluate('lots', 'u/host'))).toMatch(/^règles\/ポリシー\.rego:3: eval_builtin_error: units\.parse_bytes: /);
    expect(errorOf(() => p.evaluate(5, 'u/native'))).toMatch(/^règles\/ポリシー\.rego:5: eval_type_error: count: /);
  });
});

describe('without strict builtin errors', () => {
  it('still makes failing builtin calls undefined, host and native alike', async () => {
    const p = await policy(false);
    expect(p.evaluate({ xs: [1, 2] }, 't/host')).toEqual([]);
    expect(p.evaluate({ xs: 5 }, 't/native')).toEqual([]);
    expect(p.evaluate({ size: 'lots' }, 't/direct')).toEqual([]);
    expect(p.evaluate({ xs: [1, 'x'] }, 't/total')).toEqual([]);
    expect(p.evaluate({ size: '2KB' }, 't/direct')).toEqual([{ result: 2000 }]);
  });
});
