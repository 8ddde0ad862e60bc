import { describe, expect, it } from 'vitest';
import { evaluateRaw, rego, regoPolicy } from './support.js';

/** The exact text of data.test.p's value. */
async function exact(expr: string): Promise<string> {
  const p = await regoPolicy(`package test\np := ${expr}`, ['test/p']);
  return evaluateRaw(p, undefined).replace(/^\[\{"result":(.*)\}\]$/, '$1');
}

describe('numbers', () => {
  it('integers use an exact i64 fast path and overflow into exact big integers', async () => {
    expect(await exact('9223372036854775807 + 1')).toBe('9223372036854775808');
    expect(await exact('-9223372036854775808 - 1')).toBe('-9223372036854775809');
    expect(await exact('3037000500 * 3037000500')).toBe('9223372037000250000');
    expect(await exact('99999999999999999999 * 99999999999999999999')).toBe('9999999999999999999800000000000000000001');
    expect(await exact('28857836529306024611913 - 28857836529306024611912')).toBe('1');
  });

  it('decimal arithmetic is exact where the result is a finite decimal', async () => {
    expect(await exact('0.1 + 0.2')).toBe('0.3');
    expect(await exact('0.3 - 0.1')).toBe('0.2');
    expect(await exact('1.1 * 1.1')).toBe('1.21');
    expect(await exact('0.3 / 0.1')).toBe('3');
    expect(await exact('10 / 4')).toBe('2.5');
    expect(await exact('1 / 8')).toBe('0.125');
    expect(await exact('2.5 * 4')).toBe('10');
  });

  it('inexact quotients keep the shortest decimal of the nearest double', async () => {
    expect(await exact('1 / 3')).toBe('0.3333333333333333');
    expect(await exact('2 / 3')).toBe('0.6666666666666666');
  });

  it('compares by value across representations', async () => {
    expect(await rego('p if { 1 == 1.0; 1.0 == 1e0; 100 == 1e2; 0.5 < 1; -1 < -0.5 }')).toEqual([true]);
    expect(await rego('p if { 28857836529306024611913 != 28857836529306024611912 }')).toEqual([true]);
    expect(await rego('p if { 28857836529306024611913 > 28857836529306024611912 }')).toEqual([true]);
    expect(await rego('p if { 0.1 + 0.2 == 0.3 }')).toEqual([true]);
    expect(await rego('p := count({1, 1.0, 2.0, 2})')).toEqual([2]);
    expect(await rego('p := {1: "a"}[1.0]')).toEqual(['a']);
    expect(await rego('p := sort([3, 1.5, -2, 1e1, 0.25])')).toEqual([[-2, 0.25, 1.5, 3, 10]]);
  });

  it('rounding, absolute values and remainders', async () => {
    expect(await rego('p := [round(2.5), round(-2.5), round(2.4), ceil(1.2), floor(-1.2), abs(-3), abs(-0.5)]')).toEqual([[3, -3, 2, 2, -2, 3, 0.5]]);
    expect(await rego('p := [7 % 3, -7 % 3, 9223372036854775807 % 10]')).toEqual([[1, -1, 7]]);
  });

  it('numbers arriving as JSON compare with numbers in the policy', async () => {
    expect(await rego('p if { input.a == 1; input.b == 0.1; input.c > 10000000000000000000 }', 'p', { a: 1.0, b: 0.1, c: 1e20 })).toEqual([true]);
  });
});
