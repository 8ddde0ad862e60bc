import type { Row } from './report-rows.js';

export const REPORT_FORMATS = ['table', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MAX_CELL = 60;

/**
 * Tool names, arguments and reasons come from agents: in a terminal, control
 * characters (ANSI escapes) and bidi overrides could rewrite what the reader
 * sees, so they are shown as \u escapes.
 */
function visible(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const shown = visible(String(value));
  return shown.length > MAX_CELL ? `${shown.slice(0, MAX_CELL - 1)}…` : shown;
}

export function formatTable(columns: readonly string[], rows: Row[]): string {
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)));
  const render = (line: string[]) => line.map((value, i) => value.padEnd(widths[i])).join('  ').trimEnd();
  return [render([...columns]), render(widths.map((width) => '-'.repeat(width))), ...cells.map(render)].join('\n') + '\n';
}

/**
 * RFC 4180: CRLF line ends; fields with a comma, quote, CR or LF are quoted
 * and quotes doubled. Text starting with = + - @ or a tab is prefixed with an
 * apostrophe so a spreadsheet does not run it as a formula (CSV injection).
 */
function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatCsv(columns: readonly string[], rows: Row[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(row[column])).join(','))].map((line) => `${line}\r\n`).join('');
}

export function formatJson(columns: readonly string[], rows: Row[]): string {
  const picked = rows.map((row) => Object.fromEntries(columns.filter((column) => row[column] !== undefined).map((column) => [column, row[column]])));
  return `${JSON.stringify(picked, null, 2)}\n`;
}

export function formatRows(format: ReportFormat, columns: readonly string[], rows: Row[]): string {
  switch (format) {
    case 'table':
      return formatTable(columns, rows);
    case 'csv':
      return formatCsv(columns, rows);
    case 'json':
      return formatJson(columns, rows);
  }
}
