import { describe, expect, it } from 'vitest';
import { RegoSet, regoSet } from '../../../src/policy/engine/rego-set.js';
import { decodeArgument, encodeResult, HostValueError } from '../../../src/policy/engine/host-values.js';

/** An argument as the SDK hands it over: JSON.parse of the text the module dumped. */
const arg = (json: string, exact = false) => decodeArgument(JSON.parse(json), exact);
const text = (value: unknown, tagged = true) => {
  const out = encodeResult(value, tagged);
  return out === undefined ? undefined : new TextDecoder().decode(out);
};

describe('host values: tagged arguments', () => {
  it('decodes a tagged set as a RegoSet, which is still an array', () => {
    const value = arg('{"\\u0000set":["a","b"]}');
    expect(value).toBeInstanceOf(RegoSet);
    expect(Array.isArray(value)).toBe(true);
    expect([...(value as RegoSet)]).toEqual(['a', 'b']);
  });

  it('decodes the empty set, nested sets and sets of objects', () => {
    expect(arg('{"\\u0000set":[]}')).toBeInstanceOf(RegoSet);
    const nested = arg('{"x":[{"\\u0000set":[{"\\u0000set":[1]},{"a":{"\\u0000set":[]}}]}]}') as { x: unknown[] };
    const outer = nested.x[0] as RegoSet;
    expect(outer).toBeInstanceOf(RegoSet);
    expect(outer[0]).toBeInstanceOf(RegoSet);
    expect((outer[1] as { a: unknown }).a).toBeInstanceOf(RegoSet);
  });

  it('restores object keys that start with U+0000, so an object can never pass for a tag', () => {
    expect(arg('{"\\u0000\\u0000set":["a"]}')).toEqual({ '\u0000set': ['a'] });
    expect(arg('{"\\u0000\\u0000":1,"b":{"\\u0000\\u0000\\u0000int":2}}')).toEqual({ '\u0000': 1, b: { '\u0000\u0000int': 2 } });
    expect(arg('{"\\u0000\\u0000set":["a"]}')).not.toBeInstanceOf(RegoSet);
  });

  it('restores a __proto__ key as an own property, never as the prototype', () => {
    const value = arg('{"\\u0000\\u0000x":1,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives integers beyond 2^53 exactly to builtins that ask, the nearest double to the others', () => {
    expect(arg('{"\\u0000int":"1670006453141828752"}', true)).toBe(1670006453141828752n);
    expect(arg('{"\\u0000int":"-1670006453141828752"}', true)).toBe(-1670006453141828752n);
    expect(arg('{"\\u0000int":"1.5e20"}', true)).toBe(150000000000000000000n);
    expect(arg('{"\\u0000int":"1e30"}', true)).toBe(10n ** 30n);
    expect(arg('{"\\u0000int":"1670006453141828752"}', false)).toBe(1670006453141828752);
  });

  it('gives integers of more than 40 digits as doubles even to exact builtins (1e999999999 must not be built)', () => {
    expect(arg('{"\\u0000int":"1e999999999"}', true)).toBe(Infinity);
    expect(arg('{"\\u0000int":"-1e50"}', true)).toBe(-1e50);
    expect(arg('{"\\u0000int":"1234567890123456789012345678901234567890"}', true)).toBe(1234567890123456789012345678901234567890n);
  });

  it('rejects malformed tags with a clear error', () => {
    expect(() => arg('{"\\u0000set":"a"}')).toThrow(HostValueError);
    expect(() => arg('{"\\u0000int":12}')).toThrow(/must hold its digits/);
    expect(() => arg('{"\\u0000int":"1.5"}', true)).toThrow(/not an integer/);
    expect(() => arg('{"\\u0000other":1}')).toThrow(/unknown tag/);
    expect(() => arg('{"\\u0000set":[],"b":1}')).toThrow(/unknown tag/);
  });

  it('leaves plain JSON as it is', () => {
    expect(arg('{"a":[1,{"b":null}],"c":"\\u0000"}')).toEqual({ a: [1, { b: null }], c: '\u0000' });
  });
});

describe('host values: results', () => {
  it('tags RegoSets (at any depth), escapes keys that start with U+0000, writes BigInts as exact digits', () => {
    expect(text(regoSet([]))).toBe('{"\\u0000set":[]}');
    expect(text({ s: regoSet([regoSet([1]), { k: 1 }]) })).toBe('{"s":{"\\u0000set":[{"\\u0000set":[1]},{"k":1}]}}');
    expect(text({ '\u0000set': [1] })).toBe('{"\\u0000\\u0000set":[1]}');
    expect(text(12345678901234567891n)).toBe('12345678901234567891');
  });

  it('writes plain JSON for bundles built by OPA: sets as sorted arrays without duplicates, keys as they are', () => {
    expect(text(regoSet(['b', 'a', 'b']), false)).toBe('["a","b"]');
    expect(text({ '\u0000set': [1] }, false)).toBe('{"\\u0000set":[1]}');
  });

  it('round-trips every decoded argument back to the same tagged text', () => {
    const json = '{"\\u0000\\u0000k":{"\\u0000set":[1,{"\\u0000set":[]},[2]]},"n":null}';
    expect(text(arg(json))).toBe(json);
  });

  it('writes what JSON.stringify writes for plain values, and undefined as no result', () => {
    const value = { a: [1, 'x', null, true, undefined], b: undefined, c: 1e21, d: -0.5, e: 'é"\n' };
    expect(text(value)).toBe(JSON.stringify(value));
    expect(text(undefined)).toBeUndefined();
  });

  it('RegoSet methods that derive arrays return plain arrays (a mapped set is not a set)', () => {
    const set = regoSet([1, 2]);
    expect(set.map((x) => x)).not.toBeInstanceOf(RegoSet);
    expect(set.filter(() => true)).not.toBeInstanceOf(RegoSet);
    expect(set.slice()).not.toBeInstanceOf(RegoSet);
  });
});
