import { describe, expect, it } from 'vitest';
import { buildBundle, EvaluationError, loadBundle } from '../../../src/policy/engine/index.js';

/*
 * Real policies through the embedded toolchain and the loader: values that
 * pass through host builtins keep their Rego types, and toolgate's own
 * builtins answer where the SDK has one of the same name.
 */

async function policy(body: string, entrypoints: string[], strictBuiltinErrors = false) {
  const bundle = await buildBundle({ modules: [{ file: 'p.rego', source: `package t\n\n${body}\n` }], entrypoints, strictBuiltinErrors });
  return loadBundle(bundle);
}

const value = (results: Array<{ result: unknown }>) => results.map((r) => r.result);

describe('sets through host builtins', () => {
  it('json.patch keeps a set a set, and patches its elements by value', async () => {
    const p = await policy(
      [
        'doc := {"tags": {"a", "b"}, "nested": {[1]}}',
        'patched := json.patch(doc, [{"op": "add", "path": "/tags/c", "value": "c"}, {"op": "remove", "path": "tags/a"}, {"op": "add", "path": ["nested", [1], 1], "value": 2}])',
        'is_still_set := is_set(patched.tags)',
        'same := patched == {"tags": {"b", "c"}, "nested": {[1, 2]}}',
        'mismatch := json.patch(doc, [{"op": "add", "path": "/tags/d", "value": "e"}])',
      ].join('\n'),
      ['t/is_still_set', 't/same', 't/mismatch'],
    );
    expect(value(p.evaluate({}, 't/is_still_set'))).toEqual([true]);
    expect(value(p.evaluate({}, 't/same'))).toEqual([true]);
    expect(p.evaluate({}, 't/mismatch')).toEqual([]);
  });

  it('net.cidr_contains_matches reports set elements by value, not by position', async () => {
    const p = await policy('m := net.cidr_contains_matches({"1.1.1.0/24", "1.1.2.0/24"}, {"1.1.1.1", "1.1.2.1", "9.9.9.9"})', ['t/m']);
    expect(value(p.evaluate({}, 't/m'))).toEqual([[['1.1.1.0/24', '1.1.1.1'], ['1.1.2.0/24', '1.1.2.1']]]);
  });

  it('a set inside an AWS request body comes back a set in the signed request', async () => {
    const p = await policy(
      [
        'cfg := {"aws_access_key": "AK", "aws_secret_access_key": "SK", "aws_service": "s3", "aws_region": "us-east-1"}',
        'signed := providers.aws.sign_req({"method": "get", "url": "http://example.com", "body": {"ids": {3, 1, 2}}}, cfg, 1451311705000000000)',
        'body_kept := signed.body == {"ids": {1, 2, 3}}',
      ].join('\n'),
      ['t/body_kept'],
    );
    expect(value(p.evaluate({}, 't/body_kept'))).toEqual([true]);
  });

  it('input objects whose keys look like tags come back unchanged, at any depth', async () => {
    const p = await policy('out := json.patch(input, [])', ['t/out']);
    const lookalikes = ['\u0000set', '\u0000int', '\u0000', '\u0000\u0000set', '\u0000SET', '\u0000set ', '\u2400set', '\ufeff\u0000set', 'se\u0000t', '\u0000sét'];
    const input = Object.fromEntries(lookalikes.map((k, i) => [k, i % 2 === 0 ? [k] : { [k]: i }]));
    expect(value(p.evaluate(input, 't/out'))).toEqual([input]);
    let deep: unknown = { '\u0000set': [1] };
    for (let i = 0; i < 1000; i++) deep = { '\u0000set': deep, x: [i] };
    expect(value(p.evaluate(deep, 't/out'))).toEqual([deep]);
  });

  it('input nested deeper than the host can walk fails the evaluation, and the policy keeps working', async () => {
    const p = await policy('out := json.patch(input, [])', ['t/out']);
    let deep: unknown = 1;
    for (let i = 0; i < 3900; i++) deep = [deep];
    let outcome: unknown;
    try {
      outcome = value(p.evaluate(deep, 't/out'))[0];
    } catch (error) {
      outcome = error;
    }
    if (!(outcome instanceof EvaluationError)) expect(outcome).toEqual(deep);
    expect(value(p.evaluate({ a: 1 }, 't/out'))).toEqual([{ a: 1 }]);
  });
});

describe("toolgate's builtins, not the SDK's", () => {
  it('sprintf reports extra arguments as Go does', async () => {
    const p = await policy('s := sprintf("%s %s", input)', ['t/s']);
    expect(value(p.evaluate(['one', 'two', 'three'], 't/s'))).toEqual(['one two%!(EXTRA string=three)']);
  });

  it('yaml.is_valid is false for a non-string, and yaml.unmarshal errors are errors in strict mode', async () => {
    const p = await policy('v := yaml.is_valid(input)', ['t/v']);
    expect(value(p.evaluate(1, 't/v'))).toEqual([false]);
    const strict = await policy('u := yaml.unmarshal(input)', ['t/u'], true);
    expect(() => strict.evaluate('a: [', 't/u')).toThrow(EvaluationError);
    expect(value(strict.evaluate('a: [1]', 't/u'))).toEqual([{ a: [1] }]);
  });
});

describe('exact integers to host builtins', () => {
  it('time.format shows every nanosecond of a timestamp beyond 2^53', async () => {
    const p = await policy('f := time.format(1670006453141828752)\nd := time.date(1670006453141828752)', ['t/f', 't/d']);
    expect(value(p.evaluate({}, 't/f'))).toEqual(['2022-12-02T18:40:53.141828752Z']);
    expect(value(p.evaluate({}, 't/d'))).toEqual([[2022, 12, 2]]);
  });

  it('a timestamp beyond int64 is still "timestamp too big", however many digits it has', async () => {
    const p = await policy('f := time.format(1582977600 * 10e12)\ng := time.format((1e300 * 1e300) * 1e300)', ['t/f', 't/g'], true);
    expect(() => p.evaluate({}, 't/f')).toThrow(/timestamp too big/);
    expect(() => p.evaluate({}, 't/g')).toThrow(/timestamp too big/);
  });
});

describe('builtins OPA answers once per evaluation', () => {
  it('rand.intn gives one value per arguments within an evaluation, and new values in the next', async () => {
    const p = await policy(
      ['same := count({rand.intn("k", 1000000000) | numbers.range(1, 50)[_]})', 'v := rand.intn("k", 1000000000)', 'other := rand.intn("other", 1000000000) != rand.intn("k", 1000000000)'].join('\n'),
      ['t/same', 't/v', 't/other'],
    );
    expect(value(p.evaluate({}, 't/same'))).toEqual([1]);
    const values = new Set(Array.from({ length: 10 }, () => value(p.evaluate({}, 't/v'))[0]));
    expect(values.size).toBeGreaterThan(1);
    expect(value(p.evaluate({}, 't/other'))).toEqual([true]);
  });

  it('time.now_ns is one instant for a whole evaluation, a later one for the next', async () => {
    const p = await policy('distinct := count({time.now_ns() | numbers.range(1, 3000)[_]})\nnow := time.now_ns()', ['t/distinct', 't/now']);
    expect(value(p.evaluate({}, 't/distinct'))).toEqual([1]);
    const first = value(p.evaluate({}, 't/now'))[0] as number;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(value(p.evaluate({}, 't/now'))[0] as number).toBeGreaterThan(first);
  });
});
