import { describe, expect, it } from 'vitest';
import { formatCsv, formatJson, formatTable } from '../../src/audit/report-format.js';

describe('formatCsv (RFC 4180)', () => {
  it('quotes fields with commas, quotes, CR or LF, doubles quotes, and ends lines with CRLF', () => {
    const csv = formatCsv(['a', 'b', 'c'], [{ a: 'x,y', b: 'say "hi"', c: 'two\nlines' }, { a: 'plain', b: 3, c: undefined }]);
    expect(csv).toBe('a,b,c\r\n"x,y","say ""hi""","two\nlines"\r\nplain,3,\r\n');
  });

  it('neutralizes spreadsheet formulas in text (CSV injection) but not numbers', () => {
    const csv = formatCsv(['tool', 'n'], [{ tool: '=HYPERLINK("http://evil","x")', n: -5 }, { tool: '@SUM(A1)', n: 1 }, { tool: '+1', n: 2 }, { tool: '-cmd', n: 3 }]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual([`"'=HYPERLINK(""http://evil"",""x"")",-5`, "'@SUM(A1),1", "'+1,2", "'-cmd,3"]);
  });
});

describe('formatTable', () => {
  it('aligns columns under a header and a rule', () => {
    expect(formatTable(['tool', 'calls'], [{ tool: 'read_file', calls: 12 }, { tool: 'ls', calls: 3 }])).toBe(
      'tool       calls\n---------  -----\nread_file  12\nls         3\n',
    );
  });

  it('shows control characters and bidi overrides from agents as escapes, so they cannot rewrite the terminal', () => {
    const table = formatTable(['tool'], [{ tool: 'evil\u001b[2J\u001b[31mtool' }, { tool: 'file\u202Etxt.exe' }]);
    expect(table).not.toMatch(/[\u001b\u202e]/);
    expect(table).toContain('evil\\u001b[2J\\u001b[31mtool');
    expect(table).toContain('file\\u202etxt.exe');
  });

  it('shortens long cells', () => {
    const table = formatTable(['detail'], [{ detail: 'x'.repeat(100) }]);
    expect(table.split('\n')[2]).toBe(`${'x'.repeat(59)}…`);
  });
});

describe('formatJson', () => {
  it('keeps the columns in order and leaves out empty ones', () => {
    expect(JSON.parse(formatJson(['a', 'b'], [{ b: 1, a: 'x', c: 'hidden' }, { a: 'y' }]))).toEqual([{ a: 'x', b: 1 }, { a: 'y' }]);
  });
});
