import { describe, expect, it } from 'vitest';
import { LineReader, OVERSIZED_EDGE_BYTES } from '../../src/proxy/line-reader.js';

function collect(max = 1024) {
  const lines: Buffer[] = [];
  const oversized: Array<{ head: string; tail: string; size: number }> = [];
  const reader = new LineReader(max, {
    onLine: (line) => lines.push(Buffer.from(line)),
    onOversized: (head, tail, size) => oversized.push({ head: head.toString(), tail: tail.toString(), size }),
  });
  return { reader, lines, oversized };
}

describe('LineReader', () => {
  it('splits a chunk holding several lines, keeps each newline, and skips empty lines', () => {
    const { reader, lines } = collect();
    reader.push(Buffer.from('{"a":1}\n\n\r\n{"b":2}\r\n{"c"'));
    reader.push(Buffer.from(':3}\n'));
    expect(lines.map(String)).toEqual(['{"a":1}\n', '{"b":2}\r\n', '{"c":3}\n']);
  });

  it('reassembles multi-byte characters split across chunks byte-exact, at every split point', () => {
    const text = '{"t":"ü€😀𝄞 日本語 \u{10FFFF}"}';
    const bytes = Buffer.from(text + '\n');
    for (let split = 1; split < bytes.length - 1; split++) {
      const { reader, lines } = collect();
      reader.push(bytes.subarray(0, split));
      reader.push(bytes.subarray(split));
      expect(lines).toHaveLength(1);
      expect(lines[0].equals(bytes)).toBe(true);
    }
  });

  it('handles a line delivered one byte at a time', () => {
    const { reader, lines } = collect();
    for (const byte of Buffer.from('{"x":"é"}\n{"y":2}\n')) reader.push(Buffer.from([byte]));
    expect(lines.map(String)).toEqual(['{"x":"é"}\n', '{"y":2}\n']);
  });

  it('emits a last line without a newline when the input ends, newline added', () => {
    const { reader, lines } = collect();
    reader.push(Buffer.from('{"a":1}\n{"b":'));
    reader.push(Buffer.from('2}'));
    expect(lines).toHaveLength(1);
    reader.end();
    expect(lines.map(String)).toEqual(['{"a":1}\n', '{"b":2}\n']);
  });

  it('reports a line over the limit with its head, tail and size, then carries on', () => {
    const { reader, lines, oversized } = collect(100);
    const big = `{"method":"x","params":"${'a'.repeat(300)}","id":7}`;
    reader.push(Buffer.from(`{"ok":1}\n${big.slice(0, 50)}`));
    reader.push(Buffer.from(big.slice(50, 200)));
    reader.push(Buffer.from(`${big.slice(200)}\n{"ok":2}\n`));
    expect(lines.map(String)).toEqual(['{"ok":1}\n', '{"ok":2}\n']);
    expect(oversized).toHaveLength(1);
    expect(oversized[0].size).toBe(big.length);
    expect(big.startsWith(oversized[0].head)).toBe(true);
    expect(oversized[0].tail.endsWith('"id":7}')).toBe(true);
  });

  it('keeps only bounded edges of a huge oversized line', () => {
    const { reader, oversized } = collect(1000);
    const chunk = Buffer.alloc(65536, 0x61);
    for (let i = 0; i < 50; i++) reader.push(chunk);
    reader.push(Buffer.from('"}\n'));
    expect(oversized[0].size).toBe(50 * 65536 + 2);
    expect(oversized[0].head.length).toBe(OVERSIZED_EDGE_BYTES);
    expect(oversized[0].tail.length).toBe(OVERSIZED_EDGE_BYTES);
  });

  it('treats a line of exactly the limit as fine and one byte more as oversized', () => {
    const { reader, lines, oversized } = collect(10);
    reader.push(Buffer.from('0123456789\n01234567890\n'));
    expect(lines.map(String)).toEqual(['0123456789\n']);
    expect(oversized.map((o) => o.size)).toEqual([11]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new LineReader(0, { onLine() {}, onOversized() {} })).toThrow(/positive integer/);
    expect(() => new LineReader(1.5, { onLine() {}, onOversized() {} })).toThrow(/positive integer/);
  });
});
