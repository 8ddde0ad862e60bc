// Kernels of the shell lexer (shell-lexer.ts), over a text's units in linear memory (kernel-memory.ts).

// The shell's special characters \ $ ` ' " < > ; | & \n \r by their nibbles: a character is special when the bit its
// high nibble selects in hiTable is set in the entry of its low nibble in loTable (bytes of 128 and more select none).
const hiTable = i8x16(1, 0, 2, 4, 0, 8, 16, 32, 0, 0, 0, 0, 0, 0, 0, 0);
// low nibble: 0 -> ` (6x); 2,4,6,7 -> " $ & ' (2x); A, D -> \n \r (0x); B, E -> ; > (3x); C -> < \ | (3x, 5x, 7x)
const loTable = i8x16(16, 0, 2, 0, 2, 0, 2, 2, 0, 0, 1, 4, 4 | 8 | 32, 1, 4, 0);

@inline function isSpecial(u: u32): bool {
  return u == 92 || u == 36 || u == 96 || u == 39 || u == 34 || u == 60 || u == 62 || u == 59 || u == 124 || u == 38 || u == 10 || u == 13
    || (u - 0xfe50) < 0x1c || (u - 0xff01) < 0x5e;
}

@inline function compat(v: v128): v128 {
  return v128.or(i16x8.lt_u(i16x8.sub(v, i16x8.splat(<i16>0xfe50)), i16x8.splat(0x1c)), i16x8.lt_u(i16x8.sub(v, i16x8.splat(<i16>0xff01)), i16x8.splat(0x5e)));
}

/**
 * Writes the positions of the shell's special characters and of the
 * full-width and small forms of ASCII characters (U+FE50-FE6B, U+FF01-FF5E)
 * in `units[from, to)` to `out` as i32, in order, and returns how many there
 * are. Sixteen units at a time: narrowed to bytes (with signed saturation:
 * units from 256 to 0x7fff become 255, larger ones 0, neither of them a
 * special character) and looked up by nibble, the forms by range.
 */
export function shellSpecials(units: usize, from: i32, to: i32, out: usize): i32 {
  let count = 0;
  let i = from;
  const low4 = i8x16.splat(0x0f);
  for (; i + 16 <= to; i += 16) {
    const a = v128.load(units + (<usize>i << 1));
    const b = v128.load(units + (<usize>i << 1), 16);
    const bytes = i8x16.narrow_i16x8_u(a, b);
    const lo = i8x16.swizzle(loTable, v128.and(bytes, low4));
    const hi = i8x16.swizzle(hiTable, i8x16.shr_u(bytes, 4));
    const ascii = v128.and(lo, hi);
    let bits = i8x16.bitmask(i8x16.ne(ascii, i8x16.splat(0))) | i16x8.bitmask(compat(a)) | (i16x8.bitmask(compat(b)) << 8);
    while (bits != 0) {
      store<i32>(out + (<usize>count << 2), i + ctz(bits));
      count++;
      bits &= bits - 1;
    }
  }
  for (; i < to; i++) {
    if (isSpecial(<u32>load<u16>(units + (<usize>i << 1)))) {
      store<i32>(out + (<usize>count << 2), i);
      count++;
    }
  }
  return count;
}
