import { describe, expect, it } from 'vitest';
import { parseModule, parseTerm } from '../../../../src/policy/rego/parse.js';
import { errorOf, rules, term } from './helpers.js';

describe('hostile input', () => {
  it('rejects nesting deeper than 256 levels with a positioned error instead of overflowing the stack', () => {
    expect(term(`${'[x | '.repeat(255)}x${']'.repeat(255)}`)).toMatch(/^(\[x \| ){255}x\]{255}$/);
    for (const [open, inner, close] of [
      ['[', '', ']'],
      ['(', '1', ')'],
      ['[x | ', 'x', ']'],
      ['{"a": ', '1', '}'],
      ['f(', '1', ')'],
    ]) {
      const source = open.repeat(5000) + inner + close.repeat(5000);
      expect(errorOf(() => parseTerm(source))).toMatch(/^term:1:\d+: rego_parse_error: terms nest too deeply \(more than 256 levels\)/);
    }
  });

  it('re-reads nested comprehension fallbacks without exponential work', () => {
    const n = 40; // 2^40 re-parses without memoization: this would never finish
    const source = `${'[a | '.repeat(n)}b${', c]'.repeat(n)}`;
    let expected = 'or(a, b)';
    for (let i = 1; i < n; i++) expected = `or(a, [${expected}, c])`;
    expect(term(source)).toBe(`[${expected}, c]`);
  });

  it('bounds chains that deepen the tree: operators, call suffixes, else', () => {
    const sum = (n: number) => Array.from({ length: n }, (_, i) => String(i)).join(' + ');
    expect(parseTerm(sum(257)).type).toBe('call');
    expect(errorOf(() => parseTerm(sum(258)))).toMatch(/^term:1:1433: rego_parse_error: terms nest too deeply \(more than 256 levels\)/);
    expect(errorOf(() => parseTerm(`f(1)${'.g(2)'.repeat(300)}`))).toMatch(/terms nest too deeply/);
    expect(errorOf(() => parseTerm(`x${' in y'.repeat(300)}`))).toMatch(/terms nest too deeply/);
    const elses = (n: number) => `package p\np := 0 if false\n${'else := 1 if false\n'.repeat(n)}`;
    expect(parseModule(elses(256), 'p.rego').rules).toHaveLength(1);
    expect(errorOf(() => parseModule(elses(257), 'p.rego'))).toMatch(/^p.rego:259:1: rego_parse_error: else chain nests too deeply/);
  });

  it('parses long flat sequences without recursion', () => {
    expect(term(`input${'.a'.repeat(20000)}`)).toBe(`input${'.a'.repeat(20000)}`);
    expect(parseTerm(`[${'1, '.repeat(20000)}]`)).toMatchObject({ type: 'array' });
    const body = Array.from({ length: 5000 }, (_, i) => `x${i} := ${i}`).join('\n');
    expect(parseModule(`package p\np if {\n${body}\n}`, 'p.rego').rules[0].body).toHaveLength(5000);
  });

  it('gives the same tree whichever way the parser backtracked', () => {
    expect(term('[_ | _, [_ | _]]')).toBe('[or(_, _), [_ | _]]');
    expect(rules('p if {_ | _ := 1}')).toEqual(['single p if { {_ | assign(_, 1)} }']);
    expect(rules('p if { _ == 1 }')).toEqual(['single p if { equal(_, 1) }']);
  });
});
