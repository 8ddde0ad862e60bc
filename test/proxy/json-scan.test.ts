import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, scanJson, scanPrefix } from '../../src/proxy/json-scan.js';

const scan = (text: string) => scanJson(Buffer.from(text));
const slice = (text: string, start: number, end: number) => Buffer.from(text).subarray(start, end).toString();

describe('scanJson', () => {
  it('records the members of a top-level object with the exact bytes of each value', () => {
    const text = ' {"jsonrpc":"2.0", "id" : 12,"method":"tools/call","params":{"a":[1,{"b":"x\\"}"}]}} ';
    const { root } = scan(text);
    expect(root.members?.map((m) => [m.key, slice(text, m.valueStart, m.valueEnd)])).toEqual([
      ['jsonrpc', '"2.0"'],
      ['id', '12'],
      ['method', '"tools/call"'],
      ['params', '{"a":[1,{"b":"x\\"}"}]}'],
    ]);
    expect(slice(text, root.start, root.end)).toBe(text.trim());
  });

  it('records batch elements and the members of object elements', () => {
    const text = '[{"id":1,"method":"a"}, 2 ,[3],{"id":"x"}]';
    const { elements } = scan(text);
    expect(elements?.map((e) => slice(text, e.start, e.end))).toEqual(['{"id":1,"method":"a"}', '2', '[3]', '{"id":"x"}']);
    expect(elements?.[0].members?.map((m) => m.key)).toEqual(['id', 'method']);
    expect(elements?.[1].members).toBeUndefined();
    expect(elements?.[3].members?.map((m) => m.key)).toEqual(['id']);
  });

  it('decodes escaped keys, so "\\u006dethod" is recorded as "method"', () => {
    expect(scan('{"\\u006dethod":"x"}').root.members?.[0].key).toBe('method');
  });

  it('counts members at every depth, duplicates included', () => {
    expect(scan('{"a":{"b":1,"b":2},"c":[{"d":1}]}').memberCount).toBe(5);
  });

  it('keeps strings with escaped quotes and backslashes together, short and long', () => {
    for (const body of ['a\\\\', 'a\\"b', '\\\\\\"', 'x'.repeat(200) + '\\"' + 'y'.repeat(100) + '\\\\']) {
      const text = `{"k":"${body}","z":1}`;
      expect(scan(text).root.members?.map((m) => m.key)).toEqual(['k', 'z']);
      expect(JSON.parse(text).k).toBeTypeOf('string');
    }
  });

  it.each([
    ['', 'empty'],
    ['{"a":1,}', 'trailing comma'],
    ['[1,]', 'trailing comma in array'],
    ["{'a':1}", 'single quotes'],
    ['{a:1}', 'unquoted key'],
    ['{"a":NaN}', 'NaN'],
    ['{"a":Infinity}', 'Infinity'],
    ['{"a":1}//c', 'line comment'],
    ['{/*c*/"a":1}', 'block comment'],
    ['{"a":01}', 'leading zero'],
    ['{"a":1.}', 'bare decimal point'],
    ['{"a":.5}', 'no integer part'],
    ['{"a":1e}', 'empty exponent'],
    ['{"a":+1}', 'plus sign'],
    ['{"a":tru}', 'cut literal'],
    ['{"a":"x}', 'unterminated string'],
    ['{"a" 1}', 'missing colon'],
    ['{"a":1 "b":2}', 'missing comma'],
    ['{"a":1}}', 'extra closer'],
    ['{"a":[1}', 'mismatched closer'],
    ['{"a":1} {"b":2}', 'two values'],
    ['\ufeff{"a":1}', 'byte order mark'],
    ['{"a":1,"b":2]', 'wrong closer'],
  ])('refuses %j (%s)', (text) => {
    expect(() => scan(text)).toThrow(/at byte/);
  });

  it('accepts every JSON value JSON.parse accepts in a sample, and agrees on the structure', () => {
    const samples = ['0', '-0.5e+10', 'true', 'null', '"\\u00e9\\n"', '[]', '{}', '[[],[{}]]', '{"a":{"b":{"c":[1,2,{"d":null}]}}}', ' \t\r\n{"é":"ü"} '];
    for (const text of samples) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(() => scan(text)).not.toThrow();
    }
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(() => scan(deep)).toThrow(/nesting deeper/);
    const fine = '['.repeat(1000) + ']'.repeat(1000);
    expect(() => scan(fine)).not.toThrow();
  });
});

describe('scanPrefix', () => {
  it('returns the members complete within a cut-off text', () => {
    const members = scanPrefix(Buffer.from('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"x","arguments":{"data":"aaaa'));
    expect(members.map((m) => m.key)).toEqual(['jsonrpc', 'id', 'method']);
  });
});
