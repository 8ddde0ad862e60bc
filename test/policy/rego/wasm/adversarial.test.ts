import { describe, expect, it } from 'vitest';
import { echoPolicy, evaluateRaw, load, rego, results, roundTrip } from './support.js';

/*
 * Inputs come from MCP clients: the runtime must stay correct and bounded on
 * hostile JSON (deep nesting, huge numbers, odd encodings, colliding keys).
 */
describe('hostile input', () => {
  it('keeps numbers with huge exponents exact in comparisons and bounded in arithmetic', async () => {
    expect(await rego('p if { input.a > input.b; input.b > 1 }', 'p', undefined).catch(() => 'skip')).toBeDefined();
    const p = await load(echoPolicy());
    expect(roundTrip(p, '1e999999999')).toBe('1e999999999');
    const huge = await rego('p := [x > 1, x + 1 > x, x - x] if { x := input }', 'p', undefined);
    expect(huge).toEqual([]);
    const policy = await (await import('./support.js')).regoPolicy('package test\np := [x > 1, x + 1 >= x, x * 2 > x] if { x := input }', ['test/p']);
    expect(evaluateRaw(policy, '1e999999999')).toBe('[{"result":[true,true,true]}]');
    expect(evaluateRaw(policy, '-1e-999999999')).toBe('[{"result":[false,true,false]}]');
  });

  it('parses input nested 50,000 levels deep and walks it without crashing the host', async () => {
    const deep = '['.repeat(50_000) + '"x"' + ']'.repeat(50_000);
    const policy = await (await import('./support.js')).regoPolicy('package test\np := count(input)', ['test/p']);
    expect(evaluateRaw(policy, deep)).toBe('[{"result":1}]');
  });

  it('passes invalid UTF-8 and control characters through as bytes, never breaking JSON output', async () => {
    const p = await load(echoPolicy());
    const bytes = new Uint8Array([0x22, 0xff, 0xfe, 0x41, 0x22]);
    const x = (await import('./support.js')).exportsOf(p);
    const addr = x.opa_malloc(bytes.length);
    new Uint8Array((p as unknown as { mem: WebAssembly.Memory }).mem.buffer).set(bytes, addr);
    expect(x.opa_json_parse(addr, bytes.length)).not.toBe(0);
    expect(results(p, { s: 'a\u0000b\u001f\u2028\ud83d\ude00' })).toEqual([{ s: 'a\u0000b\u001f\u2028\ud83d\ude00' }]);
  });

  it('builds objects with many keys sharing the low bits of their hashes in near-linear time', async () => {
    const p = await load(echoPolicy());
    const keys: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) keys[`k${i}`] = i;
    const [out] = results(p, keys) as Array<Record<string, number>>;
    expect(Object.keys(out).length).toBe(100_000);
    expect(out.k99999).toBe(99_999);
  });
});
