import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/guard/detect.js';
import { piiKinds } from '../../../src/guard/kinds.js';
import { piiMatchers } from '../../../src/guard/patterns/pii/index.js';
import { compatibilityWindows } from '../../../src/guard/text/fold.js';

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
  it('reports the kinds the matchers find in the whole text, though numbers are tried only where they can start', () => {
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

describe('PII in the compatibility windows of a text, searched as one text', () => {
  /** What each window on its own gives, as the windows were searched before they were joined. */
  const perWindow = (text: string) =>
    [...new Set([text, ...compatibilityWindows(text, 48)].flatMap((variant) => piiKinds.flatMap((kind) => piiMatchers[kind](variant).map((m) => `${m.kind}: ${m.label}`))))].sort();
  const reported = (text: string) => detect({ text }, { tool: 'note' }, { detectors: ['pii'], maxFindingsPerDetector: 1000 }).map((f) => f.detail).sort();

  it('finds what the windows find one by one, where windows cut numbers, addresses and labels at their edges', () => {
    const fullWidth = (s: string) => s.replace(/[0-9A-Za-z@]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const pieces = [
      '4111 1111 1111 1111', '12345678901234567890123', '123-45-6789', 'SSN 123456789', '(415) 555-2671', '+44 20 7946 0958', 'GB82 WEST 1234 5698 7654 32',
      'jane.doe@example.com', `${'a'.repeat(70)}@example.com`, 'user@host.com:path/x', '。', '，', '½', fullWidth('4111 1111 1111 1111'), fullWidth('jane@example.com'),
    ];
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    for (let n = 0; n < 60; n++) {
      const parts: string[] = [];
      const length = n % 2 === 0 ? 2_000 : 20_000;
      while (parts.join('').length < length) parts.push(random() < 0.3 ? pick(pieces) : '文字'.repeat(1 + Math.floor(random() * 30)), pick(['', ' ', '\n', '\r\n', '-', 'x']));
      const text = parts.join('');
      expect(reported(text), `case ${n}`).toEqual(perWindow(text));
    }
  });
});
