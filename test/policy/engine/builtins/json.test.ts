import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

describe('json builtins', () => {
  it('marshals like Go: sorted keys, HTML-safe escapes', () => {
    expect(b['json.marshal']({ b: 1, a: ['<x>', '&', '\u2028'] })).toBe('{"a":["\\u003cx\\u003e","\\u0026","\\u2028"],"b":1}');
    expect(b['json.marshal']('é😀\n')).toBe('"é😀\\n"');
  });

  it('marshals with indent and prefix on every line', () => {
    expect(b['json.marshal_with_options']({ a: [1] }, { prefix: '> ', indent: '  ' })).toBe('> {\n>   "a": [\n>     1\n>   ]\n> }');
    expect(b['json.marshal_with_options']([1], { pretty: false, indent: 'x' })).toBe('[1]');
    expect(() => b['json.marshal_with_options']([], { colour: true })).toThrow('object contained unknown key "colour"');
  });

  it('unmarshals and validates', () => {
    expect(b['json.unmarshal']('{"a":[1,null]}')).toEqual({ a: [1, null] });
    expect(() => b['json.unmarshal']('{"a":')).toThrow('unexpected end of JSON input');
    expect(b['json.is_valid']('{')).toBe(false);
    expect(b['json.is_valid'](1)).toBe(false);
  });

  it('filters and removes by slash paths or segment arrays', () => {
    const doc = { a: { b: { c: 7, d: 8 }, e: [{ x: 1 }, { y: 2 }] }, f: 9 };
    expect(b['json.filter'](doc, ['a/b/c', ['a', 'e', 1]])).toEqual({ a: { b: { c: 7 }, e: [{ y: 2 }] } });
    expect(b['json.remove'](doc, ['a/b', 'a/e/0', 'f'])).toEqual({ a: { e: [{ y: 2 }] } });
    expect(b['json.filter']({ 'a/b': 1 }, ['a~1b'])).toEqual({ 'a/b': 1 });
    expect(() => b['json.remove'](doc, [1])).toThrow('containing string paths or array of path segments but got number');
    expect(() => b['json.filter']([], [])).toThrow('json.filter: operand 1 must be object but got array');
  });

  it('applies JSON patches and is undefined when one cannot apply', () => {
    const doc = { foo: ['bar', 'baz'], q: { r: 1 } };
    expect(b['json.patch'](doc, [{ op: 'add', path: '/foo/1', value: 'qux' }, { op: 'remove', path: '/q/r' }])).toEqual({ foo: ['bar', 'qux', 'baz'], q: {} });
    expect(b['json.patch'](doc, [{ op: 'move', from: '/q', path: '/z' }])).toEqual({ foo: ['bar', 'baz'], z: { r: 1 } });
    expect(b['json.patch'](doc, [{ op: 'test', path: '/q/r', value: 2 }])).toBeUndefined();
    expect(b['json.patch']([false], [{ op: 'test', path: '/0' }])).toBeUndefined();
    expect(b['json.patch'](doc, [{ op: 'add', path: '/a/b', value: 1 }])).toBeUndefined();
    expect(b['json.patch'](doc, [{ op: 'add', path: ['foo', '-'], value: 'end' }])).toEqual({ foo: ['bar', 'baz', 'end'], q: { r: 1 } });
    expect(doc).toEqual({ foo: ['bar', 'baz'], q: { r: 1 } });
  });

  it('verifies and matches JSON schemas with gojsonschema-style errors', () => {
    const schema = { properties: { id: { type: 'integer' } }, required: ['id'] };
    expect(b['json.verify_schema'](schema)).toEqual([true, null]);
    expect(b['json.verify_schema']('{"type": "unknown_type"}')).toEqual([
      false,
      'jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:[array boolean integer number null object string]',
    ]);
    expect(b['json.match_schema']({ id: 5 }, schema)).toEqual([true, []]);
    expect(b['json.match_schema']('{"id": "x"}', JSON.stringify(schema))).toEqual([
      false,
      [{ desc: 'Invalid type. Expected: integer, given: string', error: 'id: Invalid type. Expected: integer, given: string', field: 'id', type: 'invalid_type' }],
    ]);
    expect(b['json.match_schema']({}, schema)).toEqual([false, [{ desc: 'id is required', error: '(root): id is required', field: '(root)', type: 'required' }]]);
  });
});

describe('yaml builtins', () => {
  it('round-trips JSON values', () => {
    expect(b['yaml.unmarshal']('a: [1, x]\nb: {c: null}')).toEqual({ a: [1, 'x'], b: { c: null } });
    expect(b['yaml.unmarshal'](b['yaml.marshal']({ z: 1, a: ['x', true] }) as string)).toEqual({ z: 1, a: ['x', true] });
  });

  it('words errors like Go and rejects alias bombs', () => {
    expect(() => b['yaml.unmarshal']('a: [1, 2')).toThrow(/yaml: line 1: /);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    expect(() => b['yaml.unmarshal'](bomb)).toThrow('eval_builtin_error');
    expect(b['yaml.is_valid']('a: {')).toBe(false);
    expect(b['yaml.is_valid'](1)).toBe(false);
  });
});
