import { builtinError } from './errors.js';
import { ensureString } from './operands.js';
import { exactInteger } from './values.js';

/*
 * units.parse and units.parse_bytes compute exactly (decimal mantissa and
 * exponent in BigInt) and round only once, when the result becomes a number,
 * so "1.1Ki" is 1126.4 and "0.0000005M" is 0.5; whole results keep every
 * digit ("10Ei" is 11529215046068469760).
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

interface Exact {
  mantissa: bigint;
  /** Power of ten applied to the mantissa. */
  exponent: number;
}

function parseDecimal(text: string): Exact | undefined {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const fraction = m[3] ?? '';
  const magnitude = BigInt(`${m[2]}${fraction}` || '0');
  return { mantissa: m[1] === '-' ? -magnitude : magnitude, exponent: Number(m[4] ?? 0) - fraction.length };
}

function scale(value: Exact, multiplier: bigint | number): Exact {
  if (typeof multiplier === 'bigint') return { mantissa: value.mantissa * multiplier, exponent: value.exponent };
  return { mantissa: value.mantissa, exponent: value.exponent + multiplier };
}

function toNumber({ mantissa, exponent }: Exact): number | bigint {
  if (exponent >= 0) return exactInteger(mantissa * 10n ** BigInt(exponent));
  const divisor = 10n ** BigInt(-exponent);
  return mantissa % divisor === 0n ? exactInteger(mantissa / divisor) : Number(`${mantissa}e${exponent}`);
}

function truncate({ mantissa, exponent }: Exact): number | bigint {
  return exactInteger(exponent >= 0 ? mantissa * 10n ** BigInt(exponent) : mantissa / 10n ** BigInt(-exponent));
}

/** Decimal suffixes are powers of ten (as exponents); binary suffixes multipliers. */
const DECIMAL_UNITS: Record<string, number> = { k: 3, m: 6, g: 9, t: 12, p: 15, e: 18 };
const BINARY_UNITS: Record<string, bigint> = { ki: 1n << 10n, mi: 1n << 20n, gi: 1n << 30n, ti: 1n << 40n, pi: 1n << 50n, ei: 1n << 60n };

function unquote(s: string): string {
  return s.replace(/"/g, '');
}

/** units.parse: SI suffixes (k, M, G, T, P, E; lower-case m is milli) and binary ones (Ki, Mi, ...), any case but m/M. */
function parse(value: unknown): number | bigint {
  const builtin = 'units.parse';
  const s = unquote(ensureString(builtin, 1, value));
  if (s === '') throw builtinError(builtin, 'no amount provided');
  if (/\s/.test(s)) throw builtinError(builtin, 'spaces not allowed in resource strings');
  const lower = s.toLowerCase();
  let number = s;
  let multiplier: bigint | number = 0;
  const binary = lower.slice(-2);
  if (lower.length > 2 && BINARY_UNITS[binary] !== undefined && !/\d/.test(binary[0])) {
    number = s.slice(0, -2);
    multiplier = BINARY_UNITS[binary];
  } else if (s.endsWith('m')) {
    number = s.slice(0, -1);
    multiplier = -3;
  } else if (DECIMAL_UNITS[lower.slice(-1)] !== undefined) {
    number = s.slice(0, -1);
    multiplier = DECIMAL_UNITS[lower.slice(-1)];
  }
  if (number === '') throw builtinError(builtin, 'no amount provided');
  const exact = parseDecimal(number);
  if (!exact) throw builtinError(builtin, 'could not parse amount to a number');
  return toNumber(scale(exact, multiplier));
}

/** units.parse_bytes: k/kb/K/KB are 1000, ki/kib/KiB 1024, and so on; the result is whole bytes. */
function parseBytes(value: unknown): number | bigint {
  const builtin = 'units.parse_bytes';
  const s = unquote(ensureString(builtin, 1, value));
  if (/\s/.test(s)) throw builtinError(builtin, 'spaces not allowed in resource strings');
  const m = /^(.*?)([kmgtpe]i?)?b?$/i.exec(s)!;
  const number = m[1];
  const unit = (m[2] ?? '').toLowerCase();
  if (number === '' || !/^[\d.]/.test(number)) throw builtinError(builtin, 'no byte amount provided');
  const exact = parseDecimal(number);
  if (!exact) throw builtinError(builtin, 'could not parse byte amount to a number');
  const multiplier = unit === '' ? 0 : unit.endsWith('i') ? BINARY_UNITS[unit] : DECIMAL_UNITS[unit];
  return truncate(scale(exact, multiplier));
}

export const unitBuiltins = {
  'units.parse': parse,
  'units.parse_bytes': parseBytes,
};
