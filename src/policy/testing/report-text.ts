import { describeDecision, describeExpectation } from './expectation.js';
import { formatDuration } from './format-duration.js';
import type { TestResult } from './test-result.js';

const OUTCOME_WORDS = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', skip: 'SKIPPED' } as const;
const RULE = '-'.repeat(80);

/**
 * The report `opa test` users expect: failing and erroring tests with why (every
 * test with `verbose`, grouped by file), then the counts.
 */
export function formatTextReport(results: TestResult[], options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.verbose) {
    for (const [file, group] of groupByFile(results)) {
      if (lines.length > 0) lines.push('');
      lines.push(`${file}:`);
      for (const result of group) lines.push(...resultLines(result));
    }
  } else {
    for (const result of results) if (result.outcome === 'fail' || result.outcome === 'error') lines.push(...resultLines(result));
  }
  lines.push(RULE, ...summaryLines(results));
  return lines.map(printable).join('\n') + '\n';
}

/**
 * Names and reasons come from test files and policies: control characters (terminal
 * escapes, carriage returns, line breaks) and bidirectional overrides are shown as
 * `\u001b` and never act on the terminal or reorder what is shown.
 */
function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `PASS: 3/5`, then FAIL, ERROR and SKIPPED counts when there are any. */
export function summaryLines(results: TestResult[]): string[] {
  const count = (outcome: TestResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const lines = [`PASS: ${count('pass')}/${results.length}`];
  for (const outcome of ['fail', 'error', 'skip'] as const) if (count(outcome) > 0) lines.push(`${OUTCOME_WORDS[outcome]}: ${count(outcome)}/${results.length}`);
  return lines;
}

function resultLines(result: TestResult): string[] {
  const head = `${result.name}: ${OUTCOME_WORDS[result.outcome]}${result.outcome === 'skip' ? '' : ` (${formatDuration(result.durationNs)})`}`;
  return [head, ...detailLines(result).map((line) => `  ${line}`)];
}

function detailLines(result: TestResult): string[] {
  const at = `${result.location.file}:${result.location.line}`;
  if (result.outcome === 'error') return [`${result.error!.at ?? at}: ${result.error!.code}: ${result.error!.message}`];
  if (result.outcome !== 'fail') return [];
  if (result.kind === 'rego') return [`${at}: ${result.rule} is ${result.value === undefined ? 'undefined' : JSON.stringify(result.value)}`];
  const decision = result.actual!;
  return [
    `${at}:${result.location.col}`,
    `expected: ${describeExpectation(result.expect)}`,
    `actual:   ${describeDecision(decision)}`,
    ...decision.reasons.map((reason, i) => `${i === 0 ? 'reasons: ' : '         '} ${reason}`),
  ];
}

function groupByFile(results: TestResult[]): Map<string, TestResult[]> {
  const groups = new Map<string, TestResult[]>();
  for (const result of results) groups.set(result.location.file, [...(groups.get(result.location.file) ?? []), result]);
  return groups;
}
