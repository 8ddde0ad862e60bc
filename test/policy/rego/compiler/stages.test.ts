import { describe, expect, it } from 'vitest';
import type { Expr, Term } from '../../../../src/policy/rego/ast.js';
import { lookupBuiltin } from '../../../../src/policy/rego/builtins/table.js';
import { runStages, stages } from '../../../../src/policy/rego/compiler/stages.js';
import type { CompileState } from '../../../../src/policy/rego/compiler/state.js';
import { parseModule } from '../../../../src/policy/rego/parse.js';

function compile(...sources: string[]): CompileState {
  const modules = sources.map((s, i) => parseModule(s, `m${i}.rego`));
  return runStages({ modules, rules: [], lookupBuiltin, sources: new Map() });
}

/** A compact text form of a term, enough to assert on rewrites. */
function show(t: Term): string {
  switch (t.type) {
    case 'var':
      return t.name;
    case 'string':
      return JSON.stringify(t.value);
    case 'number':
      return t.value;
    case 'boolean':
      return String(t.value);
    case 'null':
      return 'null';
    case 'ref':
      return t.terms.map((x, i) => (i === 0 ? show(x) : `[${show(x)}]`)).join('');
    case 'call':
      return `${show(t.operator)}(${t.args.map(show).join(', ')})`;
    case 'array':
      return `[${t.items.map(show).join(', ')}]`;
    case 'set':
      return `{${t.items.map(show).join(', ')}}`;
    case 'object':
      return `{${t.entries.map(([k, v]) => `${show(k)}: ${show(v)}`).join(', ')}}`;
    case 'arraycomp':
    case 'setcomp':
      return `[${show(t.head)} | ${t.body.map(showExpr).join('; ')}]`;
    case 'objectcomp':
      return `{${show(t.key)}: ${show(t.value)} | ${t.body.map(showExpr).join('; ')}}`;
  }
}

function showExpr(e: Expr): string {
  switch (e.kind) {
    case 'term':
      return `${e.negated ? 'not ' : ''}${show(e.term)}`;
    case 'some':
      return `some ${e.vars.map(show).join(', ')}`;
    case 'somein':
      return `some ${e.key ? `${show(e.key)}, ` : ''}${show(e.value)} in ${show(e.collection)}`;
    case 'every':
      return `every ${show(e.value)} in ${show(e.domain)} { ${e.body.map(showExpr).join('; ')} }`;
  }
}

function body(state: CompileState, ruleName: string): string[] {
  const entry = state.rules.find((e) => e.rule.head.ref[0].type === 'var' && e.rule.head.ref[0].name === ruleName);
  return entry!.rule.body.map(showExpr);
}

describe('the stage list', () => {
  it('runs named stages in a fixed order', () => {
    expect(stages.map((s) => s.name)).toEqual([
      'collectRules',
      'dropPrintCalls',
      'resolveRefs',
      'rewriteLocalVars',
      'resolveMetadataCalls',
      'buildRuleTree',
      'checkCalls',
      'checkRecursion',
      'reorderBodies',
    ]);
  });

  it('shares what needs no rewrite instead of copying it: a literal table comes out as the very node parsed', () => {
    const module = parseModule('package test\n\nfacts := {"a": [1, {"b": "c"}], "d": {"e", "f"}}\n\np := x if {\n  x := facts.a\n  is_array([1, 2, 3])\n}\n', 'm.rego');
    const state = runStages({ modules: [module], rules: [], lookupBuiltin, sources: new Map() });
    const compiled = (name: string) => state.rules.find((e) => e.rule.head.ref[0].type === 'var' && e.rule.head.ref[0].name === name)!.rule;
    const parsed = (name: string) => module.rules.find((r) => r.head.ref[0].type === 'var' && r.head.ref[0].name === name)!;
    expect(compiled('facts').head.value).toBe(parsed('facts').head.value);
    const literal = (rule: typeof module.rules[number]) => ((rule.body[1] as Extract<Expr, { kind: 'term' }>).term as Extract<Term, { type: 'call' }>).args[0];
    expect(literal(compiled('p'))).toBe(literal(parsed('p')));
  });

  it('leaves its input untouched (stages are pure)', () => {
    const module = parseModule('package test\n\nq := 1\np if { x := q; print(x) }\n', 'm.rego');
    const before = JSON.stringify(module);
    runStages({ modules: [module], rules: [], lookupBuiltin, sources: new Map() });
    expect(JSON.stringify(module)).toBe(before);
  });
});

describe('resolveRefs', () => {
  it('turns rule names and import aliases into full refs, but not locals', () => {
    const state = compile(
      'package lib\n\nf(x) := x\n',
      'package test\n\nimport data.lib\nimport input.user as u\n\nq := 1\np if { lib.f(q) == u.name; q := 2; q == 2 }\n',
    );
    expect(body(state, 'p')).toEqual(['assign(q, 2)', 'equal(data["lib"]["f"](q), input["user"]["name"])', 'equal(q, 2)']);
  });
});

describe('rewriteLocalVars', () => {
  it('renames comprehension locals and wildcards, keeping captured outer vars', () => {
    const state = compile('package test\n\np if {\n  n := 1\n  xs := [x | x := input.a[_]; x > n]\n  _ = xs\n}\n');
    const [, comp, wild] = body(state, 'p');
    expect(comp).toMatch(/^assign\(xs, \[x\$\d+ \| assign\(x\$\d+, input\["a"\]\[_\$\d+\]\); gt\(x\$\d+, n\)\]\)$/);
    expect(wild).toMatch(/^eq\(_\$\d+, xs\)$/);
  });

  it('gives every key and value their own names', () => {
    const state = compile('package test\n\np if {\n  v := 0\n  every v in input.xs { v > 0 }\n}\n');
    expect(body(state, 'p')[1]).toMatch(/^every v\$\d+ in input\["xs"\] \{ gt\(v\$\d+, 0\) \}$/);
  });
});

describe('reorderBodies', () => {
  it('moves an expression after the one binding its inputs', () => {
    const state = compile('package test\n\np if {\n  y > 1\n  y := x + 1\n  x := input.n\n}\n');
    expect(body(state, 'p')).toEqual(['assign(x, input["n"])', 'assign(y, plus(x, 1))', 'gt(y, 1)']);
  });

  it('treats the last argument of a builtin as an output', () => {
    const state = compile('package test\n\np if {\n  n > 1\n  count(input.xs, n)\n}\n');
    expect(body(state, 'p')).toEqual(['count(input["xs"], n)', 'gt(n, 1)']);
  });

  it('keeps the written order when it is already safe', () => {
    const state = compile('package test\n\np if {\n  input.a == 1\n  x := 2\n  input.b == x\n}\n');
    expect(body(state, 'p')).toEqual(['equal(input["a"], 1)', 'assign(x, 2)', 'equal(input["b"], x)']);
  });
});

describe('dropPrintCalls', () => {
  it('removes print from bodies and nested bodies', () => {
    const state = compile('package test\n\np if {\n  print("a")\n  xs := [x | x := 1; print(x)]\n}\n');
    expect(body(state, 'p')).toHaveLength(1);
    expect(body(state, 'p')[0]).not.toContain('print');
  });
});
