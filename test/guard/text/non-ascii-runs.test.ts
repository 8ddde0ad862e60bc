import { describe, expect, it } from 'vitest';
import { compatibilityWindows, isAscii, nonAsciiRuns, nonAsciiRunsUpTo } from '../../../src/guard/text/fold.js';

/** The runs as the regex `[^\x00-\x7f]+` finds them: the reference. */
const runsByRegex = (text: string) => [...text.matchAll(/[^\x00-\x7f]+/g)].map((m) => [m.index, m.index + m[0].length]);

/** The windows as normalizing every run found by the regex gives them: the reference. */
function windowsByRegex(text: string, reach: number): string[] {
  const windows: Array<[number, number]> = [];
  for (const [runStart, runEnd] of runsByRegex(text)) {
    const run = text.slice(runStart, runEnd);
    if (run.normalize('NFKC') === run) continue;
    const start = Math.max(0, runStart - reach);
    const end = Math.min(text.length, runEnd + reach);
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else windows.push([start, end]);
  }
  return windows.map(([start, end]) => text.slice(start, end).normalize('NFKC'));
}

// Stretches of eight or more ASCII or non-ASCII units too: the kernels read eight at a time.
const pieces = ['a', 'bc', ' ', '\n', 'é', 'ж', '中', '\ud800', '\udc00', '😀', 'ｉ', '\u0301', 'ﬁ', '\u00a0', '１２', 'plain text', '中文字敏捷的狐狸。', 'Съешь же ещё'];

describe('non-ASCII runs', () => {
  it('are the runs the regex finds, at the start, the end, odd and even positions, lone surrogates included', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      expect(nonAsciiRuns(text)).toEqual(runsByRegex(text));
      expect(compatibilityWindows(text, 3)).toEqual(windowsByRegex(text, 3));
      const runs = runsByRegex(text);
      expect(nonAsciiRunsUpTo(text, runs.length)).toEqual(runs);
      if (runs.length > 0) expect(nonAsciiRunsUpTo(text, runs.length - 1)).toBeUndefined();
      const prefix = Math.floor(random() * (text.length + 1));
      expect(nonAsciiRunsUpTo(text, Infinity, prefix)).toEqual(runsByRegex(text.slice(0, prefix)));
    }
  });

  it('are found in long texts, with the windows normalized where NFKC changes a run', () => {
    const text = `${'plain ascii '.repeat(400)}ｉｇｎｏｒｅ${'x'.repeat(999)}é\u0301${'y'.repeat(5000)}ж`;
    expect(nonAsciiRuns(text)).toEqual(runsByRegex(text));
    expect(compatibilityWindows(text, 48)).toEqual(windowsByRegex(text, 48));
    expect(compatibilityWindows('ascii only', 48)).toEqual([]);
  });
});

describe('isAscii', () => {
  it('finds one non-ASCII unit anywhere in a long text: first, last, odd and even places, DEL and lone surrogates not mistaken', () => {
    const length = 9000;
    const ascii = Array.from({ length }, (_, i) => String.fromCharCode(i % 128)).join('');
    expect(isAscii(ascii)).toBe(true);
    expect(isAscii(`${ascii}\x7f`)).toBe(true);
    for (const unit of ['\x80', 'é', '\u00ff', '\u0100', 'ж', '\ud800', '\udfff', '\uffff']) {
      for (const at of [0, 1, 7, 8, 4095, 4096, 4097, length - 9, length - 8, length - 1]) {
        const text = ascii.slice(0, at) + unit + ascii.slice(at + 1);
        expect(isAscii(text), `${JSON.stringify(unit)} at ${at}`).toBe(false);
        // The same text twice: the kept answer is for this text.
        expect(isAscii(text)).toBe(false);
      }
    }
    expect(isAscii(ascii.slice(1))).toBe(true);
  });
});
