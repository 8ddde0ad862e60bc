// bits.*: integer bit operations on i64 operands.
import { numGetInt, numInt, numMul } from "../number.as";
import { builtinError, checkIntOperand, operandError } from "../errors.as";


export function bi_bits_or(a: u32, b: u32): u32 {
  if (!checkIntOperand("bits.or", 1, a) || !checkIntOperand("bits.or", 2, b)) return 0;
  return numInt(numGetInt(a) | numGetInt(b));
}

export function bi_bits_and(a: u32, b: u32): u32 {
  if (!checkIntOperand("bits.and", 1, a) || !checkIntOperand("bits.and", 2, b)) return 0;
  return numInt(numGetInt(a) & numGetInt(b));
}

export function bi_bits_xor(a: u32, b: u32): u32 {
  if (!checkIntOperand("bits.xor", 1, a) || !checkIntOperand("bits.xor", 2, b)) return 0;
  return numInt(numGetInt(a) ^ numGetInt(b));
}

export function bi_bits_negate(a: u32): u32 {
  if (!checkIntOperand("bits.negate", 1, a)) return 0;
  return numInt(~numGetInt(a));
}

export function bi_bits_lsh(a: u32, b: u32): u32 {
  if (!checkIntOperand("bits.lsh", 1, a) || !checkIntOperand("bits.lsh", 2, b)) return 0;
  const s = numGetInt(b);
  if (s < 0) return operandError("bits.lsh", 2, "must be an unsigned integer number but got a negative integer");
  if (s > 4096) return builtinError("bits.lsh", "shift too large");
  // exact (arbitrary precision) shifts: multiply by 2^s
  let r = a;
  let remaining = s;
  while (remaining > 0) {
    const step = remaining > 30 ? 30 : remaining;
    r = numMul(r, numInt(<i64>1 << step));
    remaining -= step;
  }
  return r;
}

export function bi_bits_rsh(a: u32, b: u32): u32 {
  if (!checkIntOperand("bits.rsh", 1, a) || !checkIntOperand("bits.rsh", 2, b)) return 0;
  const s = numGetInt(b);
  if (s < 0) return operandError("bits.rsh", 2, "must be an unsigned integer number but got a negative integer");
  const x = numGetInt(a);
  if (s >= 64) return numInt(x < 0 ? -1 : 0);
  return numInt(x >> s);
}
