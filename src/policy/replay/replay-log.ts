import { readAuditEvents } from '../../audit/read-audit-events.js';
import type { DecisionDocument } from '../documents.js';
import type { ToolgatePolicy } from '../toolgate-policy.js';
import { recordedCall, type RecordedCall } from './recorded-call.js';

/** A recorded call the policy now decides the other way. */
export interface ChangedDecision {
  call: RecordedCall;
  now: DecisionDocument;
}

export interface ReplayReport {
  policy: { origin: string; revision: string };
  files: string[];
  calls: number;
  unchanged: number;
  newlyDenied: ChangedDecision[];
  newlyAllowed: ChangedDecision[];
  /** Calls whose arguments or identity were redacted in the log (their replay is approximate). */
  redactedCalls: number;
  /** Lines that are not audit events. */
  skippedLines: number;
}

/** Decides every call recorded in the log files again with `policy` and lists what changes. */
export async function replayLog(files: string[], policy: ToolgatePolicy): Promise<ReplayReport> {
  const report: ReplayReport = {
    policy: { origin: policy.origin, revision: policy.revision },
    files,
    calls: 0,
    unchanged: 0,
    newlyDenied: [],
    newlyAllowed: [],
    redactedCalls: 0,
    skippedLines: 0,
  };
  const skipped = { count: 0 };
  for await (const event of readAuditEvents(files, skipped)) {
    const call = recordedCall(event);
    if (call === undefined) continue;
    report.calls++;
    if (call.redacted) report.redactedCalls++;
    const now = policy.decide(call.input);
    if (now.allow === call.recorded.allow) report.unchanged++;
    else (now.allow ? report.newlyAllowed : report.newlyDenied).push({ call, now });
  }
  report.skippedLines = skipped.count;
  return report;
}
