import { formatTable } from '../../audit/report-format.js';
import type { Row } from '../../audit/report-rows.js';
import { gateFails, type FailOn } from './replay-gate.js';
import type { ChangedDecision, ReplayReport } from './replay-log.js';

export const REPLAY_FORMATS = ['table', 'json'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

const COLUMNS = ['time', 'seq', 'tool', 'session', 'recorded_rule', 'new_rule', 'new_reasons'] as const;

export function formatReplay(report: ReplayReport, format: ReplayFormat, failOn: FailOn): string {
  return format === 'json' ? replayJson(report, failOn) : replayTable(report, failOn);
}

function replayTable(report: ReplayReport, failOn: FailOn): string {
  const { newlyDenied, newlyAllowed } = report;
  const lines = [
    `Replayed ${report.calls} recorded call(s) with ${report.policy.origin} (${report.policy.revision.slice(0, 19)}): ` +
      `${newlyDenied.length} newly denied, ${newlyAllowed.length} newly allowed, ${report.unchanged} unchanged.`,
  ];
  for (const [title, changes] of [['Newly denied', newlyDenied], ['Newly allowed', newlyAllowed]] as const) {
    if (changes.length === 0) continue;
    lines.push('', `${title} (${changes.length}):`, formatTable(COLUMNS, changes.map(row)).trimEnd());
  }
  if (report.redactedCalls > 0) {
    const marked = [...newlyDenied, ...newlyAllowed].some((change) => change.call.redacted) ? ' (marked *)' : '';
    lines.push('', `Note: ${report.redactedCalls} call(s) had arguments or identity redacted in the log and were replayed with the redacted values${marked}.`);
  }
  if (report.skippedLines > 0) lines.push('', `${report.skippedLines} line(s) are not audit events and were skipped: run toolgate audit verify.`);
  lines.push('', gateLine(report, failOn));
  return `${lines.join('\n')}\n`;
}

function row({ call, now }: ChangedDecision): Row {
  return {
    time: call.time,
    seq: call.seq,
    tool: call.redacted ? `${call.tool} *` : call.tool,
    session: call.session,
    recorded_rule: call.recorded.rule,
    new_rule: now.rule,
    new_reasons: now.reasons.join('; '),
  };
}

function gateLine(report: ReplayReport, failOn: FailOn): string {
  if (failOn === 'none') return 'Gate: none (--fail-on none).';
  return gateFails(report, failOn) ? `FAIL: the policy changes recorded decisions (--fail-on ${failOn}).` : `PASS: no ${failOn === 'new-denies' ? 'newly denied calls' : 'changed decisions'} (--fail-on ${failOn}).`;
}

function replayJson(report: ReplayReport, failOn: FailOn): string {
  const change = ({ call, now }: ChangedDecision) => ({
    time: call.time,
    seq: call.seq,
    file: call.file,
    line: call.line,
    tool: call.tool,
    session: call.session,
    arguments: call.input.arguments,
    identity: call.input.identity,
    redacted: call.redacted,
    recorded: { decision: call.recorded.allow ? 'allow' : 'deny', rule: call.recorded.rule, policy_revision: call.recorded.revision },
    now: { decision: now.allow ? 'allow' : 'deny', rule: now.rule, reasons: now.reasons },
  });
  const body = {
    policy: report.policy,
    files: report.files,
    calls: report.calls,
    unchanged: report.unchanged,
    newly_denied: report.newlyDenied.map(change),
    newly_allowed: report.newlyAllowed.map(change),
    redacted_calls: report.redactedCalls,
    skipped_lines: report.skippedLines,
    gate: { fail_on: failOn, failed: gateFails(report, failOn) },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
