import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOST_BUILTIN_CATEGORIES, HOST_BUILTIN_NAMES, loadHostBuiltins } from '../../../../src/policy/engine/builtins/host-builtin-categories.js';
import { buildBundle, loadBundle } from '../../../../src/policy/engine/index.js';
import { BUILTINS } from '../../../../src/policy/rego/builtins/table.js';

/** Spies on every category's import; returns the names of the categories imported so far. */
function watchCategoryLoads(): () => string[] {
  const spies = Object.entries(HOST_BUILTIN_CATEGORIES).map(([name, category]) => [name, vi.spyOn(category, 'load')] as const);
  return () => spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name]) => name);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('host builtin categories (the name → category table)', () => {
  it('lists exactly the builtins each category module implements', async () => {
    for (const [name, category] of Object.entries(HOST_BUILTIN_CATEGORIES)) {
      expect(Object.keys(await category.load()).sort(), name).toEqual([...category.names].sort());
    }
  });

  it('puts every builtin in one category only', () => {
    const seen = Object.values(HOST_BUILTIN_CATEGORIES).flatMap((category) => category.names);
    expect(seen.filter((name, i) => seen.indexOf(name) !== i)).toEqual([]);
    expect(HOST_BUILTIN_NAMES.length).toBe(seen.length);
  });

  it('names only declared builtins that run on the host or fall back to it', () => {
    const declared = new Set(BUILTINS.map((b) => b.name));
    expect(HOST_BUILTIN_NAMES.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('imports only the categories of the builtins asked for, and leaves out names it does not implement', async () => {
    const imported = watchCategoryLoads();
    const builtins = await loadHostBuiltins(['regex.match', 'format_int', 'regex.match', 'no.such_builtin']);
    expect(Object.keys(builtins).sort()).toEqual(['format_int', 'regex.match']);
    expect(imported().sort()).toEqual(['regex', 'strings']);
    expect(builtins['regex.match']('^a', 'abc')).toBe(true);
  });

  it('registers builtins the SDK shadows under the alias the module imports them by', async () => {
    const imported = watchCategoryLoads();
    const builtins = await loadHostBuiltins(['toolgate:sprintf', 'toolgate:yaml.is_valid', 'toolgate:no.such_builtin']);
    expect(Object.keys(builtins).sort()).toEqual(['toolgate:sprintf', 'toolgate:yaml.is_valid']);
    expect(imported().sort()).toEqual(['strings', 'yaml']);
    expect(builtins['toolgate:yaml.is_valid'](1)).toBe(false);
  });

  it('imports nothing for a policy that calls no host builtin', async () => {
    const imported = watchCategoryLoads();
    expect(await loadHostBuiltins([])).toEqual({});
    expect(imported()).toEqual([]);
  });
});

describe('loading a bundle imports the categories its Wasm module calls', () => {
  it('wires in only the called categories, and the policy evaluates with them', async () => {
    const source = 'package t\n\nok if semver.is_valid(input.v)\n\nn := units.parse_bytes(input.size)\n';
    const bundle = await buildBundle({ modules: [{ file: 't.rego', source }], entrypoints: ['t/ok', 't/n'] });
    const imported = watchCategoryLoads();
    const policy = await loadBundle(bundle);
    expect(imported().sort()).toEqual(['semver', 'units']);
    expect(policy.evaluate({ v: '1.2.3' }, 't/ok')).toEqual([{ result: true }]);
    expect(policy.evaluate({ v: 'one' }, 't/ok')).toEqual([]);
    expect(policy.evaluate({ size: '2KiB' }, 't/n')).toEqual([{ result: 2048 }]);
  });

  it('imports no category for a policy that needs none', async () => {
    const bundle = await buildBundle({ modules: [{ file: 't.rego', source: 'package t\n\nallow if input.user == "alice"\n' }], entrypoints: ['t/allow'] });
    const imported = watchCategoryLoads();
    const policy = await loadBundle(bundle);
    expect(imported()).toEqual([]);
    expect(policy.evaluate({ user: 'alice' }, 't/allow')).toEqual([{ result: true }]);
  });

  it('keeps the base data intact after reading which builtins the module calls', async () => {
    const source = 'package t\n\nlimit := data.limits.max\n\nv := format_int(input, 16)\n';
    const policy = await loadBundle(await buildBundle({ modules: [{ file: 't.rego', source }], data: { limits: { max: 3 } }, entrypoints: ['t/limit', 't/v'] }));
    expect(policy.evaluate({}, 't/limit')).toEqual([{ result: 3 }]);
    expect(policy.evaluate(255, 't/v')).toEqual([{ result: 'ff' }]);
  });
});
