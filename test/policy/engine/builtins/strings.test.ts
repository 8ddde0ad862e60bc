import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';
import { regoSet } from '../../../../src/policy/engine/rego-set.js';

describe('sprintf (Go verbs)', () => {
  const f = (format: string, ...args: unknown[]) => b.sprintf(format, args);

  it('formats the common verbs', () => {
    expect(f('%v %d %s %q %x %X %f %e %g %t %%', 'a', 42, 'str', 'q"x', 255, 255, 1.5, 1234.5678, 0.000012, 'true')).toBe(
      'a 42 str "q\\"x" ff FF 1.500000 1.234568e+03 1.2e-05 %!t(string=true) %',
    );
  });

  it('prints composite values as Rego text', () => {
    expect(f('hi %v', ['there', 5, 3.14])).toBe('hi ["there", 5, 3.14]');
    expect(f('%v', { b: 1, a: [true, null] })).toBe('{"a": [true, null], "b": 1}');
    expect(f('%s', true)).toBe('true');
  });

  it('honours width, precision and flags', () => {
    expect(f('%02X.%02X', 127, 1)).toBe('7F.01');
    expect(f('%5d|%-5d|%+d|%05.1f', 42, 42, 42, 3.14159)).toBe('   42|42   |+42|003.1');
    expect(f('%.2s|%8.3f', 'hello', -2.5)).toBe('he|  -2.500');
    expect(f('%#x %o %b', 255, 8, 5)).toBe('0xff 10 101');
  });

  it('reports mismatches the way Go does instead of failing', () => {
    expect(f('%d', 'a')).toBe('%!d(string=a)');
    expect(f('%d %d', 1)).toBe('1 %!d(MISSING)');
    expect(f('%d', 1, 'x')).toBe('1%!(EXTRA string=x)');
  });

  it('uses %g shortest form with exponents from 1e21 and below 1e-4', () => {
    expect(f('%v', 1234567.5)).toBe('1.2345675e+06');
    expect(f('%v', 100000.5)).toBe('100000.5');
    expect(f('%v', 1e21)).toBe('1000000000000000000000');
  });

  it('keeps unicode intact', () => {
    expect(f('%s→%q', 'héllo', '😀')).toBe('héllo→"😀"');
  });

  it('rejects operands of the wrong type', () => {
    expect(() => b.sprintf(1, [])).toThrow('sprintf: operand 1 must be string but got number');
    expect(() => b.sprintf('x', 'y')).toThrow('sprintf: operand 2 must be array but got string');
  });
});

describe('string builtins', () => {
  it('format_int truncates and checks the base', () => {
    expect(b.format_int(15.5, 16)).toBe('f');
    expect(b.format_int(-15.9, 10)).toBe('-15');
    expect(b.format_int(2 ** 60, 2)).toBe('1' + '0'.repeat(60));
    expect(() => b.format_int(1, 3)).toThrow('operand 2 must be one of {2, 8, 10, 16}');
  });

  it('indexof_n finds overlapping occurrences by code point', () => {
    expect(b.indexof_n('aaa', 'aa')).toEqual([0, 1]);
    expect(b.indexof_n('😀x😀x', 'x')).toEqual([1, 3]);
    expect(b.indexof_n('abc', 'z')).toEqual([]);
    expect(() => b.indexof_n('abc', '')).toThrow('empty search character');
  });

  it('replace_n gives sorted keys priority and does not rescan replacements', () => {
    expect(b['strings.replace_n']({ f: 'x', foo: 'xxx' }, 'foobar')).toBe('xoobar');
    expect(b['strings.replace_n']({ '<': '&lt;', '>': '&gt;' }, '<b>')).toBe('&lt;b&gt;');
    expect(b['strings.replace_n']({ a: 'b', b: 'a' }, 'ab')).toBe('ba');
    expect(() => b['strings.replace_n']({ a: 1 }, 'a')).toThrow('operand 1 must be object of strings');
  });

  it('split_n, count, reverse and prefix/suffix matching', () => {
    expect(b['strings.split_n']('a,b,c', ',', 2)).toEqual(['a', 'b,c']);
    expect(b['strings.split_n']('a,b,c', ',', -1)).toEqual(['a', 'b', 'c']);
    expect(b['strings.split_n']('a,b', ',', 0)).toEqual([]);
    expect(b['strings.count']('cheese', 'e')).toBe(3);
    expect(b['strings.count']('five', '')).toBe(5);
    expect(b['strings.reverse']('a😀b')).toBe('b😀a');
    expect(b['strings.any_prefix_match'](['x/a', 'y/b'], ['y/'])).toBe(true);
    expect(b['strings.any_suffix_match']('file.exe', ['.sh', '.exe'])).toBe(true);
    expect(b['strings.any_prefix_match']('', [''])).toBe(true);
    expect(() => b['strings.any_prefix_match'](['a', 1], 'a')).toThrow('operand 1 must be array of strings but got array containing number');
    expect(() => b['strings.any_suffix_match']('a', regoSet(['a', 1]))).toThrow('operand 2 must be set of strings but got set containing number');
    expect(b['strings.any_suffix_match'](regoSet(['x.rego']), regoSet(['.rego']))).toBe(true);
  });

  it('render_template supports fields, range, if/else and fails on missing keys', () => {
    const render = b['strings.render_template'];
    expect(render('{{.a.b}}!', { a: { b: 'x' } })).toBe('x!');
    expect(render('{{range $i, $n := .names}}{{if $i}},{{end}}hi {{$n}}{{end}}', { names: ['a', 'b'] })).toBe('hi a,hi b');
    expect(render('{{if .x}}yes{{else}}no{{end}}', { x: false })).toBe('no');
    expect(render('{{- " t " -}}', {})).toBe(' t ');
    expect(() => render('{{.missing}}', {})).toThrow('map has no entry for key "missing"');
    expect(() => render('{{call .f}}', {})).toThrow('eval_builtin_error');
  });
});
