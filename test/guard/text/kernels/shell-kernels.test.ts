import { describe, expect, it } from 'vitest';
import { kernel, kernelMemory, loadText, readInt32s, scratchAddress } from '../../../../src/guard/text/kernels/kernel-memory.js';

const shellSpecials = kernel<(units: number, from: number, to: number, out: number) => number>('shellSpecials');

/** The reference: the shell's special characters and the full-width and small forms of ASCII, by position. */
function specialsByRegex(text: string, from: number, to: number): number[] {
  return [...text.slice(from, to).matchAll(/[\\$`'"<>;|&\n\r\ufe50-\ufe6b\uff01-\uff5e]/g)].map((match) => from + match.index);
}

function specialsByKernel(text: string, from: number, to: number): number[] {
  const units = loadText(text);
  const out = scratchAddress();
  kernelMemory(out + 4 * text.length);
  const found = new Int32Array(text.length);
  const count = shellSpecials(units, from, to, out);
  readInt32s(out, count, found);
  return [...found.subarray(0, count)];
}

describe('shellSpecials kernel', () => {
  it('finds every special character and compatibility form, at any offset, next to any unit', () => {
    const pieces = [...'\\$`\'"<>;|&\n\r', 'plain words ', 'é', 'ж', '中', '\ud800', '😀', '\u00ff', '\u0100', '\u015c', '\u025c', '\ufe4f', '\ufe50', '\ufe6b', '\ufe6c', '\uff00', '\uff01', '\uff5e', '\uff5f', '\u2028', '\u3000'];
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 1500; i++) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const from = Math.floor(random() * (text.length + 1));
      const to = from + Math.floor(random() * (text.length - from + 1));
      expect(specialsByKernel(text, from, to)).toEqual(specialsByRegex(text, from, to));
    }
  });

  it('finds none in a unit that narrows to a special byte (U+015C holds the backslash 0x5C in its low byte)', () => {
    const text = '\u015c\u0124\u0160\u013c\u013e\u017c\u0126\u0122\u0127\u0460'.repeat(4);
    expect(specialsByKernel(text, 0, text.length)).toEqual([]);
  });
});
