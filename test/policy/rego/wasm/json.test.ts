import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { echoPolicy, evaluateRaw, load, memoryBytes, results, roundTrip } from './support.js';

let echo: LoadedPolicy;
beforeAll(async () => {
  echo = await load(echoPolicy());
});

const json = (s: string) => roundTrip(echo, s);

describe('JSON parse and dump inside the runtime', () => {
  it('round-trips scalars, keeping number text exact', () => {
    for (const text of ['null', 'true', 'false', '0', '-7', '9223372036854775807', '-9223372036854775808', '"x"', '[]', '{}']) {
      expect(json(text)).toBe(text);
    }
    expect(json('28857836529306024611913')).toBe('28857836529306024611913');
    expect(json('-0.000000000000000000001')).toBe('-0.000000000000000000001');
    expect(json('3.141592653589793238462643383279')).toBe('3.141592653589793238462643383279');
    expect(json('1e400')).toBe('1e400');
    expect(json('2.50')).toBe('2.50');
    // integral values that fit an i64 become integers
    expect(json('1.0')).toBe('1');
    expect(json('1E3')).toBe('1000');
    expect(json('-0')).toBe('0');
  });

  it('dumps objects with sorted keys whatever the input order, without whitespace', () => {
    expect(json(' { "b" : 1 , "a" : [ 1 , 2 ] , "c" : { "z" : null , "y" : true } } ')).toBe('{"a":[1,2],"b":1,"c":{"y":true,"z":null}}');
  });

  it('keeps the last of duplicate keys', () => {
    expect(json('{"a":1,"a":2}')).toBe('{"a":2}');
  });

  it('decodes escapes and \\u surrogate pairs, and escapes what JSON requires on output', () => {
    expect(json('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"')).toBe('"a\\"b\\\\c/d\\b\\f\\n\\r\\t"');
    expect(json('"\\u00e9\\u4e2d\\ud83c\\udf0d"')).toBe('"é中🌍"');
    expect(json('"\\u0000\\u001f"')).toBe('"\\u0000\\u001f"');
    // a lone surrogate becomes U+FFFD
    expect(json('"\\ud800x"')).toBe('"\uFFFDx"');
    expect(json('"\\udc00"')).toBe('"\uFFFD"');
    expect(json('"é中🌍"')).toBe('"é中🌍"');
  });

  it('rejects malformed JSON with address 0', () => {
    for (const bad of ['', ' ', '{', '[1,]', '{"a":}', '{"a" 1}', '{a:1}', 'tru', 'nul', '01', '1.', '.5', '-', '1e', '"abc', '"a\nb"',
      '"\\x"', '"\\u12"', '[1 2]', '{"a":1,}', '1 2', 'NaN', 'Infinity', '{"a":1}}']) {
      expect(json(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('dumps Rego value text: sets in braces, the empty set as set(), any key type', async () => {
    expect(roundTrip(echo, '{"a":[1,"x"]}', true)).toBe('{"a":[1,"x"]}');
  });

  it('handles nesting far deeper than the Wasm stack allows for recursion', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    expect(json(text)).toBe(text);
    const objects = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    expect(json(objects)).toBe(objects);
  });
});

describe('JSON through setData and evaluate', () => {
  it('passes unicode, escapes and nested values through unchanged', async () => {
    const value = { 'ключ': ['é', '中', '🌍', 'tab\there', 'quote"', 'back\\slash', '\u0001'], n: [0, -1, 1.5, 1e-7, 123456789], e: {}, a: [] };
    expect(results(echo, value)).toEqual([value]);
    const withData = await load(echoPolicy(), { data: value });
    expect(results(withData, value)).toEqual([value]);
  });

  it('keeps exact text of big and precise numbers from input to result', () => {
    expect(evaluateRaw(echo, '[28857836529306024611913, 0.1000000000000000055511151231257827, 1e-400]')).toBe(
      '[{"result":[28857836529306024611913,0.1000000000000000055511151231257827,1e-400]}]',
    );
  });

  it('accepts large inputs, growing memory beyond the initial 5 pages', () => {
    const big = { items: Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b'] })), blob: 'x'.repeat(1_000_000) };
    const [out] = results(echo, big) as Array<typeof big>;
    expect(out.items.length).toBe(50_000);
    expect(out.items[49_999]).toEqual({ id: 49_999, name: 'item-49999', tags: ['a', 'b'] });
    expect(out.blob.length).toBe(1_000_000);
    expect(memoryBytes(echo)).toBeGreaterThan(5 * 65536);
  });

  it('setData with text that is not JSON fails clearly', async () => {
    const p = await load(echoPolicy());
    expect(() => p.setData(new TextEncoder().encode('{"a":').buffer as ArrayBuffer)).toThrow('failed to parse json value');
  });
});
