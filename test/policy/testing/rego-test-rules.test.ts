import { describe, expect, it } from 'vitest';
import { RegoError } from '../../../src/policy/rego/errors.js';
import { findTestRules } from '../../../src/policy/testing/rego-test-rules.js';

const module = (source: string, file = 'a_test.rego') => ({ file, source });

describe('findTestRules', () => {
  it('finds test_* rules with their package, entrypoint and position', () => {
    const { tests } = findTestRules([module('package a.b\n\ntest_one if true\n\n  test_two := true\n')]);
    expect(tests).toEqual([
      { package: 'data.a.b', rule: 'test_one', entrypoint: 'a/b/test_one', location: { file: 'a_test.rego', line: 3, col: 1 }, skip: false },
      { package: 'data.a.b', rule: 'test_two', entrypoint: 'a/b/test_two', location: { file: 'a_test.rego', line: 5, col: 3 }, skip: false },
    ]);
  });

  it('marks todo_test_* rules skipped', () => {
    const { tests } = findTestRules([module('package p\n\ntodo_test_later if false\n')]);
    expect(tests.map((t) => [t.rule, t.skip])).toEqual([['todo_test_later', true]]);
  });

  it('ignores functions, other names and rules defined through a longer ref', () => {
    const { tests } = findTestRules([module('package p\n\ntest_f(x) if x\nhelper_test_x := 1\ncontest_x := 1\na.test_y := 1\n')]);
    expect(tests).toEqual([]);
  });

  it('finds tests in any module, not only *_test.rego files', () => {
    const { tests } = findTestRules([module('package lib\n\nf := 1\n\ntest_f if f == 1\n', 'lib.rego')]);
    expect(tests.map((t) => `${t.package}.${t.rule}`)).toEqual(['data.lib.test_f']);
  });

  it('runs several rules with one test name as separate tests, each renamed to its own entrypoint', () => {
    const source = 'package p\n\ntest_x if { 1 == 1 }\n\ntest_x if { 1 == 2 }\n';
    const { tests, modules } = findTestRules([module(source)]);
    expect(tests.map((t) => [t.rule, t.entrypoint, t.location.line])).toEqual([
      ['test_x#01', 'p/test_x__01', 3],
      ['test_x#02', 'p/test_x__02', 5],
    ]);
    expect(modules[0].source).toBe('package p\n\ntest_x__01 if { 1 == 1 }\n\ntest_x__02 if { 1 == 2 }\n');
  });

  it('counts rules of one package across modules, and never renames onto an existing rule', () => {
    const { tests, modules } = findTestRules([
      module('package p\n\ntest_x if true\n\ntest_x__01 := 5\n', 'one.rego'),
      module('package p\n\ntest_x if false\n', 'two.rego'),
    ]);
    expect(tests.map((t) => [t.rule, t.entrypoint])).toEqual([
      ['test_x#01', 'p/test_x__01_'],
      ['test_x__01', 'p/test_x__01'],
      ['test_x#02', 'p/test_x__02'],
    ]);
    expect(modules.map((m) => m.source)).toEqual(['package p\n\ntest_x__01_ if true\n\ntest_x__01 := 5\n', 'package p\n\ntest_x__02 if false\n']);
  });

  it('keeps one test for a name with a default value (its rules belong together)', () => {
    const source = 'package p\n\ndefault test_x := false\n\ntest_x if true\n';
    const { tests, modules } = findTestRules([module(source)]);
    expect(tests.map((t) => t.rule)).toEqual(['test_x']);
    expect(modules[0].source).toBe(source);
  });

  it('leaves modules without duplicate tests untouched (same object)', () => {
    const input = module('package p\n\ntest_x if true\n');
    expect(findTestRules([input]).modules[0]).toBe(input);
  });

  it('throws the parser error, positioned', () => {
    expect(() => findTestRules([module('package p\n\ntest_x if {\n')])).toThrow(RegoError);
  });
});
