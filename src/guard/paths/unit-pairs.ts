/**
 * Code units and the same memory read as 32-bit words, two units at a time
 * (the last unit of an odd count is in no word). A 32-bit view needs a
 * 4-byte-aligned offset: units that are not get copied first (those from
 * `codeUnits` always are: Node aligns its buffer pool to 8 bytes).
 */
export function unitPairs(units: Uint16Array): [Uint16Array, Uint32Array] {
  const aligned = units.byteOffset % 4 === 0 ? units : units.slice();
  return [aligned, new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 1)];
}
