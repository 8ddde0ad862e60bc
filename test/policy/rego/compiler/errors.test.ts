import { describe, expect, it } from 'vitest';
import { RegoError } from '../../../../src/policy/rego/errors.js';
import { compileSources } from '../support/eval.js';

/** The RegoError a source raises when compiled, with the position of its first diagnostic. */
function compileError(body: string): { code: string; message: string; line: number; col: number; text: string } {
  try {
    compileSources(`package test\n\n${body}\n`, ['test/p']);
  } catch (e) {
    if (!(e instanceof RegoError)) throw e;
    const d = e.diagnostics[0];
    return { code: d.code, message: d.message, line: d.location!.line, col: d.location!.col, text: e.message };
  }
  throw new Error('compiled without error');
}

describe('compile errors carry a code, a clear message and a position', () => {
  it('names an unsafe var and points at it, with the source line and a caret', () => {
    const e = compileError('p if {\n  x > 1\n}');
    expect(e).toMatchObject({ code: 'rego_unsafe_var_error', message: 'var x is unsafe', line: 4, col: 3 });
    expect(e.text).toBe('policy0.rego:4:3: rego_unsafe_var_error: var x is unsafe\n    x > 1\n    ^');
  });

  it('requires head vars to be bound by the body', () => {
    expect(compileError('p contains x if input.ok')).toMatchObject({ code: 'rego_unsafe_var_error', message: 'var x is unsafe' });
  });

  it('requires vars of a negated expression to be bound elsewhere', () => {
    expect(compileError('p if not input.a[x]')).toMatchObject({ code: 'rego_unsafe_var_error', message: 'var x is unsafe' });
  });

  it('names the cycle of a recursive rule', () => {
    expect(compileError('p := q\nq := r\nr := p')).toMatchObject({
      code: 'rego_recursion_error',
      message: 'rule data.test.p is recursive: data.test.p -> data.test.q -> data.test.r -> data.test.p',
      line: 3,
    });
    expect(compileError('f(x) := f(x)\np := f(1)').message).toBe('rule data.test.f is recursive: data.test.f -> data.test.f');
  });

  it('reports a rule that reads its own package as recursive', () => {
    expect(compileError('p := count(data.test)').code).toBe('rego_recursion_error');
  });

  it('rejects unknown functions', () => {
    expect(compileError('p := nope(1)')).toMatchObject({ code: 'rego_type_error', message: 'undefined function nope', line: 3, col: 6 });
    expect(compileError('p := data.lib.f(1)').message).toBe('undefined function data.lib.f');
  });

  it('checks arities of builtins and user functions', () => {
    expect(compileError('p := count([1], 2, 3)')).toMatchObject({ code: 'rego_type_error', message: 'count: arity mismatch: have 3 arguments, want 1' });
    expect(compileError('f(a, b) := a\np := f(1)').message).toBe('data.test.f: arity mismatch: have 1 arguments, want 2');
  });

  it('rejects literal arguments of the wrong type', () => {
    expect(compileError('p := count(1)')).toMatchObject({ code: 'rego_type_error', col: 12 });
    expect(compileError('p if { x := 1 + "a" }').message).toBe('plus: invalid argument 2: have string, want number');
  });

  it('rejects redeclaring a var with :=', () => {
    expect(compileError('p if {\n  x := 1\n  x := 2\n}')).toMatchObject({ code: 'rego_compile_error', message: 'var x assigned above', line: 5, col: 3 });
  });

  it('rejects := into input, data or refs', () => {
    expect(compileError('p if { input := 1 }')).toMatchObject({ code: 'rego_compile_error', message: 'cannot assign to input' });
    expect(compileError('p if { data.x := 1 }')).toMatchObject({ code: 'rego_compile_error', message: 'cannot assign to a ref' });
  });

  it('rejects rules of different kinds at one path', () => {
    expect(compileError('p := 1\np contains 2')).toMatchObject({ code: 'rego_type_error', message: 'conflicting rules data.test.p found' });
    expect(compileError('p := {}\np.q := 1').code).toBe('rego_type_error');
  });

  it('rejects a with that replaces part of a rule document', () => {
    expect(compileError('q := {"a": 1}\np if { q.a == 2 with data.test.q.a as 2 }')).toMatchObject({
      code: 'rego_compile_error',
      message: 'with keyword cannot partially replace virtual document(s)',
    });
  });

  it('rejects with targets that are neither documents nor functions', () => {
    expect(compileError('p if { true with nothing.here as 1 }').code).toBe('rego_compile_error');
  });
});

describe('accepted programs', () => {
  it('allows shadowing a rule name with a local', () => {
    expect(() => compileSources('package test\n\nx := 1\np if { x := 2; x == 2 }\n', ['test/p'])).not.toThrow();
  });

  it('allows a comprehension var that the body declares later with :=', () => {
    expect(() => compileSources('package test\n\np := x if {\n  y := {x | x := [1][_]}\n  x := count(y)\n}\n', ['test/p'])).not.toThrow();
  });

  it('rejects a malformed entrypoint', () => {
    expect(() => compileSources('package test\n\np := 1\n', ['/test/p'])).toThrow(/invalid entrypoint/);
  });
});
