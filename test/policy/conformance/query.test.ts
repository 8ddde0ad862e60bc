import { describe, expect, it } from 'vitest';
import type { ConformanceCase } from '../../../src/policy/conformance/cases.js';
import { planQuery } from '../../../src/policy/conformance/query.js';
import { runCase } from '../../../src/policy/conformance/run-case.js';

const partialObject = 'package x\n\np["a"] := 1\n\np["b"] := 2\n';

function queryCase(query: string, input: unknown, wantResult: ConformanceCase['wantResult']): ConformanceCase {
  return { dir: 'd', file: 'd/t.yaml', note: query, query, modules: [partialObject], input, wantResult, strictError: false, sortBindings: false };
}

describe('planning a conformance query', () => {
  it('binds the variable of `data.a.b = x` to the entrypoint a/b', () => {
    expect(planQuery('data.a.b = x')).toEqual({ kind: 'entrypoint', entrypoint: 'a/b', variable: 'x' });
    expect(planQuery('data = everything')).toEqual({ kind: 'entrypoint', entrypoint: '', variable: 'everything' });
  });

  it('compares `data.a.b = input` (or `= data`) against the document instead of binding it', () => {
    for (const doc of ['input', 'data']) {
      const plan = planQuery(`data.a.b = ${doc}`);
      expect(plan.kind).toBe('wrapped');
      expect(plan.kind === 'wrapped' && plan.variables).toEqual([]);
    }
  });

  it('never lists input, data or wildcards among the bindings of a wrapped query', () => {
    const plan = planQuery('x := input.a; data.q[y] = _z; y == data.w');
    expect(plan.kind === 'wrapped' && plan.variables).toEqual(['x', 'y']);
  });
});

describe('running a query against the input document', () => {
  it('has no result when the input differs from the rule, and one empty binding when it matches', async () => {
    expect(await runCase(queryCase('data.x.p = input', { a: 1, b: 2, c: 3 }, []), 'embedded')).toEqual({ status: 'pass' });
    expect(await runCase(queryCase('data.x.p = input', { a: 1, b: 2 }, [{}]), 'embedded')).toEqual({ status: 'pass' });
  });
});
