import { codeUnits } from './code-units.js';

/** Texts at least this long are converted through `codeUnits`' cache; shorter ones get a copy of their own. */
const cachedFrom = 4096;

/**
 * The code units of a text for a scan loop. Short texts (windows, the
 * stretches around a folded run) are copied without going through
 * `codeUnits`' cache of the last few texts, so scanning hundreds of them does
 * not push out the long argument every detector reads; the copy is written
 * by `Buffer` (from its pool, aligned to 8 bytes), several times faster for
 * a short text than a `charCodeAt` loop into a new typed array.
 */
export function scanUnits(text: string): Uint16Array {
  if (text.length >= cachedFrom) return codeUnits(text);
  const bytes = Buffer.from(text, 'utf16le');
  return new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The code units two by two, the first of each pair in the low 16 bits (a
 * last odd unit left out): a scan loop reads two characters with one load.
 * A view of the same memory where the platform allows it, else a copy.
 */
export function unitPairs(units: Uint16Array): Uint32Array {
  if (littleEndian && units.byteOffset % 4 === 0) return new Uint32Array(units.buffer, units.byteOffset, units.length >> 1);
  const pairs = new Uint32Array(units.length >> 1);
  for (let k = 0; k < pairs.length; k++) pairs[k] = units[2 * k] | (units[2 * k + 1] << 16);
  return pairs;
}
