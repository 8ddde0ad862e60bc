// A growable byte buffer on the heap, for dumps and string building. The
// buffer record is [u32 ptr][u32 len][u32 cap].
import { malloc, realloc } from "./heap.as";

export function bufNew(cap: u32): u32 {
  const b = malloc(12);
  if (cap < 16) cap = 16;
  store<u32>(b, malloc(cap));
  store<u32>(b, 0, 4);
  store<u32>(b, cap, 8);
  return b;
}

// @ts-ignore: decorator
@inline export function bufPtr(b: u32): u32 {
  return load<u32>(b);
}

// @ts-ignore: decorator
@inline export function bufLen(b: u32): u32 {
  return load<u32>(b, 4);
}

/** Makes room for n more bytes; returns the address to write them at (then call bufAdvance). */
export function bufReserve(b: u32, n: u32): u32 {
  const len = load<u32>(b, 4);
  const cap = load<u32>(b, 8);
  if (len + n > cap) {
    let newCap = cap * 2;
    if (newCap < len + n) newCap = len + n;
    store<u32>(b, realloc(load<u32>(b), cap, newCap));
    store<u32>(b, newCap, 8);
  }
  return load<u32>(b) + len;
}

// @ts-ignore: decorator
@inline export function bufAdvance(b: u32, n: u32): void {
  store<u32>(b, load<u32>(b, 4) + n, 4);
}

export function bufByte(b: u32, c: u32): void {
  const p = bufReserve(b, 1);
  store<u8>(p, <u8>c);
  bufAdvance(b, 1);
}

export function bufBytes(b: u32, src: u32, n: u32): void {
  const p = bufReserve(b, n);
  memory.copy(p, src, n);
  bufAdvance(b, n);
}

/** Appends an ASCII literal. */
export function bufText(b: u32, s: string): void {
  const n = <u32>s.length;
  const p = bufReserve(b, n);
  for (let i: u32 = 0; i < n; i++) store<u8>(p + i, <u8>s.charCodeAt(i));
  bufAdvance(b, n);
}

export function bufInt(b: u32, v: i64): void {
  const p = bufReserve(b, 20);
  let u: u64 = v < 0 ? <u64>(-v) : <u64>v;
  let n: u32 = 0;
  // digits are written backwards into the tail of the reserved space, then moved
  const tmp = p + 20;
  do {
    n++;
    store<u8>(tmp - n, <u8>(48 + <u32>(u % 10)));
    u /= 10;
  } while (u > 0);
  let o: u32 = 0;
  if (v < 0) {
    store<u8>(p, 45);
    o = 1;
  }
  memory.copy(p + o, tmp - n, n);
  bufAdvance(b, n + o);
}
