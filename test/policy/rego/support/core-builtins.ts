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

function str(name: string, pos: number, v: Value): string {
  if (typeof v !== 'string') typeError(name, pos, 'string', v);
  return v;
}

function arr(name: string, pos: number, v: Value): Value[] {
  if (!Array.isArray(v)) typeError(name, pos, 'array', v);
  return v;
}

function int(name: string, pos: number, v: Value): number {
  const n = num(name, pos, v);
  if (!Number.isInteger(n)) throw new EvalError('eval_type_error', `${name}: operand ${pos} must be integer number but got floating-point number`);
  return n;
}

function unsigned(name: string, pos: number, v: Value): number {
  const n = int(name, pos, v);
  if (n < 0) throw new EvalError('eval_type_error', `${name}: operand ${pos} must be an unsigned integer number but got a negative integer`);
  return n;
}

/** Elements of an array or set operand (aggregates). */
function elems(name: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return [...v.items.values()];
  typeError(name, 1, 'one of {array, set}', v);
}

function numbersOf(name: string, v: Value): number[] {
  return elems(name, v).map((x) => {
    if (typeof x !== 'number') typeError(name, 1, 'number', x);
    return x;
  });
}

function setsOf(name: string, v: Value): RSet[] {
  if (!(v instanceof RSet)) typeError(name, 1, 'set', v);
  return [...v.items.values()].map((x) => {
    if (!(x instanceof RSet)) typeError(name, 1, 'set of sets', x);
    return x;
  });
}

function big(name: string, f: (a: bigint, b: bigint) => bigint): BuiltinImpl {
  return (a, b) => Number(f(BigInt(int(name, 1, a)), BigInt(int(name, 2, b))));
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
  /** A relation: the planner scans the returned [path, value] pairs. */
  walk: (x) => {
    const out: Value[] = [];
    const visit = (path: Value[], v: Value): void => {
      out.push([path, v]);
      for (const [k, child] of members(v)) visit([...path, k], child);
    };
    visit([], x);
    return out;
  },
  abs: (x) => Math.abs(num('abs', 1, x)),
  ceil: (x) => Math.ceil(num('ceil', 1, x)),
  floor: (x) => Math.floor(num('floor', 1, x)),
  round: (x) => Math.round(num('round', 1, x)),
  sum: (xs) => numbersOf('sum', xs).reduce((a, b) => a + b, 0),
  product: (xs) => numbersOf('product', xs).reduce((a, b) => a * b, 1),
  max: (xs) => {
    const v = elems('max', xs);
    return v.length === 0 ? undefined : v.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
  },
  min: (xs) => {
    const v = elems('min', xs);
    return v.length === 0 ? undefined : v.reduce((a, b) => (compare(a, b) <= 0 ? a : b));
  },
  sort: (xs) => [...elems('sort', xs)].sort(compare),
  'numbers.range': (a, b) => {
    const [x, y] = [int('numbers.range', 1, a), int('numbers.range', 2, b)];
    const out: number[] = [];
    for (let i = x; x <= y ? i <= y : i >= y; i += x <= y ? 1 : -1) out.push(i);
    return out;
  },
  'array.concat': (a, b) => [...arr('array.concat', 1, a), ...arr('array.concat', 2, b)],
  'array.slice': (a, s, e) => {
    const xs = arr('array.slice', 1, a);
    const start = Math.max(0, int('array.slice', 2, s));
    const end = Math.min(xs.length, int('array.slice', 3, e));
    return start >= end ? [] : xs.slice(start, end);
  },
  'array.reverse': (a) => [...arr('array.reverse', 1, a)].reverse(),
  'bits.and': big('bits.and', (a, b) => a & b),
  'bits.or': big('bits.or', (a, b) => a | b),
  'bits.xor': big('bits.xor', (a, b) => a ^ b),
  'bits.negate': (a) => Number(~BigInt(int('bits.negate', 1, a))),
  'bits.lsh': (a, b) => Number(BigInt(int('bits.lsh', 1, a)) << BigInt(unsigned('bits.lsh', 2, b))),
  'bits.rsh': (a, b) => Number(BigInt(int('bits.rsh', 1, a)) >> BigInt(unsigned('bits.rsh', 2, b))),
  to_number: (x) => {
    if (x === null) return 0;
    if (typeof x === 'boolean') return x ? 1 : 0;
    if (typeof x === 'number') return x;
    if (typeof x === 'string') {
      if (!/^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(x)) throw new EvalError('eval_builtin_error', `strconv.ParseFloat: parsing ${JSON.stringify(x)}: invalid syntax`);
      return Number(x);
    }
    typeError('to_number', 1, 'one of {boolean, null, number, string}', x);
  },
  lower: (s) => str('lower', 1, s).toLowerCase(),
  upper: (s) => str('upper', 1, s).toUpperCase(),
  concat: (d, xs) => elems('concat', xs).map((x) => str('concat', 2, x)).join(str('concat', 1, d)),
  replace: (s, a, b) => str('replace', 1, s).split(str('replace', 2, a)).join(str('replace', 3, b)),
  trim_space: (s) => str('trim_space', 1, s).trim(),
  indexof: (s, p) => [...str('indexof', 1, s)].join('').indexOf(str('indexof', 2, p)),
  'object.get': (o, k, d) => {
    if (!(o instanceof RObject)) typeError('object.get', 1, 'object', o);
    if (Array.isArray(k)) {
      let cur: Value | undefined = o;
      for (const key of k) cur = cur instanceof RObject ? cur.get(key) : Array.isArray(cur) && typeof key === 'number' ? cur[key] : undefined;
      return cur === undefined ? d : cur;
    }
    return o.get(k) ?? d;
  },
  split: (s, d) => str('split', 1, s).split(str('split', 2, d)),
  startswith: (s, p) => str('startswith', 1, s).startsWith(str('startswith', 2, p)),
  endswith: (s, p) => str('endswith', 1, s).endsWith(str('endswith', 2, p)),
  contains: (s, p) => str('contains', 1, s).includes(str('contains', 2, p)),
  trim: (s, c) => {
    const cut = new Set([...str('trim', 2, c)]);
    const chars = [...str('trim', 1, s)];
    let [i, j] = [0, chars.length];
    while (i < j && cut.has(chars[i])) i++;
    while (j > i && cut.has(chars[j - 1])) j--;
    return chars.slice(i, j).join('');
  },
  intersection: (xs) => {
    const sets = setsOf('intersection', xs);
    if (sets.length === 0) return new RSet();
    return RSet.from([...sets[0].items.values()].filter((v) => sets.every((s) => s.has(v))));
  },
  union: (xs) => RSet.from(setsOf('union', xs).flatMap((s) => [...s.items.values()])),
  is_number: (x) => typeof x === 'number',
  is_string: (x) => typeof x === 'string',
  is_boolean: (x) => typeof x === 'boolean',
  is_array: (x) => Array.isArray(x),
  is_set: (x) => x instanceof RSet,
  is_object: (x) => x instanceof RObject,
  is_null: (x) => x === null,
};
