// bits.*: integer bit operations on i64 operands.
import { T_NUMBER, typeOf } from "../values.as";
import { numGetInt, numInt, numIsInt, numMul, numIsIntegral } from "../number.as";
import { builtinError, typeError } from "../errors.as";

/** 0 when v is an integer that fits an i64 (else the error result, which is 0 too, or an abort). */
function checkInt(name: string, pos: i32, v: u32): bool {
  if (typeOf(v) != T_NUMBER) {
    typeError(name, pos, "number", v);
    return false;
  }
  if (!numIsInt(v)) {
    if (numIsIntegral(v)) builtinError(name, "integer operand out of range");
    else typeError(name, pos, "integer", v);
    return false;
  }
  return true;
}

export function bi_bits_or(a: u32, b: u32): u32 {
  if (!checkInt("bits.or", 1, a) || !checkInt("bits.or", 2, b)) return 0;
  return numInt(numGetInt(a) | numGetInt(b));
}

export function bi_bits_and(a: u32, b: u32): u32 {
  if (!checkInt("bits.and", 1, a) || !checkInt("bits.and", 2, b)) return 0;
  return numInt(numGetInt(a) & numGetInt(b));
}

export function bi_bits_xor(a: u32, b: u32): u32 {
  if (!checkInt("bits.xor", 1, a) || !checkInt("bits.xor", 2, b)) return 0;
  return numInt(numGetInt(a) ^ numGetInt(b));
}

export function bi_bits_negate(a: u32): u32 {
  if (!checkInt("bits.negate", 1, a)) return 0;
  return numInt(~numGetInt(a));
}

export function bi_bits_lsh(a: u32, b: u32): u32 {
  if (!checkInt("bits.lsh", 1, a) || !checkInt("bits.lsh", 2, b)) return 0;
  const s = numGetInt(b);
  if (s < 0) return builtinError("bits.lsh", "operand 2 must be an unsigned integer number but got a negative integer");
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
  if (!checkInt("bits.rsh", 1, a) || !checkInt("bits.rsh", 2, b)) return 0;
  const s = numGetInt(b);
  if (s < 0) return builtinError("bits.rsh", "operand 2 must be an unsigned integer number but got a negative integer");
  const x = numGetInt(a);
  if (s >= 64) return numInt(x < 0 ? -1 : 0);
  return numInt(x >> s);
}
