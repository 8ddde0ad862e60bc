/**
 * Checks a Rego number literal the way OPA does and returns what is wrong
 * with it, if anything. `text` is the full literal (`-1`, `.5`, `1e400`);
 * `dotPrefix` is set when it was written with a leading `.`.
 */
export function checkNumberLiteral(text: string, dotPrefix: boolean): string | undefined {
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  const digits = dotPrefix ? unsigned.slice(1) : unsigned;
  if (dotPrefix && digits.includes('.')) return `invalid number ${text}`;
  if (!dotPrefix && digits.length > 1 && digits[0] === '0' && !/^0[.eE]/.test(digits)) {
    return `invalid number ${text}: leading zeros are not allowed`;
  }
  if (Math.abs(decimalMagnitude(unsigned)) > maxDecimalMagnitude) return `number too big: ${text}`;
  return undefined;
}

/** OPA rejects binary exponents beyond ±1e5, which is about ±30103 in decimal. */
const maxDecimalMagnitude = 30000;

/** Power of ten of the leading significant digit (0 for zero). */
function decimalMagnitude(unsigned: string): number {
  const e = unsigned.search(/[eE]/);
  const mantissa = e < 0 ? unsigned : unsigned.slice(0, e);
  const exponent = e < 0 ? 0 : Number(unsigned.slice(e + 1));
  const point = mantissa.indexOf('.');
  const intPart = point < 0 ? mantissa : mantissa.slice(0, point);
  const fraction = point < 0 ? '' : mantissa.slice(point + 1);
  const intSignificant = intPart.replace(/^0+/, '');
  if (intSignificant.length > 0) return intSignificant.length - 1 + exponent;
  const firstNonZero = fraction.search(/[1-9]/);
  if (firstNonZero < 0) return 0;
  return -(firstNonZero + 1) + exponent;
}
