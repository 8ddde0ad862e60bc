import { describe, expect, it } from 'vitest';
import { parseBody, parseModule } from '../../../../src/policy/rego/parse.js';
import { errorOf, moduleError, query, rules } from './helpers.js';

describe('queries and bodies', () => {
  it('separates literals by newlines or semicolons', () => {
    expect(query('data.test.p = x')).toBe('eq(data.test.p, x)');
    expect(query('x := 1; y = 2\nz == 3\n\n  w')).toBe('assign(x, 1); eq(y, 2); equal(z, 3); w');
    expect(rules('p if {\n  a\n  b; c\n}')).toEqual(['single p if { a; b; c }']);
  });

  it('continues an expression across a line break after an operator, like OPA', () => {
    expect(query('x := 1 +\n  2')).toBe('assign(x, plus(1, 2))');
  });

  it('requires a separator between literals on one line', () => {
    expect(errorOf(() => parseBody('x := 1 y := 2'))).toBe(
      'query:1:8: rego_parse_error: unexpected identifier y, expected a newline, ; or end of query\n  x := 1 y := 2\n         ^',
    );
    expect(moduleError('package p\nr if { a b }')).toBe(
      'p.rego:2:10: rego_parse_error: unexpected identifier b, expected a newline, ; or }\n  r if { a b }\n           ^',
    );
  });

  it('rejects empty bodies and empty queries', () => {
    expect(moduleError('package p\nr if every x in y {\n}')).toBe('p.rego:3:1: rego_parse_error: found empty body\n  }\n  ^');
    // As in OPA, `if {}` is a body holding one (empty object) literal, not an empty body.
    expect(rules('r if {}')).toEqual(['single r if { {} }']);
    expect(errorOf(() => parseBody('  # nothing'))).toBe('query:1:12: rego_parse_error: empty query\n    # nothing\n             ^');
  });

  it('parses negation, assignment and unification', () => {
    expect(query('not p\nnot x = 1\nx := [1]')).toBe('not p; not eq(x, 1); assign(x, [1])');
  });

  it('parses `x in xs` and `k, v in xs` as expressions', () => {
    expect(query('x in xs\nk, v in {"a": 1}\nnot 1 in [2]')).toBe(
      'internal.member_2(x, xs); internal.member_3(k, v, {"a": 1}); not internal.member_2(1, [2])',
    );
    expect(query('f(k, v in xs)')).toBe('f(k, internal.member_2(v, xs))');
  });

  it('reports a comma that does not start `k, v in xs`', () => {
    expect(errorOf(() => parseBody('x := 1, 2'))).toBe(
      'query:1:7: rego_parse_error: unexpected , token, expected a newline, ; or end of query\n  x := 1, 2\n        ^',
    );
  });
});

describe('some', () => {
  it('declares variables', () => {
    const [expr] = parseBody('some x, y, _');
    expect(expr).toMatchObject({ kind: 'some', vars: [{ name: 'x' }, { name: 'y' }, { name: '_' }] });
    expect(query('some x\n-1 == x')).toBe('some x; equal(-1, x)');
  });

  it('iterates with `some v in xs` and `some k, v in xs`, with patterns and with modifiers', () => {
    expect(query('some x in input.xs')).toBe('some x in input.xs');
    expect(query('some k, v in {"a": 1}')).toBe('some k, v in {"a": 1}');
    expect(query('some [a, b] in [[1, 2]]')).toBe('some [a, b] in [[1, 2]]');
    expect(query('some "foo", x in {"foo": 100}')).toBe('some "foo", x in {"foo": 100}');
    expect(query('some x in xs with input as 1')).toBe('some x in xs with input as 1');
    const [expr] = parseBody('some x in xs');
    expect(expr).toMatchObject({ kind: 'somein', value: { name: 'x' }, collection: { type: 'var', name: 'xs' } });
    expect(expr).not.toHaveProperty('key');
  });

  it('rejects declaring a non-variable and negating some', () => {
    expect(errorOf(() => parseBody('some x.y'))).toBe(
      'query:1:6: rego_parse_error: expected a variable name in some declaration\n  some x.y\n       ^',
    );
    expect(errorOf(() => parseBody('some x, 1'))).toBe(
      'query:1:9: rego_parse_error: expected a variable name in some declaration\n  some x, 1\n          ^',
    );
    expect(errorOf(() => parseBody('not some x in y'))).toBe(
      "query:1:5: rego_parse_error: illegal negation of 'some'\n  not some x in y\n      ^",
    );
  });
});

describe('every', () => {
  it('parses value and key-value forms', () => {
    expect(query('every x in [1] { x > 0 }')).toBe('every x in [1] { gt(x, 0) }');
    expect(query('every k, v in {"a": 1} {\n k == "a"\n v == 1\n} with input as {}')).toBe(
      'every k, v in {"a": 1} { equal(k, "a"); equal(v, 1) } with input as {}',
    );
    expect(query('every x in {} { x != x }')).toBe('every x in {} { neq(x, x) }');
  });

  it('requires variables, a domain and a body', () => {
    expect(errorOf(() => parseBody('every 1 in xs { true }'))).toBe(
      'query:1:7: rego_parse_error: expected value to be a variable\n  every 1 in xs { true }\n        ^',
    );
    expect(errorOf(() => parseBody('every [k], v in xs { true }'))).toBe(
      'query:1:7: rego_parse_error: expected key to be a variable\n  every [k], v in xs { true }\n        ^',
    );
    expect(errorOf(() => parseBody('every x in xs'))).toBe(
      'query:1:14: rego_parse_error: unexpected end of file, expected { to begin the every body\n  every x in xs\n               ^',
    );
    expect(errorOf(() => parseBody('every x { true }'))).toBe(
      'query:1:9: rego_parse_error: unexpected { token, expected in (every x in xs { ... } or every k, v in xs { ... })\n  every x { true }\n          ^',
    );
    expect(errorOf(() => parseBody('not every x in y { true }'))).toBe(
      "query:1:5: rego_parse_error: illegal negation of 'every'\n  not every x in y { true }\n      ^",
    );
  });
});

describe('with', () => {
  it('parses chains of modifiers on input, data and functions', () => {
    expect(query('p with input as {"a": 1} with data.x.y as 2 with count as mock_count')).toBe(
      'p with input as {"a": 1} with data.x.y as 2 with count as mock_count',
    );
    const [expr] = parseBody('f(1) with time.now_ns as 5');
    expect(expr.with[0]).toMatchObject({
      target: { type: 'ref', terms: [{ name: 'time' }, { value: 'now_ns' }] },
      value: { type: 'number', value: '5' },
      loc: { col: 6, offset: 5, end: 26 },
    });
    expect(parseBody('count(x) with count as f')[0].with[0].target).toMatchObject({ type: 'ref', terms: [{ name: 'count' }] });
  });

  it('rejects targets that are not paths and a missing as', () => {
    expect(errorOf(() => parseBody('p with "x" as 1'))).toBe(
      'query:1:8: rego_parse_error: unexpected string token, expected a with target such as input, data.x or a function name\n  p with "x" as 1\n         ^',
    );
    expect(errorOf(() => parseBody('p with f(x) as 1'))).toBe(
      'query:1:8: rego_parse_error: expected with target path (input..., data... or a function name)\n  p with f(x) as 1\n         ^',
    );
    expect(errorOf(() => parseBody('p with input 1'))).toBe(
      'query:1:14: rego_parse_error: unexpected number token, expected as\n  p with input 1\n               ^',
    );
  });
});

describe('keywords as ref heads', () => {
  it('reads a keyword directly followed by . or [ as a name, as OPA does', () => {
    expect(query('not.x == 1\nsome[0]')).toBe('equal(not.x, 1); some[0]');
    const module = parseModule('package p\nif.x := 1\ndefault.y := 2', 'k.rego');
    expect(module.rules.map((r) => r.head.ref.map((t) => (t.type === 'var' ? t.name : t.type === 'string' ? t.value : '?')))).toEqual([
      ['if', 'x'],
      ['default', 'y'],
    ]);
  });
});
