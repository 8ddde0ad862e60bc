import { describe, expect, it } from 'vitest';
import { emptyExpectation, unmetExpectations } from '../../../src/policy/testing/expectation.js';

const decision = { allow: false, rule: 'no-shell', reasons: ['Shell access is not permitted'] };

describe('unmetExpectations', () => {
  it('is empty when verdict, rule and reason all match', () => {
    expect(unmetExpectations({ allow: false, rule: 'no-shell', reason_contains: 'Shell access' }, decision)).toEqual([]);
  });

  it('names each unmet expectation', () => {
    expect(unmetExpectations({ allow: true, rule: 'reads', reason_contains: 'shell' }, decision)).toEqual([
      'expected ALLOW, got DENY',
      'expected rule "reads", got "no-shell"',
      'expected a reason containing "shell", got none',
    ]);
  });

  it('says when the decision has no rule or no reasons', () => {
    expect(unmetExpectations({ rule: 'x', reason_contains: 'y' }, { allow: true, reasons: [] })).toEqual(['expected rule "x", got no rule', 'expected a reason containing "y", got no reasons']);
  });

  it('matches reasons case-sensitively, as substrings of any one reason', () => {
    expect(unmetExpectations({ reason_contains: 'access is' }, decision)).toEqual([]);
    expect(unmetExpectations({ reason_contains: 'SHELL' }, decision)).toHaveLength(1);
  });
});

describe('emptyExpectation', () => {
  it('flags an expect that checks nothing', () => {
    expect(emptyExpectation({})).toBe('expect has nothing to check: give allow, rule or reason_contains');
    expect(emptyExpectation({ allow: false })).toBeUndefined();
  });
});
