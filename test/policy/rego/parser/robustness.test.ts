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

  it('parses long else chains and long operator chains iteratively', () => {
    const chain = `p := 0 if false\n${'else := 1 if false\n'.repeat(20000)}else := 2`;
    let rule = parseModule(`package p\n${chain}`, 'p.rego').rules[0];
    let length = 0;
    while (rule.else) {
      rule = rule.else;
      length++;
    }
    expect(length).toBe(20001);
    expect(parseTerm(Array.from({ length: 50000 }, (_, i) => String(i)).join(' + ')).type).toBe('call');
    expect(term(`input${'.a'.repeat(20000)}`)).toBe(`input${'.a'.repeat(20000)}`);
    expect(term(`f(1)${'.g(2)'.repeat(0)}`)).toBe('f(1)');
  });

  it('keeps wildcard numbering stable when the parser backtracks', () => {
    expect(term('[_ | _, [_ | _]]')).toBe('[or($0, $1), [$2 | $3]]');
    expect(rules('p if {_ | _ := 1}')).toEqual(['single p if { {$0 | assign($1, 1)} }']);
    expect(rules('p if { _ == 1 }')).toEqual(['single p if { equal($0, 1) }']);
  });
});
