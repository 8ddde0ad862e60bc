import { describe, expect, it } from 'vitest';
import { evalOne, evalRego } from '../support/eval.js';

const pkg = (body: string): string => `package test\n\n${body}\n`;

describe('complete rules', () => {
  it('gives the value of the definition whose body holds', () => {
    expect(evalOne(pkg('p := 1 if input.x == 1\np := 2 if input.x == 2'), 'test/p', { input: { x: 2 } })).toBe(2);
  });

  it('is undefined when no body holds, and the default applies then', () => {
    expect(evalRego(pkg('p := 1 if input.x == 1'), 'test/p', { input: { x: 3 } })).toEqual([]);
    expect(evalOne(pkg('default p := "no"\np := "yes" if input.x == 1'), 'test/p', { input: { x: 3 } })).toBe('no');
    expect(evalOne(pkg('default p := "no"\np := "yes" if input.x == 1'), 'test/p', { input: { x: 1 } })).toBe('yes');
  });

  it('raises a conflict when definitions give different values', () => {
    expect(() => evalOne(pkg('p := 1\np := 2'), 'test/p')).toThrow('eval_conflict_error: complete rules must not produce multiple outputs');
  });

  it('accepts several definitions giving the same value', () => {
    expect(evalOne(pkg('p := 1\np := 1 if true'), 'test/p')).toBe(1);
  });

  it('takes the first defined branch of an else chain', () => {
    const src = pkg('p := "a" if input.x == 1\nelse := "b" if input.x == 2\nelse := "c"');
    expect(evalOne(src, 'test/p', { input: { x: 1 } })).toBe('a');
    expect(evalOne(src, 'test/p', { input: { x: 2 } })).toBe('b');
    expect(evalOne(src, 'test/p', { input: { x: 9 } })).toBe('c');
  });

  it('treats a false body value as undefined', () => {
    expect(evalRego(pkg('p if input.ok'), 'test/p', { input: { ok: false } })).toEqual([]);
    expect(evalOne(pkg('p if input.ok'), 'test/p', { input: { ok: 'yes' } })).toBe(true);
  });
});

describe('partial rules', () => {
  it('collects a set from every solution, empty when none', () => {
    const src = pkg('s contains x if { some x in input.xs; x > 1 }');
    expect(evalOne(src, 'test/s', { input: { xs: [3, 1, 2, 3] } })).toEqual([2, 3]);
    expect(evalOne(src, 'test/s', { input: { xs: [] } })).toEqual([]);
  });

  it('builds an object and rejects conflicting keys', () => {
    const src = pkg('o[k] := v if { some k, v in input.m }');
    expect(evalOne(src, 'test/o', { input: { m: { a: 1, b: 2 } } })).toEqual({ a: 1, b: 2 });
    expect(() => evalOne(pkg('o[k] := v if { some v in input.xs; k := "same" }'), 'test/o', { input: { xs: [1, 2] } })).toThrow(
      'object keys must be unique',
    );
  });

  it('reads one key of a partial object', () => {
    expect(evalOne(pkg('o[k] := 1 if some k in ["a", "b"]'), 'test/o/b')).toBe(1);
  });
});

describe('ref heads', () => {
  it('nests objects from constant refs', () => {
    expect(evalOne(pkg('a.b.c := 1\na.b.d := 2\na.e := 3'), 'test/a')).toEqual({ b: { c: 1, d: 2 }, e: 3 });
  });

  it('fills vars in the middle of a ref', () => {
    expect(evalOne(pkg('p[q].r := i if q := ["x", "y"][i]'), 'test/p')).toEqual({ x: { r: 0 }, y: { r: 1 } });
  });

  it('merges overlapping rules and rejects conflicting leaves', () => {
    expect(evalOne(pkg('p[q].r := i if q := ["x", "y"][i]\np.x.r := 0\np.z := 9'), 'test/p')).toEqual({ x: { r: 0 }, y: { r: 1 }, z: 9 });
    expect(() => evalOne(pkg('p[q].r := i if q := ["x", "y"][i]\np.x.r := 5'), 'test/p')).toThrow('eval_conflict_error');
  });

  it('builds sets below a ref', () => {
    expect(evalOne(pkg('p.q contains 1\np.q contains 2\np[k] contains 3 if k := "w"'), 'test/p')).toEqual({ q: [1, 2], w: [3] });
  });

  it('answers entrypoints that end inside a value', () => {
    expect(evalOne(pkg('p := {"a": {"b": [10, 20]}}'), 'test/p/a/b')).toEqual([10, 20]);
  });
});

describe('functions', () => {
  it('matches argument patterns across definitions', () => {
    const src = pkg('f("a") := 1\nf([x, 2]) := x\nf({"k": v}) := v\np := [f("a"), f([7, 2]), f({"k": "z"})]');
    expect(evalOne(src, 'test/p')).toEqual([1, 7, 'z']);
  });

  it('is undefined when no definition matches, failing the expression', () => {
    expect(evalRego(pkg('f(1) := 1\np if f(2)'), 'test/p')).toEqual([]);
  });

  it('raises a function conflict for different outputs on the same input', () => {
    expect(() => evalOne(pkg('f(_) := 1\nf(_) := 2\np := f(0)'), 'test/p')).toThrow(
      'eval_conflict_error: functions must not produce multiple outputs for same inputs',
    );
  });

  it('returns true when the head has no value, and supports else', () => {
    expect(evalOne(pkg('f(x) if x > 1\np := f(5)'), 'test/p')).toBe(true);
    expect(evalOne(pkg('f(x) := "big" if x > 10\nelse := "small"\np := [f(1), f(20)]'), 'test/p')).toEqual(['small', 'big']);
  });

  it('takes an output argument', () => {
    expect(evalOne(pkg('f(x) := x * 2\np if { f(3, y); y == 6 }'), 'test/p')).toBe(true);
  });

  it('calls functions of other packages through imports and aliases', () => {
    const lib = 'package lib.util\n\ndouble(x) := x * 2\n';
    const main = 'package test\n\nimport data.lib.util\nimport data.lib.util.double as twice\n\np := [util.double(1), twice(2)]\n';
    expect(evalOne([lib, main], 'test/p')).toEqual([2, 4]);
  });
});

describe('documents', () => {
  it('merges base data and rules in a package, base data winning on leaves', () => {
    const src = pkg('r := 1\nk := "rule"');
    expect(evalOne(src, 'test', { data: { test: { b: 2, k: 'base' } } })).toEqual({ b: 2, k: 'base', r: 1 });
  });

  it('iterates over a package whose keys are rules and base data', () => {
    const src = ['package a\n\nr := 1\n', 'package q\n\nkeys contains k if data.a[k]\n'];
    expect(evalOne(src, 'q/keys', { data: { a: { base: true } } })).toEqual(['base', 'r']);
  });

  it('iterates packages below a path, mixing rules and base data', () => {
    const src = ['package animals.dog\n\nsound := "woof"\n', 'package animals.cat\n\nsound := "meow"\n', 'package test\n\nsounds contains [x, s] if s := data.animals[x].sound\n'];
    expect(evalOne(src, 'test/sounds', { data: { animals: { cow: { sound: 'moo' } } } })).toEqual([
      ['cat', 'meow'],
      ['cow', 'moo'],
      ['dog', 'woof'],
    ]);
  });

  it('looks up integer keys of base data as strings', () => {
    expect(evalOne(pkg('p := data.nested[2]'), 'test/p', { data: { nested: { '2': 'two' } } })).toBe('two');
    expect(evalOne(pkg('p := data.list[1]'), 'test/p', { data: { list: ['a', 'b'] } })).toBe('b');
  });

  it('omits functions but keeps empty packages', () => {
    const src = ['package test\n\nf(x) := x\nv := 1\n', 'package test.empty\n'];
    expect(evalOne(src, 'test')).toEqual({ empty: {}, v: 1 });
  });

  it('plans all of data for the empty entrypoint', () => {
    expect(evalOne(pkg('v := 1'), '', { data: { other: 2 } })).toEqual({ other: 2, test: { v: 1 } });
  });

  it('dispatches on a key computed at run time', () => {
    const src = ['package animals\n\ndog := "woof"\ncat := "meow"\n', 'package test\n\nsound := data.animals[input.animal]\n'];
    expect(evalOne(src, 'test/sound', { input: { animal: 'cat' } })).toBe('meow');
  });
});

describe('large policies', () => {
  it('plans a 3,000-element literal without growing the stack', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `{"id": ${i}}`).join(', ');
    expect(evalOne(`package test\n\nxs := [${items}]\np := count(xs)\n`, 'test/p')).toBe(3000);
  });

  it('plans 500 rules of one package', () => {
    const rules = Array.from({ length: 500 }, (_, i) => `deny contains "m${i}" if input.tool == "t${i}"\nv${i} := ${i}`).join('\n');
    const src = `package big\n\n${rules}\nallow if count(deny) == 0\n`;
    expect(evalOne(src, 'big/allow', { input: { tool: 'other' } })).toBe(true);
    expect(evalOne(src, 'big/deny', { input: { tool: 't42' } })).toEqual(['m42']);
  });
});

describe('long bodies', () => {
  it('plans a body of 2,000 expressions', () => {
    const exprs = Array.from({ length: 2000 }, (_, i) => `  input.n > ${-i}`).join('\n');
    expect(evalOne(`package test\n\np if {\n${exprs}\n}\n`, 'test/p', { input: { n: 1 } })).toBe(true);
  });
});

describe('a realistic MCP policy', () => {
  const policy = `package toolgate

denied_tools := {"exec", "shell"}
forbidden := ["rm -rf", "/etc/shadow"]

reasons contains sprintf("tool %s is denied", [input.tool]) if input.tool in denied_tools

reasons contains msg if {
  walk(input.arguments, [path, value])
  is_string(value)
  some f in forbidden
  contains(value, f)
  msg := sprintf("argument %v contains %q", [concat(".", [sprintf("%v", [p]) | some p in path]), f])
}

reasons contains "secret-looking argument" if {
  walk(input.arguments, [_, value])
  is_string(value)
  regex.match(\`(?i)api[_-]?key\`, value)
}

reasons contains "path outside workspace" if {
  input.tool == "read_file"
  not glob.match("/workspace/**", ["/"], input.arguments.path)
}

default allow := false
allow if count(reasons) == 0

decision := {"allow": allow, "reasons": sort([r | some r in reasons])}
`;

  it('denies with every reason found in nested arguments', () => {
    const input = { tool: 'read_file', arguments: { path: '/etc/shadow', opts: ['x', 'my api_key'] } };
    expect(evalOne(policy, 'toolgate/decision', { input })).toEqual({
      allow: false,
      reasons: ['argument path contains "/etc/shadow"', 'path outside workspace', 'secret-looking argument'],
    });
  });

  it('allows a benign call', () => {
    expect(evalOne(policy, 'toolgate/decision', { input: { tool: 'read_file', arguments: { path: '/workspace/a.txt' } } })).toEqual({
      allow: true,
      reasons: [],
    });
  });
});
