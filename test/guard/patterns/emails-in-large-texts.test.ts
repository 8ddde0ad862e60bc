import { describe, expect, it } from 'vitest';
import { findEmails } from '../../../src/guard/patterns/pii/email.js';

describe('findEmails in large texts', () => {
  it('finds what it finds in each line on its own, at both ends, next to Cyrillic "р" and lone surrogates', () => {
    const pieces = ['jane.doe@example.com', 'git@github.com:org/repo', 'icon@2x.png', '@', 'a@b', '\u0440\u0440@\u0440', 'x@\ud800', 'user@host.com:', ' ', '\u0440', 'lorem ipsum ', 'пример@почта.рф'];
    let seed = 19;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 10; n++) {
      const lines = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
      lines[0] = `me@example.org ${lines[0]}`;
      lines[lines.length - 1] += ' you@example.net';
      const text = lines.join(n % 2 === 0 ? '\n' : '\r\n');
      expect(text.length).toBeGreaterThan(16 * 1024);
      const expected = [];
      let offset = 0;
      for (const line of lines) {
        expected.push(...findEmails(line).map((m) => ({ ...m, start: m.start + offset, end: m.end + offset })));
        offset += line.length + (n % 2 === 0 ? 1 : 2);
      }
      expect(findEmails(text), `case ${n}`).toEqual(expected);
      expect(expected.length).toBeGreaterThan(100);
    }
  });
});
