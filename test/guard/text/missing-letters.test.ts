import { describe, expect, it } from 'vitest';
import { eachWordLacksALetter } from '../../../src/guard/text/missing-letters.js';

const words = ['instruction', 'prompt', 'rules', 'directions', 'guidelines'];
const lacks = (text: string) => eachWordLacksALetter(text, words);

/** Hex digits, lower case: the letters a-f only. */
function hex(length: number): string {
  let text = '';
  for (let seed = 3; text.length < length; ) text += ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 8).toString(16);
  return text.slice(0, length);
}

describe('eachWordLacksALetter', () => {
  const dense = hex(50_000);

  it('holds for hex, short or long, and for empty text', () => {
    expect(lacks(dense)).toBe(true);
    expect(lacks('3f2a')).toBe(true);
    expect(lacks('')).toBe(true);
    expect(lacks(`${dense}\r\n\ud800xyz\udfff`)).toBe(true);
  });

  it('does not hold where the letters of a word are all there, scattered, in either case, outside the sampled stretches too', () => {
    let scattered = dense;
    for (const [letter, at] of [['p', 25_001], ['R', 31_003], ['o', 40], ['M', 49_999], ['t', 12_345]] as const) scattered = `${scattered.slice(0, at)}${letter}${scattered.slice(at)}`;
    expect(lacks(scattered)).toBe(false);
  });

  it('looks for the letters it did not see in the sample over the whole text', () => {
    // "i" stands for "instruction" here, as the first letter of it hex lacks; none of these places is in the sample.
    for (const letter of ['i', 'I']) {
      for (const at of [70, 25_100, 49_000]) expect(lacks(`${dense.slice(0, at)}${letter}${dense.slice(at)}`), `${letter} at ${at}`).toBe(false);
    }
  });

  it('takes U+0130 for an "i", as squashing does (it lower-cases to "i" and a dot)', () => {
    expect(lacks(`${dense.slice(0, 30_001)}\u0130${dense.slice(30_001)}`)).toBe(false);
    expect(lacks(`${dense}\u0131\u00ec`)).toBe(true);
  });

  it('does not hold where every letter of a word is in the text', () => {
    expect(lacks(`${dense}p r o m p t`)).toBe(false);
    expect(lacks('lorem ipsum dolor sit amet, consectetur '.repeat(2000))).toBe(false);
  });
});
