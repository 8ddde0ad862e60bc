/**
 * Rego values for the test-only IR interpreter: JS scalars and arrays, plus
 * objects and sets keyed by a canonical encoding so that any value can be a key.
 * Ordering follows Rego: null < boolean < number < string < array < object < set.
 */

export type Value = null | boolean | number | string | Value[] | RObject | RSet;

export class RObject {
  readonly entries = new Map<string, [Value, Value]>();

  get(key: Value): Value | undefined {
    return this.entries.get(keyOf(key))?.[1];
  }
  set(key: Value, value: Value): void {
    this.entries.set(keyOf(key), [key, value]);
  }
  get size(): number {
    return this.entries.size;
  }
  static from(pairs: Array<[Value, Value]>): RObject {
    const o = new RObject();
    for (const [k, v] of pairs) o.set(k, v);
    return o;
  }
}

export class RSet {
  readonly items = new Map<string, Value>();

  has(v: Value): boolean {
    return this.items.has(keyOf(v));
  }
  add(v: Value): void {
    this.items.set(keyOf(v), v);
  }
  get size(): number {
    return this.items.size;
  }
  static from(values: Value[]): RSet {
    const s = new RSet();
    for (const v of values) s.add(v);
    return s;
  }
}

function typeRank(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 4;
  if (v instanceof RObject) return 5;
  return 6;
}

export function typeName(v: Value): string {
  return ['null', 'boolean', 'number', 'string', 'array', 'object', 'set'][typeRank(v)];
}

/** A canonical string: equal Rego values (1 and 1.0, sets in any order) encode the same. */
export function keyOf(v: Value): string {
  if (v === null) return 'n';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return `#${v}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(keyOf).join(',')}]`;
  if (v instanceof RObject) {
    const parts = [...v.entries.values()].sort((a, b) => compare(a[0], b[0]));
    return `{${parts.map(([k, x]) => `${keyOf(k)}:${keyOf(x)}`).join(',')}}`;
  }
  return `<${sortedItems(v).map(keyOf).join(',')}>`;
}

export function sortedItems(s: RSet): Value[] {
  return [...s.items.values()].sort(compare);
}

export function sortedEntries(o: RObject): Array<[Value, Value]> {
  return [...o.entries.values()].sort((a, b) => compare(a[0], b[0]));
}

export function compare(a: Value, b: Value): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return Number(a) - Number(b);
    case 2:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 4:
      return compareLists(a as Value[], b as Value[]);
    case 5: {
      const ea = sortedEntries(a as RObject);
      const eb = sortedEntries(b as RObject);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const c = compare(ea[i][0], eb[i][0]) || compare(ea[i][1], eb[i][1]);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    default:
      return compareLists(sortedItems(a as RSet), sortedItems(b as RSet));
  }
}

function compareLists(a: Value[], b: Value[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function equal(a: Value, b: Value): boolean {
  return compare(a, b) === 0;
}

/** JSON-ish input (from YAML/JSON) to a Rego value: objects become RObject. */
export function fromJSON(x: unknown): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return x;
  if (typeof x === 'bigint') return Number(x);
  if (Array.isArray(x)) return x.map(fromJSON);
  if (x instanceof RObject || x instanceof RSet) return x;
  if (x instanceof Set) return RSet.from([...x].map(fromJSON));
  if (x instanceof Map) return RObject.from([...x].map(([k, v]) => [fromJSON(k), fromJSON(v)]));
  return RObject.from(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, fromJSON(v)]));
}

/** A Rego value as JSON (OPA's JSON encoding: sets become sorted arrays, non-string keys are JSON-encoded). */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof RSet) return sortedItems(v).map(toJSON);
  const out: Record<string, unknown> = {};
  for (const [k, x] of sortedEntries(v)) out[typeof k === 'string' ? k : JSON.stringify(toJSON(k))] = toJSON(x);
  return out;
}
