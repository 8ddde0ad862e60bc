import { typeError } from './errors.js';
import { RegoSet } from '../rego-set.js';

/*
 * Operand checks shared by every host builtin, so each type error reads the
 * same: "<builtin>: operand <n> must be <type> but got <type>". A Rego set
 * arrives as a RegoSet from toolgate's modules, and as a plain array from
 * bundles built by OPA, so "set" accepts any array; "array" takes no RegoSet.
 * Integers beyond 2^53 arrive as BigInt to builtins that ask for them.
 */

export type JsonObject = { [key: string]: unknown };

export type OperandType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'set';

/** The Rego type name of a JSON-decoded value. */
export function typeNameOf(value: unknown): OperandType {
  if (value === null) return 'null';
  if (value instanceof RegoSet) return 'set';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      return 'object';
    default:
      throw new TypeError(`not a JSON value: ${typeof value}`);
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(value: unknown, type: OperandType): boolean {
  if (type === 'set') return Array.isArray(value);
  return typeNameOf(value) === type;
}

function expectation(types: readonly OperandType[]): string {
  return types.length === 1 ? types[0] : `one of {${types.join(', ')}}`;
}

/** Fails unless the operand has one of the types; the message lists them in the given order. */
export function ensureOneOf(builtin: string, pos: number, value: unknown, types: readonly OperandType[]): void {
  if (!types.some((t) => matches(value, t))) {
    throw typeError(builtin, `operand ${pos} must be ${expectation(types)} but got ${typeNameOf(value)}`);
  }
}

export function ensureString(builtin: string, pos: number, value: unknown): string {
  ensureOneOf(builtin, pos, value, ['string']);
  return value as string;
}

export function ensureNumber(builtin: string, pos: number, value: unknown): number {
  ensureOneOf(builtin, pos, value, ['number']);
  return value as number;
}

export function ensureInteger(builtin: string, pos: number, value: unknown): number {
  const n = ensureNumber(builtin, pos, value);
  if (!Number.isInteger(n)) {
    throw typeError(builtin, `operand ${pos} must be integer number but got floating-point number`);
  }
  return n;
}

export function ensureObject(builtin: string, pos: number, value: unknown): JsonObject {
  ensureOneOf(builtin, pos, value, ['object']);
  return value as JsonObject;
}

export function ensureArray(builtin: string, pos: number, value: unknown): unknown[] {
  ensureOneOf(builtin, pos, value, ['array']);
  return value as unknown[];
}

/** A set or an array operand (both arrive as arrays). */
export function ensureCollection(builtin: string, pos: number, value: unknown, types: readonly OperandType[] = ['set', 'array']): unknown[] {
  ensureOneOf(builtin, pos, value, types);
  return value as unknown[];
}

/** Every element of a collection operand must be a string ("operand 1 must be set of strings but got set containing number"). */
export function ensureStrings(builtin: string, pos: number, values: readonly unknown[]): string[] {
  const collection = typeNameOf(values);
  for (const v of values) {
    if (typeof v !== 'string') {
      throw typeError(builtin, `operand ${pos} must be ${collection} of strings but got ${collection} containing ${typeNameOf(v)}`);
    }
  }
  return values as string[];
}
