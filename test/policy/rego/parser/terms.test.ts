import { describe, expect, it } from 'vitest';
import { parseTerm } from '../../../../src/policy/rego/parse.js';
import { errorOf, term, termAst } from './helpers.js';

describe('scalars', () => {
  it('parses null, booleans, strings and raw strings', () => {
    expect(term('null')).toBe('null');
    expect(term('[true, false]')).toBe('[true, false]');
    expect(termAst('"a\\nb"')).toMatchObject({ type: 'string', value: 'a\nb' });
    expect(termAst('`a\\nb`')).toMatchObject({ type: 'string', value: 'a\\nb', raw: true });
  });

  it('keeps the exact text of numbers, including negative and leading-dot literals', () => {
    for (const n of ['0', '-1', '12345678901234567890', '1.50', '-0.0', '1e400', '-2.5E-10', '.5', '-.5']) {
      expect(termAst(n)).toMatchObject({ type: 'number', value: n });
    }
    expect(termAst('- 1')).toMatchObject({ type: 'number', value: '-1', loc: { col: 1, offset: 0, end: 3 } });
  });

  it('rejects numbers OPA rejects', () => {
    expect(errorOf(() => parseTerm('007'))).toBe(
      'term:1:1: rego_parse_error: invalid number 007: leading zeros are not allowed\n  007\n  ^',
    );
    expect(errorOf(() => parseTerm('1e40000'))).toBe('term:1:1: rego_parse_error: number too big: 1e40000\n  1e40000\n  ^');
    expect(errorOf(() => parseTerm('-x'))).toBe(
      'term:1:2: rego_parse_error: unexpected identifier x, expected a number\n  -x\n   ^',
    );
    expect(term('[0, 0.5, 0e3, 1e-30000]')).toBe('[0, 0.5, 0e3, 1e-30000]');
  });
});

describe('refs and calls', () => {
  it('builds refs with dots and brackets at any depth; data and input alone are refs', () => {
    expect(termAst('input.a["b c"][x].d[0]')).toMatchObject({
      type: 'ref',
      terms: [
        { type: 'var', name: 'input' },
        { type: 'string', value: 'a' },
        { type: 'string', value: 'b c' },
        { type: 'var', name: 'x' },
        { type: 'string', value: 'd' },
        { type: 'number', value: '0' },
      ],
    });
    expect(termAst('data')).toMatchObject({ type: 'ref', terms: [{ type: 'var', name: 'data' }] });
    expect(termAst('x')).toMatchObject({ type: 'var', name: 'x' });
    expect(term('a[b[c[0]]]')).toBe('a[b[c[0]]]');
    expect(term('a[x + 1]')).toBe('a[plus(x, 1)]');
  });

  it('takes keywords as names after a dot', () => {
    expect(termAst('input.if.null')).toMatchObject({
      terms: [{ name: 'input' }, { type: 'string', value: 'if' }, { type: 'string', value: 'null' }],
    });
    expect(term('input.in.not.contains.some')).toBe('input.in.not.contains.some');
  });

  it('allows refs on composite, comprehension and call heads', () => {
    expect(term('[1, 2][0]')).toBe('[1, 2][0]');
    expect(term('{"a": 1}.a')).toBe('{"a": 1}.a');
    expect(term('{1}[x]')).toBe('{1}[x]');
    expect(term('[x | x := 1][0]')).toBe('[x | assign(x, 1)][0]');
    expect(term('f(x).y[0]')).toBe('f(x).y[0]');
  });

  it('rejects refs on scalars', () => {
    expect(errorOf(() => parseTerm('"abc"[0]'))).toBe(
      'term:1:1: rego_parse_error: illegal ref (head cannot be string)\n  "abc"[0]\n  ^',
    );
  });

  it('needs suffixes to touch: a space ends the term', () => {
    expect(errorOf(() => parseTerm('a [0]'))).toBe(
      'term:1:3: rego_parse_error: unexpected [ token, expected end of input\n  a [0]\n    ^',
    );
    expect(errorOf(() => parseTerm('a. b'))).toBe(
      'term:1:4: rego_parse_error: unexpected identifier b, expected an identifier after .\n  a. b\n     ^',
    );
  });

  it('parses calls on plain and dotted names, and set() as the empty set', () => {
    expect(term('count(x)')).toBe('count(x)');
    expect(term('time.now_ns()')).toBe('time.now_ns()');
    expect(term('data.lib.f(1, [2], {3},)')).toBe('data.lib.f(1, [2], {3})');
    expect(termAst('set()')).toMatchObject({ type: 'set', items: [] });
    expect(term('contains("abc", "b")')).toBe('contains("abc", "b")');
  });
});

describe('collections and comprehensions', () => {
  it('parses arrays, sets and objects with trailing (and OPA-tolerated leading) commas', () => {
    expect(term('[]')).toBe('[]');
    expect(term('[1, 2,]')).toBe('[1, 2]');
    expect(term('[, 1]')).toBe('[1]');
    expect(termAst('{}')).toMatchObject({ type: 'object', entries: [] });
    expect(term('{1, "a", [2]}')).toBe('{1, "a", [2]}');
    expect(term('{"a": 1, x: [y], "c": {},}')).toBe('{"a": 1, x: [y], "c": {}}');
    expect(term('{a + 1: b * 2}')).toBe('{plus(a, 1): mul(b, 2)}');
  });

  it('parses comprehensions, preferring them over | as set union (as OPA does)', () => {
    expect(term('[x | some x in xs]')).toBe('[x | some x in xs]');
    expect(term('{x | x := 1}')).toBe('{x | assign(x, 1)}');
    expect(term('{k: v | some k, v in o; v > 1}')).toBe('{k: v | some k, v in o; gt(v, 1)}');
    expect(term('{a | b}')).toBe('{a | b}');
    expect(term('[{x | x := 1}, {k: 1 | k := 2}]')).toBe('[{x | assign(x, 1)}, {k: 1 | assign(k, 2)}]');
  });

  it('falls back to a collection when the comprehension body does not parse, as OPA does', () => {
    expect(term('[a | b, c]')).toBe('[or(a, b), c]');
    expect(term('{a | b, c}')).toBe('{or(a, b), c}');
    expect(term('[, a | b]')).toBe('[or(a, b)]');
    expect(term('{"k": a | b, "l": 1}')).toBe('{"k": or(a, b), "l": 1}');
  });

  it('reports unterminated collections where they stop', () => {
    expect(errorOf(() => parseTerm('[1, 2'))).toBe(
      'term:1:6: rego_parse_error: unexpected end of file, expected , or ]\n  [1, 2\n       ^',
    );
    expect(errorOf(() => parseTerm('{"a": 1 "b": 2}'))).toBe(
      'term:1:9: rego_parse_error: unexpected string token, expected , or }\n  {"a": 1 "b": 2}\n          ^',
    );
    expect(errorOf(() => parseTerm('{1, "a": 2}'))).toBe(
      'term:1:8: rego_parse_error: unexpected : token, expected , or }\n  {1, "a": 2}\n         ^',
    );
    expect(errorOf(() => parseTerm('[x | ]'))).toBe('term:1:6: rego_parse_error: found empty body\n  [x | ]\n       ^');
  });
});

describe('operators', () => {
  it('follows OPA precedence: * / % over + - over & over | over comparisons over in', () => {
    expect(term('1 + 2 * 3 - 4 / 5 % 6')).toBe('minus(plus(1, mul(2, 3)), rem(div(4, 5), 6))');
    expect(term('a | b & c == d')).toBe('equal(or(a, and(b, c)), d)');
    expect(term('x + 1 in xs')).toBe('internal.member_2(plus(x, 1), xs)');
    expect(term('a < b == c')).toBe('equal(lt(a, b), c)');
    expect(term('a != b')).toBe('neq(a, b)');
  });

  it('is left-associative and honours parentheses', () => {
    expect(term('1 - 2 - 3')).toBe('minus(minus(1, 2), 3)');
    expect(term('1 - (2 - 3)')).toBe('minus(1, minus(2, 3))');
    expect(term('(a | b)[0]')).toBe('or(a, b)[0]');
    expect(term('x in a in b')).toBe('internal.member_2(internal.member_2(x, a), b)');
  });

  it('reads a minus after an operand as subtraction and before a number as a sign', () => {
    expect(term('x-1')).toBe('minus(x, 1)');
    expect(term('x - -1')).toBe('minus(x, -1)');
    expect(term('[1, -1]')).toBe('[1, -1]');
    expect(term('3 * -2')).toBe('mul(3, -2)');
  });

  it('names operator calls as OPA does, with the operator location', () => {
    const t = termAst('a  >= b');
    expect(t).toMatchObject({
      type: 'call',
      operator: { type: 'ref', terms: [{ type: 'var', name: 'gte' }], loc: { col: 4, offset: 3, end: 5 } },
      loc: { line: 1, col: 1, offset: 0, end: 7 },
    });
  });

  it('reports a missing operand and an unclosed parenthesis', () => {
    expect(errorOf(() => parseTerm('1 +'))).toBe('term:1:4: rego_parse_error: unexpected end of file, expected a term\n  1 +\n     ^');
    expect(errorOf(() => parseTerm('(1 + 2'))).toBe(
      'term:1:7: rego_parse_error: unexpected end of file, expected )\n  (1 + 2\n        ^',
    );
    expect(errorOf(() => parseTerm('[}'))).toBe('term:1:2: rego_parse_error: unexpected } token, expected a term\n  [}\n   ^');
  });
});

describe('locations', () => {
  it('puts offsets and line:col on every node, counting columns in code points', () => {
    const t = termAst('[\n  "😀", x.y ]');
    expect(t.loc).toEqual({ file: 'term', line: 1, col: 1, offset: 0, end: 15 });
    if (t.type !== 'array') throw new Error('array expected');
    expect(t.items[0].loc).toEqual({ file: 'term', line: 2, col: 3, offset: 4, end: 8 });
    expect(t.items[1].loc).toEqual({ file: 'term', line: 2, col: 8, offset: 10, end: 13 });
  });

  it('keeps wildcards as _', () => {
    expect(term('[_, x[_]]')).toBe('[_, x[_]]');
  });
});
