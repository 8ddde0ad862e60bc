import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

describe('encoding builtins', () => {
  it('base64 is strict about padding and alphabet', () => {
    expect(b['base64.encode']('é')).toBe('w6k=');
    expect(b['base64.decode']('aGVsbG8=')).toBe('hello');
    expect(() => b['base64.decode']('aGVsbG8')).toThrow('illegal base64 data');
    expect(() => b['base64.decode']('aGV*bG8=')).toThrow('illegal base64 data at input byte 3');
    expect(b['base64.is_valid']("{'not':'base64'}")).toBe(false);
    expect(b['base64.is_valid']('')).toBe(true);
  });

  it('base64url encodes with and without padding and decodes both', () => {
    expect(b['base64url.encode']('subjects?_d')).toBe('c3ViamVjdHM_X2Q=');
    expect(b['base64url.encode_no_pad']('hello')).toBe('aGVsbG8');
    expect(b['base64url.decode']('aGVsbG8')).toBe('hello');
    expect(b['base64url.decode']('aGVsbG8=')).toBe('hello');
    expect(() => b['base64url.decode']('a+b/')).toThrow('illegal base64');
  });

  it('hex round-trips and reports bad input', () => {
    expect(b['hex.encode']('lorem')).toBe('6c6f72656d');
    expect(b['hex.decode']('6c6f72656d')).toBe('lorem');
    expect(() => b['hex.decode']('6g')).toThrow("invalid byte: U+0067 'g'");
    expect(() => b['hex.decode']('abc')).toThrow('odd length hex string');
  });

  it('urlquery follows Go QueryEscape / ParseQuery', () => {
    expect(b['urlquery.encode']('a=b+1 c/é')).toBe('a%3Db%2B1+c%2F%C3%A9');
    expect(b['urlquery.decode']('a%3Db%2B1+c')).toBe('a=b+1 c');
    expect(() => b['urlquery.decode']('%zz')).toThrow('invalid URL escape "%zz"');
    expect(b['urlquery.encode_object']({ b: ['2', '1'], a: 'x y' })).toBe('a=x+y&b=2&b=1');
    expect(b['urlquery.decode_object']('a=1&a=2&b=%20&c')).toEqual({ a: ['1', '2'], b: [' '], c: [''] });
    expect(() => b['urlquery.encode_object']({ a: 1 })).toThrow('eval_type_error');
  });
});
