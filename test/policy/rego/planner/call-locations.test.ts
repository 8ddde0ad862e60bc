import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../../../src/policy/rego/compile.js';
import { walkStmts, type Policy } from '../../../../src/policy/rego/ir.js';
import { parseModule } from '../../../../src/policy/rego/parse.js';

/** "func@file:row" for every call statement that carries a location. */
function locatedCalls(policy: Policy): string[] {
  const calls: string[] = [];
  for (const body of [...policy.plans, ...policy.funcs]) {
    walkStmts(body.blocks, (s) => {
      if (s.op === 'call' && s.location) calls.push(`${s.func}@${policy.static.files[s.location.file]}:${s.location.row}`);
    });
  }
  return calls.sort();
}

describe('call locations in the IR', () => {
  it('gives every builtin call the file and row it is written at, and planned function calls none', () => {
    const lib = parseModule('package lib\n\nsize(x) := n if {\n\tn := count(x)\n}\n', 'lib.rego');
    const rules = parseModule('package t\n\nimport data.lib\n\np := lib.size(input) + 1\n\nq if upper(input) == "A"\n', 'rules.rego');
    const policy = compileToIR([lib, rules], { entrypoints: ['t/p', 't/q'] });
    expect(locatedCalls(policy)).toEqual(['count@lib.rego:4', 'plus@rules.rego:5', 'upper@rules.rego:7']);
    expect(policy.static.files.sort()).toEqual(['lib.rego', 'rules.rego']);
  });
});
