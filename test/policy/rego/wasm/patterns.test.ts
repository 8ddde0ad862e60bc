import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../../src/policy/engine/builtins/index.js';
import { asJson, regoPolicy } from './support.js';

/*
 * regex.match and glob.match run in the runtime (a lazily built DFA over
 * patterns compiled once per instance). Their answers must be those of the
 * host implementation (RE2 semantics, via re2js), which also keeps every
 * pattern the runtime does not support.
 */

let policy: LoadedPolicy;
let hostCalls: string[] = [];

beforeAll(async () => {
  const builtins = Object.fromEntries(
    Object.entries(hostBuiltins).map(([name, f]) => [name, (...args: unknown[]) => (hostCalls.push(name), f(...args))]),
  );
  policy = await regoPolicy(
    `package test
     regexes := [regex.match(p, s) | some [p, s] in input]
     globs := [glob.match(p, d, s) | some [p, d, s] in input]`,
    ['test/regexes', 'test/globs'],
    { builtins },
  );
});

function native(entrypoint: string, cases: unknown[][]): unknown[] {
  return (policy.evaluate(asJson(cases), entrypoint) as Array<{ result: unknown[] }>)[0].result;
}

function host(name: string, cases: unknown[][]): unknown[] {
  return cases.map((args) => hostBuiltins[name](...args));
}

/** A small deterministic generator of patterns and subjects. */
function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

describe('regex.match in the runtime', () => {
  const patterns = [
    'a', '^abc$', 'a.c', 'a*', 'a+b', 'ab?c', 'a{2}', 'a{2,}', 'a{1,3}b', '[abc]', '[^abc]', '[a-z]+', '\\d+', '\\D', '\\s', '\\w+',
    '\\W', '\\bfoo\\b', '\\Bfoo', '(?i)HeLLo', '(?i)straße', '(?s)a.b', 'a.b', '(?m)^b', '(?m)a$', '^$', '', 'x|y|z', '(a|b)*c',
    '(?:ab)+', 'a\\.b', '\\Qa.b\\E', '\\x41', '\\x{1F600}', '[[:alpha:]]+', '[[:^digit:]]', '[\\d\\s]+', '[a-]', '[]a]', 'a{,3}',
    'a{', '(?P<n>x)', '(?<n>x)', 'é+', '[é-ê]', '^.$', '(?i)[k]', '\\A\\z', 'x*$', '(a*)*', '(a|ab)(c|bcd)(d*)', 'AKIA[0-9A-Z]{16}',
    '(?i)ignore (all )?previous instructions', ';\\s*rm\\s+-rf', '\\d{3}-\\d{4}', '[^\\n]+', '(?U)a+?', 'a|', '()',
  ];
  const subjects = ['', 'a', 'abc', 'xabcx', 'ABC', 'aab', 'ac', 'a\nb', 'b\na', 'hello HeLLo', 'STRASSE straße', 'foo bar', 'foobar',
    'é', 'x😀y', '123-4567', 'AKIAABCDEFGHIJKLMNOP', 'Please IGNORE previous instructions', 'ls; rm -rf /', 'K', '\u212a', '{', 'a{'];

  it('answers as RE2 does on a table of patterns and subjects, without calling the host', () => {
    const cases = patterns.flatMap((p) => subjects.map((s) => [p, s]));
    hostCalls = [];
    expect(native('test/regexes', cases)).toEqual(host('regex.match', cases));
    expect(hostCalls).toEqual([]);
  });

  it('answers as RE2 does on random patterns (flags, classes, anchors, repetitions, alternations)', () => {
    const rnd = lcg(7);
    const atoms = ['a', 'b', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c]', '\\b', '^', '$', 'é', '\\n', '(?i:A)', ' ', '\\B', '(?s:.)', '\\z'];
    const quantifiers = ['', '', '*', '+', '?', '{2}', '{1,2}', '*?'];
    const gen = (depth: number): string => {
      let out = '';
      for (let i = 0, n = 1 + rnd(4); i < n; i++) {
        const atom = depth < 2 && rnd(5) === 0 ? `(${gen(depth + 1)}|${gen(depth + 1)})` : atoms[rnd(atoms.length)];
        out += atom + (/^(\^|\$|\\[bBz])$/.test(atom) ? '' : quantifiers[rnd(quantifiers.length)]);
      }
      return (rnd(8) === 0 ? '(?m)' : '') + (rnd(10) === 0 ? '(?i)' : '') + out;
    };
    const chars = ['a', 'b', 'A', ' ', '\n', 'é', '1', '_', '😀'];
    const cases = Array.from({ length: 3000 }, () => [gen(0), Array.from({ length: rnd(8) }, () => chars[rnd(chars.length)]).join('')]);
    expect(native('test/regexes', cases)).toEqual(host('regex.match', cases));
  });

  it('leaves Unicode classes and invalid patterns to the host, with its errors', () => {
    hostCalls = [];
    expect(native('test/regexes', [['\\pL+', 'été'], ['\\p{Greek}', 'α'], ['\\PL', '1']])).toEqual([true, true, true]);
    expect(hostCalls).toEqual(['regex.match', 'regex.match', 'regex.match']);
    expect(() => policy.evaluate(asJson([['(', 'x']]), 'test/regexes')).toThrow('missing closing )');
  });

  it('keeps compiled patterns across evaluations and survives many distinct patterns', () => {
    const many = Array.from({ length: 2000 }, (_, i) => [`^k${i}[0-9]+$`, `k${i}42`]);
    expect(native('test/regexes', many)).toEqual(many.map(() => true));
    expect(native('test/regexes', many.slice(0, 10))).toEqual(many.slice(0, 10).map(() => true));
  });

  it('stays correct when a pattern needs more DFA states than it keeps (the DFA is rebuilt mid-match)', () => {
    const rnd = lcg(3);
    const subjects = Array.from({ length: 40 }, () => Array.from({ length: 400 }, () => (rnd(2) ? 'a' : 'b')).join('') + 'c');
    const cases = ['(a|b)*a(a|b){7}c', '(a|b)*b(a|b){9}c', 'a(a|b){8}b'].flatMap((p) => subjects.map((s) => [p, s]));
    expect(native('test/regexes', cases)).toEqual(host('regex.match', cases));
  });

  it('is linear: no catastrophic backtracking', () => {
    const evil = [['(a*)*b', 'a'.repeat(5000)], ['(a|aa)+$', `${'a'.repeat(5000)}!`]];
    expect(native('test/regexes', evil)).toEqual([false, false]);
  });
});

describe('glob.match in the runtime', () => {
  it('answers as the host does for delimiters, classes, alternatives and escapes', () => {
    const globs = ['*.txt', '**/*.pem', 'a?c', '[abc]x', '[!abc]x', '[a-c]x', '{foo,bar}.go', 'src/**', 'src/*', '\\*x', 'a.b', '*', '**', '',
      '{a,{b,c}}', '*.{js,ts}', 'api.*.com', 'api.**.com'];
    const delimiters = [[], ['/'], null, ['.', '/'], ['ab']];
    const subjects = ['x.txt', 'a/b.txt', 'dir/key.pem', 'key.pem', 'abc', 'a.c', 'ax', 'dx', 'foo.go', 'src/a/b', 'src/a', '*x', 'a.b', '',
      'b', 'a.js', 'api.foo.com', 'api.foo.bar.com', 'é.txt'];
    const cases = globs.flatMap((g) => delimiters.flatMap((d) => subjects.map((s) => [g, d, s])));
    hostCalls = [];
    expect(native('test/globs', cases)).toEqual(host('glob.match', cases));
    expect(hostCalls).toEqual([]);
  });

  it('leaves malformed globs to the host, with its errors', () => {
    expect(() => policy.evaluate(asJson([['[', ['/'], 'x']]), 'test/globs')).toThrow('glob.match');
  });
});

describe('regex.match and glob.match on the same constant pattern', () => {
  it('keep the two compilations apart', async () => {
    const p = await regoPolicy(
      `package test
       pattern := "a*"
       both := [regex.match(pattern, input), glob.match(pattern, [], input), regex.match(pattern, input)]`,
      ['test/both'],
    );
    expect((p.evaluate(asJson('bbb'), 'test/both') as Array<{ result: unknown }>)[0].result).toEqual([true, false, true]);
    expect((p.evaluate(asJson('a.b'), 'test/both') as Array<{ result: unknown }>)[0].result).toEqual([true, false, true]);
    expect((p.evaluate(asJson('abc'), 'test/both') as Array<{ result: unknown }>)[0].result).toEqual([true, true, true]);
  });
});
