import { describe, expect, it } from 'vitest';
import { codeUnits } from '../../../src/guard/text/code-units.js';

const unitsByCharCodeAt = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('codeUnits', () => {
  it('gives the code units charCodeAt gives, lone surrogates, astral characters and NUL included', () => {
    for (const text of ['', 'a', 'plain ASCII', 'caf\u00e9 \u00ff', '\ud800 lone high', 'lone low \udc00', '\u{1F600} astral', 'nul\0byte', '\uffff\ufeff\u200b']) {
      expect([...codeUnits(text)]).toEqual(unitsByCharCodeAt(text));
    }
  });

  it('returns the same units for a text asked for again, and each text its own units once others evicted it', () => {
    const texts = Array.from({ length: 9 }, (_, i) => `text number ${i} `.repeat(i + 1));
    const first = codeUnits(texts[0]);
    expect(codeUnits(texts[0])).toBe(first);
    for (const text of texts) codeUnits(text);
    for (const text of texts) expect([...codeUnits(text)]).toEqual(unitsByCharCodeAt(text));
  });

  it('keeps units handed out intact when later texts are converted', () => {
    const held = codeUnits('held text');
    for (let i = 0; i < 20; i++) codeUnits(`another text ${i}`.repeat(100));
    expect(String.fromCharCode(...held)).toBe('held text');
  });
});
