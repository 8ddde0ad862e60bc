import type { PolicyTest } from '../dialect/index.js';
import type { DecisionDocument } from '../documents.js';

type Expect = PolicyTest['expect'];

/** What a test checks, or a reason it checks nothing (an empty `expect` is an error, not a pass). */
export function emptyExpectation(expect: Expect): string | undefined {
  return expect.allow === undefined && expect.rule === undefined && expect.reason_contains === undefined
    ? 'expect has nothing to check: give allow, rule or reason_contains'
    : undefined;
}

/** One line per expectation the decision does not meet; empty when it meets them all. */
export function unmetExpectations(expect: Expect, decision: DecisionDocument): string[] {
  const out: string[] = [];
  if (expect.allow !== undefined && decision.allow !== expect.allow) out.push(`expected ${verdict(expect.allow)}, got ${verdict(decision.allow)}`);
  if (expect.rule !== undefined && decision.rule !== expect.rule) {
    out.push(`expected rule ${JSON.stringify(expect.rule)}, got ${decision.rule === undefined ? 'no rule' : JSON.stringify(decision.rule)}`);
  }
  if (expect.reason_contains !== undefined && !decision.reasons.some((r) => r.includes(expect.reason_contains!))) {
    out.push(`expected a reason containing ${JSON.stringify(expect.reason_contains)}, got ${decision.reasons.length === 0 ? 'no reasons' : 'none'}`);
  }
  return out;
}

/** `DENY by rule no-shell with a reason containing "Shell"` */
export function describeExpectation(expect: Expect): string {
  const parts = [expect.allow === undefined ? 'a decision' : verdict(expect.allow)];
  if (expect.rule !== undefined) parts.push(`by rule ${expect.rule}`);
  if (expect.reason_contains !== undefined) parts.push(`with a reason containing ${JSON.stringify(expect.reason_contains)}`);
  return parts.join(' ');
}

/** `ALLOW by rule read-docs` */
export function describeDecision(decision: DecisionDocument): string {
  return decision.rule === undefined ? verdict(decision.allow) : `${verdict(decision.allow)} by rule ${decision.rule}`;
}

const verdict = (allow: boolean): string => (allow ? 'ALLOW' : 'DENY');
