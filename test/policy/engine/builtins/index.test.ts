import { describe, expect, it } from 'vitest';
import { BuiltinError, hostBuiltins, plainResult } from '../../../../src/policy/engine/builtins/index.js';
import { BUILTINS, lookupBuiltin } from '../../../../src/policy/rego/builtins/table.js';
import { RUNTIME_BUILTINS } from '../../../../src/policy/rego/wasm/index.js';
import { hasHostFallback } from '../../../../src/policy/rego/wasm/native-builtins.js';

/** Declared host builtins that have no host implementation yet, each for a stated reason. */
const NOT_IMPLEMENTED = new Set([
  // compile-time: the planner replaces these with constants
  'rego.metadata.chain', 'rego.metadata.rule',
  // no conformance cases pin their result shape
  'uri.is_valid', 'uri.parse',
  // compiler-internal
  'internal.template_string', 'internal.test_case',
]);

describe('host builtin registry', () => {
  it('keys every implementation by a declared builtin (natives keep theirs for bundles built by other toolchains)', () => {
    for (const name of Object.keys(hostBuiltins)) expect(lookupBuiltin(name), name).toBeDefined();
  });

  it('has a host implementation behind every native builtin that falls back to the host', () => {
    expect([...RUNTIME_BUILTINS].filter((name) => hasHostFallback(name) && !hostBuiltins[name])).toEqual([]);
  });

  it('implements every non-deprecated host builtin except the listed ones', () => {
    const missing = BUILTINS.filter((b) => b.runsIn === 'host' && !b.deprecated && !hostBuiltins[b.name] && !NOT_IMPLEMENTED.has(b.name)).map((b) => b.name);
    expect(missing).toEqual([]);
  });

  it('lists only builtins that really lack an implementation', () => {
    expect([...NOT_IMPLEMENTED].filter((name) => hostBuiltins[name])).toEqual([]);
  });

  it('reads exact and raw JSON results as plain values for callers other than the SDK', () => {
    const ns = hostBuiltins['time.parse_rfc3339_ns']('2017-06-02T19:00:00-07:00');
    expect(ns).toBe(1496455200000000000n);
    expect(plainResult(ns)).toBe(1496455200e9);
    expect(plainResult(hostBuiltins['rego.parse_module']('x.rego', 'package a'))).toMatchObject({ package: {} });
    expect(plainResult({ a: 1 })).toEqual({ a: 1 });
  });

  it('throws BuiltinError with OPA wording and the code in the message', () => {
    let caught: unknown;
    try {
      hostBuiltins['regex.match'](1, 'x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BuiltinError);
    expect(caught).toMatchObject({ code: 'eval_type_error', reason: 'regex.match: operand 1 must be string but got number' });
    expect((caught as Error).message).toBe('eval_type_error: regex.match: operand 1 must be string but got number');
  });
});
