import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/guard/detect.js';
import { piiKinds } from '../../../src/guard/kinds.js';
import { piiMatchers } from '../../../src/guard/patterns/pii/index.js';
import { linesMatching } from '../../../src/guard/text/digit-lines.js';

/** Numbers of every kind, valid or nearly so, and look-alikes with single digits only. */
const pieces = [
  '4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '3782 822463 10005', '4 1 1 1 1 1 1 1 1 1 1 1 1', '123-45-6789', '123 45 6789',
  'SSN: 123456789', 'social security number 234567890', '(415) 555-2671', '415.555.2671', '1-415-555-2671', '+44 20 7946 0958', '+1 2 3 4 5 6 7 8 9',
  'GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', 'DE89370400440532013000', 'jane.doe@example.com', 'v1.2.3', '2024-01-02',
  '378 282 246 310 005', 'ssn 123-45-678', 'AB12 CDEF', 'gb82 west 1234 5698 7654 32', '415 555 2671', '+49 (0) 30 901820',
];
const glue = [' ', '\n', '\n\n', ', ', '-', '.', '(', 'x', '\t'];

function kindsIn(text: string): string[] {
  return [...new Set(piiKinds.flatMap((kind) => piiMatchers[kind](text).map((m) => `${m.kind}: ${m.label}`)))].sort();
}

describe('PII in large texts', () => {
  it('reports the kinds the matchers find in the whole text, though numbers are searched only in the lines that can hold them', () => {
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    for (let n = 0; n < 40; n++) {
      const parts: string[] = [];
      while (parts.join('').length < 20_000) parts.push(random() < 0.02 ? pick(pieces) : 'lorem ipsum dolor sit', pick(glue));
      const text = parts.join('');
      const reported = detect({ text }, { tool: 'note' }, { detectors: ['pii'], maxFindingsPerDetector: 1000 }).map((f) => f.detail).sort();
      expect(reported, `case ${n}`).toEqual(kindsIn(text));
    }
  });

  it('finds each kind alone in a large text, on a line of its own or inside prose', () => {
    const filler = 'lorem ipsum dolor sit amet\n'.repeat(800);
    for (const piece of pieces) {
      for (const text of [`${filler}${piece}\n${filler}`, `${filler}see ${piece}, then${filler}`]) {
        const reported = detect({ text }, { tool: 'note' }, { detectors: ['pii'] }).map((f) => f.detail).sort();
        expect(reported, piece).toEqual(kindsIn(text));
      }
    }
  });

  it('keeps exactly the lines holding a match, in order, at the start and end of the text and around CRLF', () => {
    expect(linesMatching('a 1 b\nphone 415\nnone\n42\n7 7', /\d\d/)).toBe('phone 415\n42');
    expect(linesMatching('12', /\d\d/)).toBe('12');
    expect(linesMatching('no digits', /\d\d/)).toBe('');
    expect(linesMatching('', /\d\d/)).toBe('');
    expect(linesMatching('1234 first\r\nx 12 34\r\n\u00e9 5678\r\nlast 9999', /\d\d\d\d/)).toBe('1234 first\r\n\u00e9 5678\r\nlast 9999');
    expect(linesMatching('GB82 x 1234\nab12 GB 82', /[A-Z][A-Z]\d\d/)).toBe('GB82 x 1234');
    expect(linesMatching('11\n22\nx\n33\n44\n55', /\d\d/)).toBe('11\n22\n33\n44\n55');
    expect(linesMatching('\n12\n\n34\n', /\d\d/)).toBe('12\n34');
  });

  it('gives the text itself when every line holds a match', () => {
    const text = '12 a\n34 b\r\n56 c';
    expect(linesMatching(text, /\d\d/)).toBe(text);
  });
});

describe('PII in compatibility characters', () => {
  const details = (text: string) => detect({ text }, { tool: 'note' }, { detectors: ['pii'] }).map((f) => f.detail).sort();

  it('finds full-width numbers in large and small texts, and nothing more in the ASCII text around them', () => {
    const fullWidthCard = '\uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11';
    const filler = 'plain ascii line 12 and more\n'.repeat(1000);
    for (const text of [`card: ${fullWidthCard}`, `${filler}card: ${fullWidthCard}\n${filler}`]) {
      expect(details(text)).toEqual(['pii.card: Visa card number']);
    }
    expect(details(filler)).toEqual([]);
    expect(details(`${filler}card: 4111 1111 1111 1111`)).toEqual(['pii.card: Visa card number']);
  });
});
