/**
 * Classifies number text the way the runtime stores numbers: an integer that
 * fits an i64 becomes INT, anything else keeps its exact decimal text (REF).
 */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export type NumberConstant = { kind: 'int'; value: bigint } | { kind: 'ref'; text: string };

export function classifyNumber(text: string): NumberConstant {
  if (!JSON_NUMBER.test(text)) throw new Error(`not a number: ${JSON.stringify(text)}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const digits = (m[2] + (m[3] ?? '')).replace(/^0+/, '');
  let exp = Number(m[4] ?? '0') - (m[3]?.length ?? 0);
  if (digits === '') return { kind: 'int', value: 0n };
  const trimmed = digits.replace(/0+$/, '');
  exp += digits.length - trimmed.length;
  // integral and at most 19 digits: compute exactly and range-check
  if (exp >= 0 && trimmed.length + exp <= 19) {
    const magnitude = BigInt(trimmed) * 10n ** BigInt(exp);
    const value = m[1] === '-' ? -magnitude : magnitude;
    if (value >= I64_MIN && value <= I64_MAX) return { kind: 'int', value };
  }
  return { kind: 'ref', text };
}
