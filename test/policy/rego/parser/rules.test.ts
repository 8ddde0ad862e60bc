import { describe, expect, it } from 'vitest';
import { firstRule, moduleError, rules } from './helpers.js';

describe('complete and ref-head rules', () => {
  it('parses constants with := and =, with and without bodies', () => {
    expect(rules('p := 1\nq = "x"\nr if true\ns := 2 if { input.x }\nt = 3 if input.y')).toEqual([
      'single p := 1',
      'single q = "x"',
      'single r if { true }',
      'single s := 2 if { input.x }',
      'single t = 3 if { input.y }',
    ]);
  });

  it('parses ref heads: dotted, bracketed, partial objects and `p[x] if` (value true)', () => {
    expect(rules('a.b.c := 1\na.b[x] := y if { some x, y in input }\np[x] if { x := 1 }\np["k"] := 2\nq.r if true')).toEqual([
      'single a.b.c := 1',
      'single a.b[x] := y if { some x, y in input }',
      'single p[x] if { assign(x, 1) }',
      'single p.k := 2',
      'single q.r if { true }',
    ]);
  });

  it('parses partial sets with contains, including dotted names and bodiless ones', () => {
    expect(rules('deny contains msg if { msg := "no" }\na.b.c contains x if x := 1\ns contains "always"')).toEqual([
      'multi deny contains msg if { assign(msg, "no") }',
      'multi a.b.c contains x if { assign(x, 1) }',
      'multi s contains "always"',
    ]);
  });

  it('records locations of rules and heads', () => {
    const rule = firstRule('allow := true if {\n  input.ok\n}');
    expect(rule.loc).toEqual({ file: 'test.rego', line: 2, col: 1, offset: 13, end: 44 });
    expect(rule.head.loc).toEqual({ file: 'test.rego', line: 2, col: 1, offset: 13, end: 26 });
    expect(rule.body[0].loc).toMatchObject({ line: 3, col: 3 });
  });
});

describe('if bodies', () => {
  it('takes a single literal on the same line, or a block', () => {
    expect(rules('p if not q\nr if some x in y\ns if every x in y { x }\nt if {\n  a; b\n}')).toEqual([
      'single p if { not q }',
      'single r if { some x in y }',
      'single s if { every x in y { x } }',
      'single t if { a; b }',
    ]);
  });

  it('reads `if {...}` as a literal when it is one (OPA: object, comprehension, comparison) and as a block otherwise', () => {
    expect(rules('p if {"a": 1}\nq if {x | x := 1}\nr if {1} == {1}\ns if { 1 }')).toEqual([
      'single p if { {"a": 1} }',
      'single q if { {x | assign(x, 1)} }',
      'single r if { equal({1}, {1}) }',
      'single s if { 1 }',
    ]);
  });

  it('defines one rule per extra body', () => {
    expect(rules('p if { a } { b }')).toEqual(['single p if { a }', 'single p if { b }']);
    expect(rules('f(_) := 1 if { a } { b }').length).toBe(2);
  });

  it('requires `if` before a body, and a value or body', () => {
    expect(moduleError('package p\nallow {\n  true\n}')).toBe(
      'p.rego:2:7: rego_parse_error: `if` keyword is required before rule body\n  allow {\n        ^',
    );
    expect(moduleError('package p\nf(x) := 1 {\n  true\n}')).toBe(
      'p.rego:2:11: rego_parse_error: `if` keyword is required before function body\n  f(x) := 1 {\n            ^',
    );
    expect(moduleError('package p\ndeny[msg] {\n  msg := 1\n}')).toBe(
      'p.rego:2:11: rego_parse_error: `if` keyword is required before rule body\n  deny[msg] {\n            ^',
    );
    expect(moduleError('package p\ndeny[msg]')).toBe(
      'p.rego:2:1: rego_parse_error: `contains` keyword is required for partial set rules\n  deny[msg]\n  ^',
    );
    expect(moduleError('package p\na.b.c')).toBe(
      'p.rego:2:1: rego_parse_error: rule must have value assignment and/or body declaration\n  a.b.c\n  ^',
    );
  });
});

describe('functions', () => {
  it('parses definitions with patterns, values, bodies, dotted names and multiple definitions', () => {
    expect(rules('f(x, y) := z if { z := x + y }\nf(1, _) := 0\ng(x) if x > 0\nh.i(x) = [x]\nk([a, "b"], {"c": d}) := a')).toEqual([
      'function f(x, y) := z if { assign(z, plus(x, y)) }',
      'function f(1, _) := 0',
      'function g(x) if { gt(x, 0) }',
      'function h.i(x) = [x]',
      'function k([a, "b"], {"c": d}) := a',
    ]);
  });

  it('accepts a bodiless call head as a function returning true, as OPA does', () => {
    expect(rules('f(x)')).toEqual(['function f(x)']);
  });

  it('rejects contains on a function head', () => {
    expect(moduleError('package p\nf(x) contains 1')).toBe(
      'p.rego:2:6: rego_parse_error: the contains keyword can only be used with multi-value rule definitions (e.g., f(x) contains <VALUE> { ... })\n  f(x) contains 1\n       ^',
    );
  });
});

describe('else', () => {
  it('chains else with values, bodies, and a bare else meaning true', () => {
    expect(rules('p := 1 if { a } else := 2 if { b } else := 3')).toEqual(['single p := 1 if { a } else := 2 if { b } else := 3']);
    expect(rules('p if a\nelse if b')).toEqual(['single p if { a } else if { b }']);
    expect(rules('f(x) := 1 if x > 0\nelse = 0')).toEqual(['function f(x) := 1 if { gt(x, 0) } else = 0']);
  });

  it('gives each else a copy of the head ref and args of its rule', () => {
    const rule = firstRule('f(_, y) := 1 if y\nelse := 2');
    expect(rule.else?.head).toMatchObject({ kind: 'function', ref: [{ name: 'f' }], args: [{ name: '_' }, { name: 'y' }] });
    expect(rule.else?.head.args?.[1]).not.toBe(rule.head.args?.[1]);
  });

  it('rejects else on partial rules, rules with variables in the head, and after extra bodies', () => {
    expect(moduleError('package p\ns contains 1 if a else if b')).toBe(
      'p.rego:2:19: rego_parse_error: else keyword cannot be used on multi-value rules\n  s contains 1 if a else if b\n                    ^',
    );
    expect(moduleError('package p\np[x] := 1 if x := 1 else := 2')).toBe(
      'p.rego:2:21: rego_parse_error: else keyword cannot be used on rules with variables in head\n  p[x] := 1 if x := 1 else := 2\n                      ^',
    );
    expect(moduleError('package p\np if a else if b { c }')).toBe(
      'p.rego:2:18: rego_parse_error: expected else keyword\n  p if a else if b { c }\n                   ^',
    );
    expect(moduleError('package p\np if a else x')).toBe(
      'p.rego:2:13: rego_parse_error: unexpected identifier x, expected an else value or rule body\n  p if a else x\n              ^',
    );
  });
});

describe('default rules', () => {
  it('parses default values and default functions', () => {
    expect(rules('default allow := false\ndefault p = {"a": [1, {x | x := 1}]}\ndefault f(_, y, _) := 0')).toEqual([
      'default single allow := false',
      'default single p = {"a": [1, {x | assign(x, 1)}]}',
      'default function f(_, y, _) := 0',
    ]);
  });

  it('rejects defaults without a constant value, with bad arguments, or with a body', () => {
    expect(moduleError('package p\ndefault allow')).toBe(
      'p.rego:2:1: rego_parse_error: illegal default rule (must have a value)\n  default allow\n  ^',
    );
    expect(moduleError('package p\ndefault allow := input.x')).toBe(
      'p.rego:2:18: rego_parse_error: illegal default rule (value cannot contain ref)\n  default allow := input.x\n                   ^',
    );
    expect(moduleError('package p\ndefault p := [x]')).toBe(
      'p.rego:2:15: rego_parse_error: illegal default rule (value cannot contain var)\n  default p := [x]\n                ^',
    );
    expect(moduleError('package p\ndefault f(x, x) := 1')).toBe(
      'p.rego:2:14: rego_parse_error: illegal default rule (arguments cannot be repeated x)\n  default f(x, x) := 1\n               ^',
    );
    expect(moduleError('package p\ndefault f([x]) := 1')).toBe(
      'p.rego:2:11: rego_parse_error: illegal default rule (arguments cannot contain array)\n  default f([x]) := 1\n            ^',
    );
    expect(moduleError('package p\ndefault p := 1 if { true }')).toBe(
      'p.rego:2:16: rego_parse_error: default rules cannot have a body\n  default p := 1 if { true }\n                 ^',
    );
    expect(moduleError('package p\ndefault p :=')).toBe(
      'p.rego:2:13: rego_parse_error: unexpected end of file, expected a rule value (e.g., default p := <VALUE>)\n  default p :=\n              ^',
    );
  });
});

describe('rule statements', () => {
  it('reports what cannot start a rule', () => {
    expect(moduleError('package p\n1 = x')).toBe(
      'p.rego:2:1: rego_parse_error: unexpected number token, expected a rule, import or package\n  1 = x\n  ^',
    );
    expect(moduleError('package p\np := 1 with input as 2')).toBe(
      'p.rego:2:8: rego_parse_error: unexpected with keyword, expected a rule, import or package\n  p := 1 with input as 2\n         ^',
    );
    expect(moduleError('package p\nallow if input.role == "admin" input.x')).toBe(
      'p.rego:2:32: rego_parse_error: unexpected identifier input, expected a newline before the next rule\n  allow if input.role == "admin" input.x\n                                 ^',
    );
    expect(rules('p := 1 q := 2')).toEqual(['single p := 1', 'single q := 2']);
    expect(moduleError('package p\np := }')).toBe(
      'p.rego:2:6: rego_parse_error: unexpected } token, expected a rule value (e.g., p := <VALUE> if { ... })\n  p := }\n       ^',
    );
  });
});
