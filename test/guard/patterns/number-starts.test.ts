import { describe, expect, it } from 'vitest';
import { findCardNumbers } from '../../../src/guard/patterns/pii/card.js';
import { findIbans } from '../../../src/guard/patterns/pii/iban.js';
import { numberStarts } from '../../../src/guard/patterns/pii/number-starts.js';
import { findNorthAmericanPhoneNumbers, findPhoneNumbers } from '../../../src/guard/patterns/pii/phone.js';
import { findSsns } from '../../../src/guard/patterns/pii/ssn.js';

const matchers = { findCardNumbers, findSsns, findNorthAmericanPhoneNumbers, findPhoneNumbers, findIbans };

/** Numbers of every kind, valid, invalid or nearly so, and what only looks like them. */
const pieces = [
  '4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '3782 822463 10005', '4 1 1 1 1 1 1 1 1 1 1 1 1', '12 34 56 78 90 12 34 4111 1111 1111 1111',
  '4111111111111111111111', '-4111111111111111', '4111 1111 1111 1111-2', '22 4111 1111 1111 1111 31', '4111111111111111 22', '3782 822463 10005 7', '123-45-6789', '123 45 6789', '123-45 6789', '000-12-3456', '123-45-67890',
  'SSN: 123456789', 'ssn123456789', 'Social Security Number - 234567890', 'social security 1234567890', 'SSN_123456789', '(415) 555-2671', '(415)555-2671',
  '415.555.2671', '1-415-555-2671', '1.(415) 555-2671', '415-555.2671', '415 555 2671', '555-2671', '+1 415 555 2671', '+44 20 7946 0958', 'GB82 WEST 1234 5698 7654 32',
  'GB82WEST12345698765432', 'DE89370400440532013000', 'gb82 west 1234 5698 7654 32', 'xGB82WEST12345698765432', '_DE89370400440532013000', 'AB12 CDEF',
  'v1.2.3', '2024-01-02', '10.0.0.1', '0x1234abcd5678ef90', '\uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11',
];
const glue = ['', ' ', '\n', '\r\n', ', ', '-', '.', '(', 'x', 'N', '\t', '\u00e9', '\ud800', '\udc00', '_', '+', '9'];

function randomText(seed: number, length: number): string {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const part = random() < 0.15 ? pick(pieces) : random() < 0.5 ? 'lorem ipsum dolor ' : '0123456789abcdef'.repeat(1 + Math.floor(random() * 3)).slice(Math.floor(random() * 16));
    parts.push(part, pick(glue));
    size += part.length + 1;
  }
  return parts.join('');
}

describe('PII number patterns tried only where they can start', () => {
  it('find the same numbers at the same places as the plain scans', () => {
    let found = 0;
    for (let n = 0; n < 30; n++) {
      const text = randomText(n + 1, 20_000);
      for (const [name, find] of Object.entries(matchers)) {
        const plain = find(text, false);
        found += plain.length;
        expect(find(text, true), `${name} case ${n}`).toEqual(plain);
      }
    }
    expect(found).toBeGreaterThan(1000);
  });

  it('find numbers at the very start and end of the text and around CRLF', () => {
    for (const piece of pieces) {
      for (const text of [piece, `${piece}\r\n${piece}`, `\r\n${piece}`, `${piece}\r\n`, `\u00e9${piece}\u00e9`, `\ud800${piece}\udc00`]) {
        for (const [name, find] of Object.entries(matchers)) expect(find(text, true), `${name} ${JSON.stringify(text)}`).toEqual(find(text, false));
      }
    }
  });
});

describe('PII number places in long runs', () => {
  it('are found wherever they lie in a run relative to the sixteen units the kernel reads at once, run edges included', () => {
    // Fillers keep the run going (capitals, digits, dots, single spaces) without holding a place of their own.
    const fillers = ['', 'Q', 'Q.1', 'QQ 1.2 ', 'A.B.C.D.E.F.G.H.', '1.2.3.4.5.6.7.8.9.', 'X-1 Y-2 Z-3 '];
    const edges = ['', 'a', 'x', 'n', ' ', '-', '\u00e9', '\ud800', '\r\n', '_'];
    let found = 0;
    for (const piece of pieces) {
      for (const filler of fillers) {
        for (let offset = 0; offset < 18; offset++) {
          const text = `${edges[offset % edges.length]}${filler}${'Q'.repeat(offset)}${piece}${'Q'.repeat(17 - offset)}${edges[(offset + 3) % edges.length]}`;
          for (const [name, find] of Object.entries(matchers)) {
            const plain = find(text, false);
            found += plain.length;
            expect(find(text, true), `${name} ${JSON.stringify(text)}`).toEqual(plain);
          }
        }
      }
    }
    expect(found).toBeGreaterThan(500);
  });
});

describe('numberStarts in runs read sixteen units at once', () => {
  it('lists a card chain of single digits and an IBAN with few digits, at every place in a run', () => {
    const chain = '4 1 1 1 1 1 1 1 1 1 1 1 1';
    for (let k = 0; k < 12; k++) {
      const lead = 'Q.'.repeat(k);
      expect(numberStarts(`${lead}${chain}`).card, `${k}`).toEqual(Array.from({ length: 13 }, (_, n) => lead.length + 2 * n));
      expect(numberStarts(`${lead}AB12 CDEF QQ`).iban, `${k}`).toEqual([lead.length]);
      expect(numberStarts(`x${lead}-AB12 CDEF QQ`).iban, `${k}`).toEqual([lead.length + 2]);
    }
    expect(numberStarts('AB12 CDEF QQ').iban).toEqual([0]);
    expect(numberStarts('aAB12 CDEF QQ').iban).toEqual([]);
  });
});

describe('numberStarts', () => {
  it('lists nothing for an empty text, prose, hex without long digit runs and full-width digits', () => {
    const none = { card: [], ssn: [], labelledSsn: [], phone: [], iban: [] };
    expect(numberStarts('')).toEqual(none);
    expect(numberStarts('lorem ipsum dolor sit amet, 12 34')).toEqual(none);
    expect(numberStarts('0a1b2c3d4e5f60718293a4b5c6d7e8f9'.repeat(10))).toEqual(none);
    expect(numberStarts('\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11')).toEqual(none);
  });

  it('lists where each kind can start, for numbers at both ends of the text', () => {
    expect(numberStarts('4111 1111 1111 1111').card).toEqual([0, 5, 10, 15]);
    expect(numberStarts('x 123-45-6789').ssn).toEqual([2]);
    expect(numberStarts('415-555-2671').phone).toEqual([0]);
    expect(numberStarts('call (415) 555-2671').phone).toContain(5);
    expect(numberStarts('GB82WEST12345698765432').iban).toEqual([0]);
    expect(numberStarts('aGB82WEST12345698765432').iban).toEqual([]);
    expect(numberStarts('ssn: 123456789').labelledSsn).toContain(0);
    expect(numberStarts('abc123456789').labelledSsn).toEqual([]);
  });
});
