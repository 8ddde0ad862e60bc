import { describe, expect, it } from 'vitest';
import { buildBundle, loadBundle } from '../../../../src/policy/engine/index.js';
import { evalRego } from '../support/eval.js';

/**
 * The same plans run by the test interpreter and by the Wasm module the
 * toolchain emits (loaded through @open-policy-agent/opa-wasm): the
 * interpreter is the oracle for the emitter and runtime.
 */
interface Case {
  name: string;
  source: string | string[];
  entrypoint: string;
  input?: unknown;
  data?: unknown;
}

const pkg = (body: string): string => `package test\n\n${body}\n`;

const cases: Case[] = [
  { name: 'else chain', source: pkg('p := "a" if input.x == 1\nelse := "b" if input.x == 2\nelse := "c"'), entrypoint: 'test/p', input: { x: 2 } },
  { name: 'default', source: pkg('default p := "no"\np := "yes" if input.x == 1'), entrypoint: 'test/p', input: { x: 3 } },
  { name: 'partial set', source: pkg('s contains x if { some x in input.xs; x > 1 }'), entrypoint: 'test/s', input: { xs: [3, 1, 2, 3] } },
  { name: 'partial object', source: pkg('o[k] := v if { some k, v in input.m }'), entrypoint: 'test/o', input: { m: { a: 1, b: [2] } } },
  { name: 'ref heads with vars', source: pkg('p[q].r := i if q := ["x", "y"][i]\np.x.r := 0\np.z := 9'), entrypoint: 'test/p' },
  { name: 'sets below refs', source: pkg('p.q contains 1\np[k] contains 3 if k := "w"'), entrypoint: 'test/p' },
  { name: 'function patterns', source: pkg('f("a") := 1\nf([x, 2]) := x\nf({"k": v}) := v\np := [f("a"), f([7, 2]), f({"k": "z"})]'), entrypoint: 'test/p' },
  { name: 'function conflict', source: pkg('f(_) := 1\nf(_) := 2\np := f(0)'), entrypoint: 'test/p' },
  { name: 'complete conflict', source: pkg('p := 1\np := 2'), entrypoint: 'test/p' },
  { name: 'object key conflict', source: pkg('p[k] := v if { some v in [1, 2]; k := "same" }'), entrypoint: 'test/p' },
  { name: 'package with base data', source: pkg('r := 1\nk := "rule"'), entrypoint: 'test', data: { test: { b: 2, k: 'base' } } },
  { name: 'whole data', source: pkg('v := 1'), entrypoint: '', data: { other: 2 } },
  { name: 'integer keys into base data', source: pkg('p := [data.nested[2], data.list[1]]'), entrypoint: 'test/p', data: { nested: { '2': 'two' }, list: ['a', 'b'] } },
  { name: 'unification order', source: pkg('p := [x, y] if [x, y] = [y, 1]'), entrypoint: 'test/p' },
  { name: 'iteration at any position', source: pkg('p contains [x, y, v] if data.a[x].b[y] = v'), entrypoint: 'test/p', data: { a: [{ b: [1, 2] }, { b: [3] }] } },
  { name: 'negation through iteration', source: pkg('p if not bad\nbad if { some x in input.xs; x < 0 }'), entrypoint: 'test/p', input: { xs: [1, -2] } },
  { name: 'every', source: pkg('default p := false\np if every x in input.xs { x > 0 }'), entrypoint: 'test/p', input: { xs: [1, 2] } },
  { name: 'every over a non-collection', source: pkg('default p := false\np if every x in input.xs { x > 0 }'), entrypoint: 'test/p', input: { xs: 7 } },
  {
    name: 'comprehensions',
    source: pkg('p := [a, s, o] if {\n  n := 2\n  a := [y | x := input.xs[_]; y := x * n]\n  s := {x | x := input.xs[_]; x > 1}\n  o := {k: v | v := input.m[k]}\n}'),
    entrypoint: 'test/p',
    input: { xs: [1, 2, 2], m: { a: 1 } },
  },
  { name: 'walk relation', source: pkg('p contains path if walk(input, [path, "x"])'), entrypoint: 'test/p', input: { a: ['x', { b: 'x' }] } },
  {
    name: 'with on input, data and rules',
    source: ['package lib\n\nr := 1\ns := r + 1\n', 'package test\n\np := [a, b, c, d] if {\n  a := data.lib.s with data.lib.r as 10\n  b := data.lib with data.lib as {"x": 1}\n  c := data.lib.s\n  d := input.x with input.x as "mocked"\n}\n'],
    entrypoint: 'test/p',
    input: { x: 'real' },
  },
  {
    name: 'with on functions and builtins',
    source: pkg('f(x) := x + 1\ng(x) := x * 10\nc(_) := 42\nuses_f := f(1)\np := [a, b, c1, d, e] if {\n  a := uses_f with f as g\n  b := count([1, 2]) with count as c\n  c1 := count([1, 2]) with count as 7\n  d := f(1) with f as abs\n  v := 5\n  e := f(1) with f as v\n}'),
    entrypoint: 'test/p',
  },
  { name: 'replacement calls the original', source: pkg('mycount(x) := count(x) + 100\np := n if n := count([1]) with count as mycount'), entrypoint: 'test/p' },
  { name: 'long literal', source: pkg(`xs := [${Array.from({ length: 600 }, (_, i) => `{"id": ${i}}`).join(', ')}]\np := count(xs)`), entrypoint: 'test/p' },
];

/** Results as plain JSON, or the error code the evaluation raised. */
type Outcome = { results: unknown[] } | { error: string };

function viaInterpreter(c: Case): Outcome {
  try {
    return { results: evalRego(c.source, c.entrypoint, { input: c.input, data: c.data }) };
  } catch (e) {
    return { error: (e as Error).message.split(':')[0] };
  }
}

async function viaWasm(c: Case): Promise<Outcome> {
  const sources = Array.isArray(c.source) ? c.source : [c.source];
  const bundle = await buildBundle({ modules: sources.map((source, i) => ({ file: `policy${i}.rego`, source })), data: c.data, entrypoints: [c.entrypoint] });
  const loaded = await loadBundle(bundle);
  try {
    return { results: loaded.evaluate(c.input, c.entrypoint).map((r) => (r as { result: unknown }).result) };
  } catch (e) {
    return { error: (/eval_\w+_error/.exec((e as Error).message) ?? ['unknown'])[0] };
  }
}

describe('plans run the same in the interpreter and in Wasm', () => {
  for (const c of cases) {
    it(c.name, async () => {
      expect(await viaWasm(c)).toEqual(viaInterpreter(c));
    });
  }
});
