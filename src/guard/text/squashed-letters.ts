import { codeUnits } from './code-units.js';

/**
 * The ASCII letters of `text[start, end)` in lower case, everything else
 * dropped: what `text.slice(start, end).toLowerCase().replace(/[^a-z]+/g, '')`
 * gives, in one pass over the code units without the intermediate copies.
 * A few non-ASCII characters lower-case to ASCII letters (the Kelvin sign to
 * `k`, the dotted capital I to `i` and a dot); a window holding one of those
 * is squashed the long way.
 */
export function squashedLetters(text: string | { slice(start: number, end: number): string }, start: number, end: number): string {
  if (typeof text !== 'string') return squashedLetters(text.slice(start, end), 0, end - start);
  const units = codeUnits(text);
  const letters = new Uint8Array(end - start);
  let length = 0;
  for (let i = start; i < end; i++) {
    const unit = units[i];
    if (unit >= 128) {
      if (lowersToAsciiLetter(unit)) return text.slice(start, end).toLowerCase().replace(/[^a-z]+/g, '');
      continue;
    }
    const lower = unit | 32;
    if (lower >= 97 && lower <= 122) letters[length++] = lower;
  }
  return Buffer.from(letters.buffer, 0, length).toString('latin1');
}

/** Per code unit: 1 when its lower case holds an ASCII letter; filled in blocks of 256 the first time one is asked about. */
const lowersToLetter = new Uint8Array(65536);
const filledBlocks = new Uint8Array(256);

function lowersToAsciiLetter(unit: number): boolean {
  const block = unit >> 8;
  if (filledBlocks[block] === 0) {
    filledBlocks[block] = 1;
    for (let code = block << 8; code < (block + 1) << 8; code++) {
      if (/[a-z]/.test(String.fromCharCode(code).toLowerCase())) lowersToLetter[code] = 1;
    }
  }
  return lowersToLetter[unit] === 1;
}
