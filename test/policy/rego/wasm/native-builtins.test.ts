import { describe, expect, it } from 'vitest';
import { lookupBuiltin } from '../../../../src/policy/rego/builtins/table.js';
import { RUNTIME_BUILTINS } from '../../../../src/policy/rego/wasm/index.js';
import { nativeArity, nativeExportName } from '../../../../src/policy/rego/wasm/native-builtins.js';
import { loadRuntime } from '../../../../src/policy/rego/wasm/runtime-module.js';
import { rego } from './support.js';

/** [Rego expression, expected value (undefined: no result)] */
const CASES: Array<[string, unknown]> = [
  ['[1 == 1, 1 != 2, 1 < 2, 2 <= 2, 3 > 2, 2 >= 3]', [true, true, true, true, true, false]],
  ['[null < false, false < 0, 0 < "", "" < [], [] < {}, {} < set()]', [true, true, true, true, true, true]],
  ['[[1, 2] < [1, 3], [1] < [1, 0], {"a": 1} < {"a": 2}, {"a": 9} < {"b": 0}, {1} < {1, 2}]', [true, true, true, true, true]],
  ['[1 + 2, 5 - 7, 6 * 7, 7 / 2, 7 % 2]', [3, -2, 42, 3.5, 1]],
  ['{1, 2, 3} - {2}', [1, 3]],
  ['{1, 2} & {2, 3}', [2]],
  ['{1, 2} | {2, 3}', [1, 2, 3]],
  ['intersection({{1, 2, 3}, {2, 3, 4}, {3, 2}})', [2, 3]],
  ['union({{1}, {2}, set()})', [1, 2]],
  ['intersection(set())', []],
  ['[count("héllo"), count([1, 2]), count({"a": 1}), count({1, 2, 3})]', [5, 2, 1, 3]],
  ['[sum([1, 2.5]), product({2, 3}), max([1, 9, 3]), min({"b", "a"}), sum([])]', [3.5, 6, 9, 'a', 0]],
  ['max([])', undefined],
  ['sort([3, "a", null, [1], false, 1])', [null, false, 1, 3, 'a', [1]]],
  ['sort({"b", "a"})', ['a', 'b']],
  ['[is_number(1), is_string("s"), is_boolean(false), is_array([]), is_set(set()), is_object({}), is_null(null), is_number("1")]', [true, true, true, true, true, true, true, false]],
  ['[type_name(null), type_name(true), type_name(1), type_name("s"), type_name([]), type_name({}), type_name(set())]', ['null', 'boolean', 'number', 'string', 'array', 'object', 'set']],
  ['[to_number("12"), to_number("-1.5e1"), to_number(true), to_number(null), to_number(7)]', [12, -15, 1, 0, 7]],
  ['to_number("12x")', undefined],
  ['[concat("/", ["a", "b"]), concat(", ", {"y", "x"}), concat("-", [])]', ['a/b', 'x, y', '']],
  ['[startswith("hello", "he"), endswith("hello", "lo"), contains("hello", "ll"), startswith("he", "hello"), contains("abc", "")]', [true, true, true, false, true]],
  ['[lower("ÀBC Straße"), upper("àbc straße ǆ"), lower("ΣΑΣ")]', ['àbc straße', 'ÀBC STRASSE Ǆ'.replace('SS', 'ß'), 'σασ']],
  ['[indexof("héllo", "l"), indexof("abc", "z"), indexof("abc", "")]', [2, -1, 0]],
  ['[substring("héllo", 1, 3), substring("abc", 1, -1), substring("abc", 5, 1), substring("abc", 0, 10)]', ['éll', 'bc', '', 'abc']],
  ['[trim("  xx  ", " "), trim_left("aab", "a"), trim_right("baa", "a"), trim_prefix("prefix-x", "prefix-"), trim_suffix("x.txt", ".txt"), trim_space(" \\t x \\n ")]', ['xx', 'b', 'b', 'x', 'x', 'x']],
  ['[trim("éxé", "é"), trim_prefix("abc", "x"), trim_space("\\u00a0a\\u3000")]', ['x', 'abc', 'a']],
  ['[split("a,b,,c", ","), split("", ","), split("héj", "")]', [['a', 'b', '', 'c'], [''], ['h', 'é', 'j']]],
  ['[replace("a.b.c", ".", "/"), replace("aaa", "a", "bb"), replace("abc", "", "-"), replace("abc", "x", "y")]', ['a/b/c', 'bbbbbb', '-a-b-c-', 'abc']],
  ['[array.concat([1], [2, 3]), array.slice([1, 2, 3, 4], 1, 3), array.slice([1, 2], -5, 9), array.slice([1, 2], 2, 1), array.reverse([1, 2, 3])]', [[1, 2, 3], [2, 3], [1, 2], [], [3, 2, 1]]],
  ['[object.get({"a": 1}, "a", 0), object.get({"a": 1}, "b", 0), object.get({"a": {"b": [5, 6]}}, ["a", "b", 1], 0), object.get({"a": 1}, ["x", "y"], "d")]', [1, 0, 6, 'd']],
  ['[1 in [1, 2], 3 in [1, 2], "a" in {"a"}, 1 in {"k": 1}, "k" in {"k": 1}, 0, 1 in [1], 1, 2 in [1]]', [true, false, true, true, false, 0, true, 1, false]],
  ['[x | walk({"b": [7], "a": 1}, x)]', [[[], { a: 1, b: [7] }], [['a'], 1], [['b'], [7]], [['b', 0], 7]]],
  ['[abs(-2), round(1.5), ceil(-0.5), floor(2.7)]', [2, 2, 0, 2]],
  ['object.keys({"b": 1, "a": 2, 3: 4})', [3, 'a', 'b']],
  ['[x | some x in object.keys({[1]: 1, {2}: 2})]', [[1], [2]]],
  ['object.remove({"a": 1, "b": 2, 3: 3}, {"a", 3})', { b: 2 }],
  ['[object.remove({"a": 1, "b": 2}, ["b"]), object.remove({"a": 1, "b": 2}, {"a": 0}), object.filter({"a": 1, "b": 2}, ["b", "z"])]', [{ a: 1 }, { b: 2 }, { b: 2 }]],
  ['object.filter({[[7]]: 2, "a": 1}, {[[7]]}) == {[[7]]: 2}', true],
  ['object.union({"a": {"x": 1, "y": {1}}, "b": 1}, {"a": {"x": 2, "z": 3}, "c": 4})', { a: { x: 2, y: [1], z: 3 }, b: 1, c: 4 }],
  ['object.union_n([{"a": 1}, {"b": 2}, {"a": 3}])', { a: 3, b: 2 }],
  ['[object.subset({"a": {"s": {1, 2, 3}, "l": [1, 2, 3]}, "b": 1}, {"a": {"s": {3, 1}, "l": [2, 3]}}), object.subset({"a": 1}, {"a": 2})]', [true, false]],
  ['[object.subset({1, 2, 3}, {2}), object.subset([1, 2, 3], [2, 3]), object.subset([1, 2, 3], [1, 3]), object.subset([1, 2, 3], {3, 1})]', [true, true, false, true]],
  ['[numbers.range(1, 3), numbers.range(2, -1), numbers.range(5, 5)]', [[1, 2, 3], [2, 1, 0, -1], [5]]],
  ['[bits.or(12, 3), bits.and(12, 4), bits.xor(5, 1), bits.negate(0), bits.lsh(1, 70), bits.rsh(-16, 2)]', [15, 4, 4, -1, 1180591620717411303424, -4]],
];

describe('builtins implemented in the Wasm runtime', () => {
  it('are all exported by the runtime and declared in the builtin table with the same arity', () => {
    const runtime = loadRuntime();
    for (const name of RUNTIME_BUILTINS) {
      expect(runtime.hasFunc(nativeExportName(name)), name).toBe(true);
      const decl = lookupBuiltin(name);
      expect(decl, name).toBeDefined();
      expect(decl!.args.length, name).toBe(nativeArity(name));
    }
  });

  it('membership with key and value: internal.member_3', async () => {
    const member3 = async (expr: string) => (await rego(`p if { ${expr} }`)).length === 1;
    expect(await member3('"k", 1 in {"k": 1}')).toBe(true);
    expect(await member3('"k", 2 in {"k": 1}')).toBe(false);
    expect(await member3('0, "x" in ["x"]')).toBe(true);
    expect(await member3('1, "x" in ["x"]')).toBe(false);
    expect(await member3('"a", "a" in {"a"}')).toBe(true);
    expect(await member3('"a", "b" in {"a", "b"}')).toBe(false);
    expect(await member3('0, "a" in "abc"')).toBe(false);
  });

  it.each(CASES)('%s', async (expr, want) => {
    const got = await rego(`p := ${expr}`);
    expect(got).toEqual(want === undefined ? [] : [want]);
  });
});
