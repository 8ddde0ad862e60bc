import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';
import { decoded, jsonText } from './raw-json.js';

const parse = (source: string) => decoded(b['rego.parse_module']('x.rego', source)) as Record<string, any>;
const v = (value: string) => ({ type: 'var', value });
const s = (value: string) => ({ type: 'string', value });
const n = (value: number) => ({ type: 'number', value });
const TRUE_BODY = [{ index: 0, terms: { type: 'boolean', value: true } }];

describe('rego.parse_module', () => {
  it('writes the package and imports in OPA AST shape', () => {
    const m = parse('package foo.bar\n\nimport rego.v1\nimport data.a as aa\n\np := 1');
    expect(m.package).toEqual({ path: [v('data'), s('foo'), s('bar')] });
    expect(m.imports).toEqual([
      { path: { type: 'ref', value: [v('rego'), s('v1')] } },
      { path: { type: 'ref', value: [v('data'), s('a')] }, alias: 'aa' },
    ]);
    expect(m.rules).toEqual([{ head: { name: 'p', ref: [v('p')], value: n(1), assign: true }, body: TRUE_BODY }]);
  });

  it('writes rule kinds: default, if, contains, functions and else chains', () => {
    const m = parse(
      ['package t', 'default allow := false', 'p if { input.x == 1 }', 'q contains x if { some x in input.xs }', 'f(x) := x + 1', 'r := 1 if { false } else := 2'].join('\n'),
    );
    const [allow, p, q, f, r] = m.rules;
    expect(allow).toMatchObject({ default: true, head: { name: 'allow', value: { type: 'boolean', value: false }, assign: true } });
    expect(p.head).toEqual({ name: 'p', ref: [v('p')], value: { type: 'boolean', value: true } });
    expect(p.body).toEqual([{ index: 0, terms: [{ type: 'ref', value: [v('equal')] }, { type: 'ref', value: [v('input'), s('x')] }, n(1)] }]);
    expect(q.head).toEqual({ name: 'q', ref: [v('q')], key: v('x') });
    expect(q.body[0].terms).toEqual({
      symbols: [{ type: 'call', value: [{ type: 'ref', value: [v('internal'), s('member_2')] }, v('x'), { type: 'ref', value: [v('input'), s('xs')] }] }],
    });
    expect(f.head).toMatchObject({ name: 'f', args: [v('x')], value: { type: 'call', value: [{ type: 'ref', value: [v('plus')] }, v('x'), n(1)] } });
    expect(r.else).toMatchObject({ head: { name: 'r', value: n(2) }, body: TRUE_BODY });
  });

  it('writes negation, with, every, comprehensions and numbered wildcards', () => {
    const m = parse(
      'package t\np if {\n  not q[_]\n  x := input.y with input as {"y": [_]}\n  every z in [1] { z > 0 }\n  s := {y | y := _}\n}\nq := set()',
    );
    const body = m.rules[0].body;
    expect(body[0]).toEqual({ index: 0, negated: true, terms: { type: 'ref', value: [v('q'), v('$0')] } });
    expect(body[1].with).toEqual([{ target: { type: 'ref', value: [v('input')] }, value: { type: 'object', value: [[s('y'), { type: 'array', value: [v('$1')] }]] } }]);
    expect(body[2].terms).toEqual({
      value: v('z'),
      domain: { type: 'array', value: [n(1)] },
      body: [{ index: 0, terms: [{ type: 'ref', value: [v('gt')] }, v('z'), n(0)] }],
    });
    expect(body[3].terms[2]).toEqual({ type: 'setcomprehension', value: { term: v('y'), body: [{ index: 0, terms: [{ type: 'ref', value: [v('assign')] }, v('y'), v('$2')] }] } });
  });

  it('keeps the source digits of numbers', () => {
    const text = jsonText(b['rego.parse_module']('x.rego', 'package t\np := [12345678901234567890, 2.50, 1e400]'));
    expect(text).toContain('{"type":"number","value":12345678901234567890},{"type":"number","value":2.50},{"type":"number","value":1e400}');
  });

  it('reports parse errors and bad operands', () => {
    expect(() => b['rego.parse_module']('bad.rego', 'package x\np if {')).toThrow('eval_builtin_error: rego.parse_module: bad.rego:2: rego_parse_error:');
    expect(() => b['rego.parse_module']('bad.rego', 'p := 1')).toThrow('rego.parse_module: bad.rego:1: rego_parse_error:');
    expect(() => b['rego.parse_module'](1, 'package x')).toThrow('rego.parse_module: operand 1 must be string but got number');
    expect(() => b['rego.parse_module']('x.rego', null)).toThrow('rego.parse_module: operand 2 must be string but got null');
  });
});
