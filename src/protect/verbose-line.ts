/** `--verbose`: one line per decided call, safe to print on a terminal. */
import type { CallReport } from './protect-options.js';
import { terminalSafe } from './terminal-safe.js';

export function verboseLine(report: CallReport): string {
  const parts = [`${report.outcome} ${terminalSafe(report.tool)}`];
  if (report.outcome !== 'allowed' && report.reasons.length > 0) parts[0] += `: ${terminalSafe(report.reasons.join('; '))}`;
  const facts: string[] = [];
  if (report.decision?.rule !== undefined) facts.push(`rule ${terminalSafe(report.decision.rule)}`);
  if (report.evalMicros !== undefined) facts.push(`${report.evalMicros} µs`);
  if (report.shadow !== undefined) {
    const shadow = report.shadow;
    facts.push(`shadow policy: ${shadow.allow ? 'allow' : 'deny'}${shadow.rule === undefined ? '' : ` (rule ${terminalSafe(shadow.rule)})`}`);
  }
  if (facts.length > 0) parts.push(`[${facts.join(', ')}]`);
  return parts.join(' ');
}
