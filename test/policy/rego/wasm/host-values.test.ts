import { describe, expect, it } from 'vitest';
import { asJson, evaluateRaw, regoPolicy, results, roundTrip } from './support.js';

/*
 * The tagged JSON of host builtin calls, seen through the real SDK with no
 * codec in between: what the host receives (JSON.parse of the module's dump)
 * and what the module makes of the JSON the host returns.
 */

/** A policy passing input to a host builtin (net.cidr_merge) whose implementation is `host`. */
async function hostPolicy(host: (arg: unknown) => unknown, call = 'net.cidr_merge(input)') {
  return regoPolicy(`package test\np := ${call}`, ['test/p'], { builtins: { 'net.cidr_merge': host } });
}

describe('host builtin arguments, as the runtime dumps them', () => {
  it('a set arrives tagged, at any depth, elements in Rego order', async () => {
    const seen: unknown[] = [];
    const p = await hostPolicy((a) => (seen.push(a), 1), 'net.cidr_merge({"b", "a", {set(), {[1]}}})');
    expect(results(p)).toEqual([1]);
    expect(seen).toEqual([{ '\u0000set': ['a', 'b', { '\u0000set': [{ '\u0000set': [] }, { '\u0000set': [[1]] }] }] }]);
  });

  it('an object key that starts with U+0000 arrives with one more in front, so it never reads as a tag', async () => {
    const seen: unknown[] = [];
    const p = await hostPolicy((a) => (seen.push(a), 1));
    results(p, { '\u0000set': ['x'], '\u0000': 1, plain: { '\u0000\u0000int': '5' } });
    expect(seen).toEqual([{ '\u0000\u0000set': ['x'], '\u0000\u0000': 1, plain: { '\u0000\u0000\u0000int': '5' } }]);
  });

  it('integers a double cannot hold arrive as exact digits; every other number as a JSON number', async () => {
    const seen: unknown[] = [];
    const p = await hostPolicy((a) => (seen.push(a), 1));
    evaluateRaw(p, '[9007199254740991, -9007199254740991, 9007199254740993, -1670006453141828752, 123456789012345678901234567890, 2.5, 0]');
    expect(seen).toEqual([
      [9007199254740991, -9007199254740991, { '\u0000int': '9007199254740993' }, { '\u0000int': '-1670006453141828752' }, { '\u0000int': '123456789012345678901234567890' }, 2.5, 0],
    ]);
  });

  it('outside a host call the ABI exports speak plain JSON (sets as arrays, keys untouched)', async () => {
    const p = await hostPolicy(() => 1);
    expect(roundTrip(p, '{"\\u0000set":[1],"s":{"\\u0000\\u0000x":2}}')).toBe('{"\\u0000set":[1],"s":{"\\u0000\\u0000x":2}}');
    const sets = await regoPolicy('package test\np := {"k": {1, 2}}', ['test/p']);
    expect(evaluateRaw(sets, undefined)).toBe('[{"result":{"k":[1,2]}}]');
  });
});

describe('host builtin results, as the runtime parses them', () => {
  it('a tagged set becomes a set (duplicates dropped), an escaped key the key it stands for', async () => {
    const p = await hostPolicy(() => ({ '\u0000\u0000k': { '\u0000set': [2, 1, 2, { '\u0000set': [] }] }, n: 1 }));
    expect(evaluateRaw(p, 'null', 1)).toBe('{{"result":{"\\u0000k":{1,2,set()},"n":1}}}');
  });

  it('a tagged integer becomes that exact number', async () => {
    const p = await hostPolicy(() => [{ '\u0000int': '123456789012345678901234567890' }, { '\u0000int': '-5' }]);
    // net.cidr_merge is declared with a set result: the array comes back a set, in Rego order
    expect(evaluateRaw(p, 'null')).toBe('[{"result":[-5,123456789012345678901234567890]}]');
  });

  it('malformed tags are not JSON the module accepts', async () => {
    const malformed = [{ '\u0000set': 'x' }, { '\u0000other': 1 }, { '\u0000set': [], more: 1 }, { a: 1, '\u0000set': [] }, { '\u0000int': 5 }, { '\u0000int': '5x' }];
    for (const bad of malformed) {
      const p = await hostPolicy(() => bad);
      expect(() => results(p, 1), JSON.stringify(bad)).toThrow(/failed to parse json value/);
    }
  });

  it('a host that throws mid-call leaves no tagged mode behind: data and input load as plain JSON', async () => {
    let fail = true;
    const p = await regoPolicy('package test\np := [net.cidr_merge(input), data.d]', ['test/p'], {
      builtins: { 'net.cidr_merge': (a: unknown) => { if (fail) throw new Error('host said no'); return a; } },
    });
    expect(() => results(p, 1)).toThrow(/host said no/);
    p.setData(asJson({ d: { '\u0000set': [1] } }) as unknown as object);
    fail = false;
    expect(evaluateRaw(p, '{"\\u0000set":[2]}', 1)).toBe('{{"result":[{"\\u0000set":[2]},{"\\u0000set":[1]}]}}');
  });
});
