import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

describe('regex builtins (RE2)', () => {
  it('matches unanchored, with unicode and case flags', () => {
    expect(b['regex.match']('^[a-z]+\\[[0-9]+\\]$', 'foo[1]')).toBe(true);
    expect(b['regex.match']('é', 'café')).toBe(true);
    expect(b['regex.match']('(?i)ADMIN', 'xadminx')).toBe(true);
    expect(b['regex.match']('^.$', '😀')).toBe(true);
    expect(b['regex.match']('', '')).toBe(true);
  });

  it('rejects what RE2 does not support: lookaround and backreferences', () => {
    expect(b['regex.is_valid']('(?=x)')).toBe(false);
    expect(b['regex.is_valid']('(?<!x)y')).toBe(false);
    expect(b['regex.is_valid']('(a)\\1')).toBe(false);
    expect(b['regex.is_valid']('[')).toBe(false);
    expect(b['regex.is_valid'](7)).toBe(false);
    expect(() => b['regex.match']('(?=x)', 'x')).toThrow(/eval_builtin_error: regex.match: .*Perl syntax/);
  });

  it('runs pathological patterns in linear time (no catastrophic backtracking)', () => {
    const input = `${'a'.repeat(5000)}!`;
    expect(b['regex.match']('^(a+)+$', input)).toBe(false);
    expect(b['regex.match']('(x+x+)+y', 'x'.repeat(5000))).toBe(false);
  });

  it('finds, splits and replaces like Go', () => {
    expect(b['regex.find_n']('a.', 'aXaYaZ', 2)).toEqual(['aX', 'aY']);
    expect(b['regex.find_n']('a.', 'aXaYaZ', -1)).toEqual(['aX', 'aY', 'aZ']);
    expect(b['regex.find_n']('q', 'abc', -1)).toEqual([]);
    expect(b['regex.find_all_string_submatch_n']('a(x*)(y)?b', '-ab-axxb-', -1)).toEqual([['ab', '', ''], ['axxb', 'xx', '']]);
    expect(b['regex.split']('a', 'banana')).toEqual(['b', 'n', 'n', '']);
    expect(b['regex.split']('x*', 'abc')).toEqual(['a', 'b', 'c']);
    expect(b['regex.split']('a', '')).toEqual(['']);
    expect(b['regex.replace']('-ab-axxb-', 'a(x*)b', '${1}W')).toBe('-W-xxW-');
    expect(b['regex.replace']('-ab-axxb-', 'a(x*)b', '$1W')).toBe('---');
    expect(b['regex.replace']('a1', '(?P<d>\\d)', '<$d>$$')).toBe('a<1>$');
  });

  it('matches templates with delimited regular expressions', () => {
    expect(b['regex.template_match']('urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}')).toBe(true);
    expect(b['regex.template_match']('urn:foo.bar.com:{.*}', 'urn:foo.com:bar:baz', '{', '}')).toBe(false);
    expect(b['regex.template_match']('urn:foo:<[0-9]{2}>', 'urn:foo:42', '<', '>')).toBe(true);
    expect(() => b['regex.template_match']('urn:{{.*}', 'x', '{', '}')).toThrow('unbalanced braces');
  });

  it('decides whether two glob-like patterns intersect', () => {
    expect(b['regex.globs_match']('a.a.[0-9]+z', '.b.b2359825792*594823z')).toBe(true);
    expect(b['regex.globs_match']('[a-z]+', '[0-9]*')).toBe(false);
    expect(b['regex.globs_match']('[a-z]*', '[0-9]*')).toBe(true);
    expect(b['regex.globs_match']('[a-z]+', '[0-9]+')).toBe(false);
    expect(b['regex.globs_match']('[^a]', 'a')).toBe(false);
    expect(() => b['regex.globs_match']('pqrs]', '[a-b]+')).toThrow("input:pqrs], pos:5, set-close ']' with no preceding '['");
  });
});

describe('glob builtins (gobwas semantics)', () => {
  const m = b['glob.match'];

  it('treats delimiters: default ".", none with null', () => {
    expect(m('*.github.com', ['.'], 'api.github.com')).toBe(true);
    expect(m('*.github.com', ['.'], 'api.cdn.github.com')).toBe(false);
    expect(m('api.**.com', ['.'], 'api.cdn.github.com')).toBe(true);
    expect(m('*', [], 'foo.bar')).toBe(false);
    expect(m('*', null, 'foo.bar')).toBe(true);
    expect(m('/home/*/.ssh/*', ['/'], '/home/u/.ssh/id_rsa')).toBe(true);
    expect(m('/home/*/.ssh/*', ['/'], '/home/u/x/.ssh/id_rsa')).toBe(false);
  });

  it('supports classes, negation, alternatives and escapes', () => {
    expect(m('[abc]at', [], 'cat')).toBe(true);
    expect(m('[!a-c]at', [], 'bat')).toBe(false);
    expect(m('{cat,bat,[fr]at}', [], 'rat')).toBe(true);
    expect(m('{a,{b,c}}x', [], 'cx')).toBe(true);
    expect(m('\\*', [], '*')).toBe(true);
    expect(m('\\*', [], 'a')).toBe(false);
    expect(m('?at', ['f'], 'fat')).toBe(false);
  });

  it('matches newlines and unicode as ordinary characters', () => {
    expect(m('**', null, 'a\nb')).toBe(true);
    expect(m('?', [], '😀')).toBe(true);
    expect(m('*', ['/'], 'a\n/b')).toBe(false);
  });

  it('reports malformed globs', () => {
    expect(() => m('[abc', [], 'a')).toThrow('glob.match: unclosed character class');
    expect(() => m('{a,b', [], 'a')).toThrow('unclosed alternatives');
    expect(() => m('a', 'x', 'a')).toThrow('operand 2 must be one of {array, null} but got string');
  });

  it('quotes glob metacharacters', () => {
    expect(b['glob.quote_meta']('*.github.com')).toBe('\\*.github.com');
    expect(m(b['glob.quote_meta']('a[b]{c}?') as string, [], 'a[b]{c}?')).toBe(true);
  });
});

describe('compiled pattern cache', () => {
  it('compiles a pattern once per process however often it is used', async () => {
    const { RE2JS } = await import('re2js');
    const { vi } = await import('vitest');
    const spy = vi.spyOn(RE2JS, 'compile');
    const pattern = `^cache-probe-${Date.now()}$`;
    for (let i = 0; i < 100; i++) b['regex.match'](pattern, `x${i}`);
    expect(spy.mock.calls.filter(([p]) => p === pattern)).toHaveLength(1);
    spy.mockRestore();
  });
});
