import type { ConformanceCase } from './cases.js';
import type { CaseOutcome, CaseStatus } from './run-case.js';

export interface CaseRecord {
  dir: string;
  file: string;
  note: string;
  status: CaseStatus;
  message?: string;
}

export interface Summary {
  total: number;
  pass: number;
  byStatus: Partial<Record<CaseStatus, number>>;
  core?: { total: number; pass: number };
}

export function toRecords(cases: ConformanceCase[], outcomes: CaseOutcome[]): CaseRecord[] {
  return cases.map((c, i) => ({ dir: c.dir, file: c.file, note: c.note, status: outcomes[i].status, message: outcomes[i].message }));
}

export function summarize(records: CaseRecord[], coreDirs?: ReadonlySet<string>): Summary {
  const byStatus: Summary['byStatus'] = {};
  for (const r of records) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const summary: Summary = { total: records.length, pass: byStatus.pass ?? 0, byStatus };
  if (coreDirs) {
    const core = records.filter((r) => coreDirs.has(topDir(r.dir)));
    summary.core = { total: core.length, pass: core.filter((r) => r.status === 'pass').length };
  }
  return summary;
}

export function formatReport(records: CaseRecord[], summary: Summary): string {
  const perDir = new Map<string, { total: number; pass: number }>();
  for (const r of records) {
    const row = perDir.get(r.dir) ?? { total: 0, pass: 0 };
    row.total++;
    if (r.status === 'pass') row.pass++;
    perDir.set(r.dir, row);
  }
  const width = Math.max(9, ...[...perDir.keys()].map((d) => d.length));
  const lines = [`${'directory'.padEnd(width)}  cases   pass      %`];
  for (const [dir, row] of [...perDir].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${dir.padEnd(width)}  ${String(row.total).padStart(5)}  ${String(row.pass).padStart(5)}  ${percent(row.pass, row.total).padStart(5)}`);
  }
  lines.push('', 'by status:');
  for (const [status, count] of Object.entries(summary.byStatus).sort(([, a], [, b]) => b - a)) lines.push(`  ${status.padEnd(20)} ${count}`);
  if (summary.core) lines.push('', `core directories: ${summary.core.pass} / ${summary.core.total} pass (${percent(summary.core.pass, summary.core.total)}%)`);
  lines.push(`all cases: ${summary.pass} / ${summary.total} pass (${percent(summary.pass, summary.total)}%)`);
  return lines.join('\n');
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : ((100 * part) / whole).toFixed(1);
}

function topDir(dir: string): string {
  return dir.split(/[\\/]/)[0];
}
