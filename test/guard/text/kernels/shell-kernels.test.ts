import { describe, expect, it } from 'vitest';
import { kernel, kernelMemory, loadText, readInt32s, scratchAddress } from '../../../../src/guard/text/kernels/kernel-memory.js';

const shellEvents = kernel<(tables: number, units: number, length: number, from: number, to: number, out: number, ruleOuts: number) => number>('shellEvents');

/** The shell's special characters and the full-width and small forms of ASCII, by position. */
function specialsByRegex(text: string, from: number, to: number): number[] {
  return [...text.slice(from, to).matchAll(/[\\$`'"<>;|&\n\r\ufe50-\ufe6b\uff01-\uff5e]/g)].map((match) => from + match.index);
}

/** The kernel's events over `text`, in blocks ending at `ends`, without rule-outs on words (which need the lexer's tables). */
function events(text: string, ends = [text.length]): number[] {
  const units = loadText(text);
  const out = scratchAddress();
  kernelMemory(out + 4 * text.length + 64);
  const found = new Int32Array(text.length);
  const all: number[] = [];
  let from = 0;
  for (const to of ends) {
    const count = shellEvents(0, units, text.length, from, to, out, 0);
    readInt32s(out, count, found);
    all.push(...found.subarray(0, count));
    from = to;
  }
  return all;
}

describe('shellEvents kernel', () => {
  it('writes every special character and compatibility form no reader could pass over, at any offset, next to any unit', () => {
    // Without quotes, `$` and operators, none is dropped.
    const pieces = [...'\\`<>', 'plain words ', 'é', 'ж', '中', '\ud800', '😀', '\u00ff', '\u0100', '\u015c', '\u025c', '\ufe4f', '\ufe50', '\ufe6b', '\ufe6c', '\uff00', '\uff01', '\uff5e', '\uff5f', '\u2028', '\u3000'];
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 1500; i++) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const cut = Math.floor(random() * (text.length + 1));
      expect(events(text, [cut, text.length])).toEqual(specialsByRegex(text, 0, text.length));
    }
  });

  it('finds none in a unit that narrows to a special byte (U+015C holds the backslash 0x5C in its low byte)', () => {
    const text = '\u015c\u0124\u0160\u013c\u013e\u017c\u0126\u0122\u0127\u0460'.repeat(4);
    expect(events(text)).toEqual([]);
  });

  it('drops a `$` opening nothing, and operators followed by a line break or the end', () => {
    expect(events('a$b $( ${ $')).toEqual([4, 7]);
    expect(events('a;\nb|\r\nc&&\n;')).toEqual([2, 6, 10]);
  });

  it('drops a pair of the same quote in a row only where every reader sees the first', () => {
    expect(events('"a" \'b\' "c\' \'d"')).toEqual([8, 14]);
    expect(events('\\"" x"')).toEqual([0, 1]); // the escaped quote is written; the next two pair up
    expect(events('x>>"" y""')).toEqual([1, 2, 3, 4]);
  });

  it('writes a quote pending at the end of a block, and drops doubled operators across blocks', () => {
    expect(events('ab"cd"', [3, 6])).toEqual([2, 5]);
    expect(events('ab||', [3, 4])).toEqual([]);
  });
});
