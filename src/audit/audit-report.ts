import { shadowDisagrees } from './call-outcome.js';
import { matchesQuery, type EventQuery } from './event-query.js';
import { readAuditEvents } from './read-audit-events.js';
import { formatRows, formatTable, type ReportFormat } from './report-format.js';
import { EVENT_COLUMNS, SHADOW_DIFF_COLUMNS, SUMMARY_COLUMNS, ToolSummary, eventRow, shadowDiffRow, type Row } from './report-rows.js';

export interface AuditReportOptions extends EventQuery {
  format: ReportFormat;
  /** Only the calls where the enforced and the shadow (candidate) policy disagree. */
  shadowDiff?: boolean;
}

export interface AuditReport {
  output: string;
  /** Lines that were not audit events (see `audit verify`). */
  skippedLines: number;
  matched: number;
}

/** `toolgate audit`: the events of a log that pass the filters, as a table (with per-tool totals), JSON or CSV. */
export async function buildAuditReport(files: string[], options: AuditReportOptions): Promise<AuditReport> {
  const skipped = { count: 0 };
  const rows: Row[] = [];
  const summary = new ToolSummary();
  let total = 0;
  let first: string | undefined;
  let last: string | undefined;
  for await (const event of readAuditEvents(files, skipped)) {
    if (event.type !== 'audit.checkpoint') {
      total++;
      first ??= event.time;
      last = event.time;
    }
    if (!matchesQuery(event, options)) continue;
    if (options.shadowDiff) {
      if (shadowDisagrees(event)) rows.push(shadowDiffRow(event));
      continue;
    }
    rows.push(eventRow(event));
    summary.add(event);
  }
  const columns = options.shadowDiff ? SHADOW_DIFF_COLUMNS : EVENT_COLUMNS;
  if (options.format !== 'table') return { output: formatRows(options.format, columns, rows), skippedLines: skipped.count, matched: rows.length };

  const span = first === undefined ? '' : ` from ${first} to ${last}`;
  const lines = [`${total} events in ${files.length} file(s)${span}; ${rows.length} match.`];
  if (skipped.count > 0) lines.push(`${skipped.count} line(s) are not audit events and were skipped: run toolgate audit verify.`);
  if (options.shadowDiff) {
    lines.push('', `Calls where the enforced and the shadow policy disagree: ${rows.length}`, '', formatTable(columns, rows));
  } else {
    lines.push('', 'Calls by tool:', '', formatTable(SUMMARY_COLUMNS, summary.rows()), 'Events:', '', formatTable(columns, rows));
  }
  return { output: lines.join('\n'), skippedLines: skipped.count, matched: rows.length };
}
