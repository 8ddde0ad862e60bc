/**
 * The operator builtins and a few core ones, over interpreter values, for the
 * test-only IR interpreter. Everything else comes from the host builtins.
 */
import { RObject, RSet, compare, equal, typeName, type Value } from './values.js';
import { EvalError } from './interpreter.js';

export type BuiltinImpl = (...args: Value[]) => Value | undefined;

function typeError(name: string, pos: number, want: string, got: Value): never {
  throw new EvalError('eval_type_error', `${name}: operand ${pos} must be ${want} but got ${typeName(got)}`);
}

function num(name: string, pos: number, v: Value): number {
  if (typeof v !== 'number') typeError(name, pos, 'number', v);
  return v;
}

function arith(name: string, f: (a: number, b: number) => number): BuiltinImpl {
  return (a, b) => f(num(name, 1, a), num(name, 2, b));
}

function setOp(name: string, f: (a: RSet, b: RSet) => RSet): BuiltinImpl {
  return (a, b) => {
    if (!(a instanceof RSet)) typeError(name, 1, 'set', a);
    if (!(b instanceof RSet)) typeError(name, 2, 'set', b);
    return f(a, b);
  };
}

function members(xs: Value): Array<[Value, Value]> {
  if (Array.isArray(xs)) return xs.map((v, i) => [i, v]);
  if (xs instanceof RObject) return [...xs.entries.values()];
  if (xs instanceof RSet) return [...xs.items.values()].map((v) => [v, v]);
  return [];
}

export const coreBuiltins: Record<string, BuiltinImpl> = {
  equal: (a, b) => equal(a, b),
  neq: (a, b) => !equal(a, b),
  lt: (a, b) => compare(a, b) < 0,
  lte: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  gte: (a, b) => compare(a, b) >= 0,
  plus: arith('plus', (a, b) => a + b),
  minus: (a, b) => {
    if (a instanceof RSet && b instanceof RSet) {
      const out = new RSet();
      for (const v of a.items.values()) if (!b.has(v)) out.add(v);
      return out;
    }
    if (a instanceof RSet) typeError('minus', 2, 'set', b);
    return num('minus', 1, a) - num('minus', 2, b);
  },
  mul: arith('mul', (a, b) => a * b),
  div: (a, b) => {
    const x = num('div', 1, a);
    const y = num('div', 2, b);
    if (y === 0) throw new EvalError('eval_builtin_error', 'div: divide by zero');
    return x / y;
  },
  rem: (a, b) => {
    const x = num('rem', 1, a);
    const y = num('rem', 2, b);
    if (!Number.isInteger(x) || !Number.isInteger(y)) throw new EvalError('eval_builtin_error', 'rem: modulo on floating-point number');
    if (y === 0) throw new EvalError('eval_builtin_error', 'rem: modulo by zero');
    return x % y;
  },
  and: setOp('and', (a, b) => RSet.from([...a.items.values()].filter((v) => b.has(v)))),
  or: setOp('or', (a, b) => RSet.from([...a.items.values(), ...b.items.values()])),
  'internal.member_2': (x, xs) => members(xs).some(([, v]) => equal(v, x)),
  'internal.member_3': (k, x, xs) => members(xs).some(([key, v]) => equal(key, k) && equal(v, x)),
  count: (x) => {
    if (typeof x === 'string') return [...x].length;
    if (Array.isArray(x)) return x.length;
    if (x instanceof RObject || x instanceof RSet) return x.size;
    typeError('count', 1, 'one of {array, object, set, string}', x);
  },
  type_name: (x) => typeName(x),
  is_number: (x) => typeof x === 'number',
  is_string: (x) => typeof x === 'string',
  is_boolean: (x) => typeof x === 'boolean',
  is_array: (x) => Array.isArray(x),
  is_set: (x) => x instanceof RSet,
  is_object: (x) => x instanceof RObject,
  is_null: (x) => x === null,
};
