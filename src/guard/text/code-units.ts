import { endianness } from 'node:os';

/**
 * The UTF-16 code units of texts as typed arrays, for the detectors' scan
 * loops. V8 reads a `Uint16Array` element about twice as fast as
 * `charCodeAt` in a scan loop, and a native copy of the units costs about
 * 0.13 ms per MiB. Units are exactly those `charCodeAt` returns, lone
 * surrogates included. Nothing here may be modified by its callers: the
 * arrays are shared.
 */

/** From this length on, texts are kept among the last few long ones; shorter ones only as the last short one. */
const longFrom = 4096;
/** Whether this host stores numbers little-endian, as WebAssembly memory and Buffer's "utf16le" do. */
export const littleEndianHost = endianness() === 'LE';

/**
 * The code units of `text`. The detectors of one argument ask for the same
 * long text with nested texts (decoded payloads, windows) in between, and for
 * the same short text one scan after another: the last four long texts and
 * the last short one are kept.
 */
export function codeUnits(text: string): Uint16Array {
  if (text.length < longFrom) {
    if (lastShort.text !== text) lastShort = { text, units: copyCodeUnits(text) };
    return lastShort.units;
  }
  for (const entry of recentLong) {
    if (entry.text !== text) continue;
    // Kept by this very string from now on: an equal one found by content would be compared in full at every call.
    entry.text = text;
    return entry.units;
  }
  const units = copyCodeUnits(text);
  recentLong[next] = { text, units };
  next = (next + 1) % recentLong.length;
  return units;
}

const none: { text: string; units: Uint16Array } = { text: '', units: new Uint16Array(0) };
let lastShort = none;
const recentLong: Array<{ text: string; units: Uint16Array }> = new Array(4).fill(none);
let next = 0;

/** A copy of the code units of `text` of its own, kept by nobody (for texts read once, such as windows: they push nothing out). */
export function copyCodeUnits(text: string): Uint16Array {
  // Small buffers come from Buffer's pool, which aligns each to 8 bytes: a 32-bit view of the units needs 4.
  const bytes = text.length < longFrom ? Buffer.from(text, 'utf16le') : Buffer.allocUnsafe(text.length * 2);
  if (text.length >= longFrom) bytes.write(text, 0, 'utf16le');
  if (!littleEndianHost) bytes.swap16();
  return new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
}

/**
 * The code units two by two, the first of each pair in the low 16 bits (a
 * last odd unit left out): a scan loop reads two characters with one load.
 * A view of the same memory where the platform allows it, else a copy.
 */
export function unitPairs(units: Uint16Array): Uint32Array {
  if (littleEndianHost && units.byteOffset % 4 === 0) return new Uint32Array(units.buffer, units.byteOffset, units.length >> 1);
  const pairs = new Uint32Array(units.length >> 1);
  for (let k = 0; k < pairs.length; k++) pairs[k] = units[2 * k] | (units[2 * k + 1] << 16);
  return pairs;
}
