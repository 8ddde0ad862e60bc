import { isObject, typeNameOf } from './operands.js';
import { RegoSet } from '../rego-set.js';

/*
 * Rego semantics for JSON-decoded values on the host: ordering, equality, and
 * the textual form OPA prints (`{"a": 1}`, `["x", 2]`).
 */

const TYPE_ORDER = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6 } as const;

/** Rego's total order: null < booleans < numbers < strings < arrays < objects. */
export function compareValues(a: unknown, b: unknown): number {
  const ta = TYPE_ORDER[typeNameOf(a)];
  const tb = TYPE_ORDER[typeNameOf(b)];
  if (ta !== tb) return ta - tb;
  if (a === null) return 0;
  if (typeof a === 'boolean' || typeof a === 'number') return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (Array.isArray(a)) return compareArrays(a, b as unknown[]);
  return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
}

/** Byte-wise (UTF-8) order, as Go compares strings; code point order gives the same result. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done) return cb.done ? 0 : -1;
    if (cb.done) return 1;
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a).sort(compareStrings);
  const kb = Object.keys(b).sort(compareStrings);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const ck = compareStrings(ka[i], kb[i]);
    if (ck !== 0) return ck;
    const cv = compareValues(a[ka[i]], b[kb[i]]);
    if (cv !== 0) return cv;
  }
  return ka.length - kb.length;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0;
}

/** Sorted and without duplicates: the canonical form of a set result. */
export function toSet<T>(values: Iterable<T>): T[] {
  const sorted = [...values].sort(compareValues);
  return sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1], v) !== 0);
}

/** A number as OPA prints it: integers in full, other values in their shortest form. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}

/** The Rego text of a value, as OPA prints terms: strings quoted, `{"a": 1}`, `[1, 2]`, `{1, 2}`, `set()`. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return formatNumber(value);
  if (value === null || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof RegoSet) return value.length === 0 ? 'set()' : `{${toSet(value).map(formatValue).join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${formatValue(value[k])}`).join(', ')}}`;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}

/**
 * A host result given as JSON text, passed to the module as it is (so numbers
 * keep every digit). Its objects must have no key starting with U+0000, which
 * toolgate's tagged JSON reserves (../host-values.ts).
 */
export function rawJson(text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A host result as a plain JavaScript value, for callers other than the SDK (raw JSON decoded; big integers round to doubles). */
export function plainResult(result: unknown): unknown {
  if (typeof result === 'bigint') return Number(result);
  return result instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(result)) : result;
}

/** An integer for a host result: a number when a double holds it exactly, else the BigInt (written as exact digits). */
export function exactInteger(n: bigint): number | bigint {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) return n;
  return Number(n);
}
