import { describe, expect, it } from 'vitest';
import { echoPolicy, evaluateRaw, exportsOf, load, memoryBytes, regoPolicy, results, roundTrip } from './support.js';

/*
 * Inputs come from MCP clients: the runtime must stay correct and bounded on
 * hostile JSON (deep nesting, huge numbers, odd encodings, colliding keys).
 */
describe('hostile input', () => {
  it('keeps numbers with huge exponents exact in comparisons and bounded in arithmetic', async () => {
    const p = await load(echoPolicy());
    expect(roundTrip(p, '1e999999999')).toBe('1e999999999');
    const policy = await regoPolicy('package test\np := [x > 1, x + 1 >= x, x * 2 > x, x - x] if { x := input }', ['test/p']);
    expect(evaluateRaw(policy, '1e999999999')).toBe('[{"result":[true,true,true,0]}]');
    expect(evaluateRaw(policy, '-1e-999999999')).toBe('[{"result":[false,true,false,0]}]');
  });

  it('parses input nested 50,000 levels deep and walks it without crashing the host', async () => {
    const deep = '['.repeat(50_000) + '"x"' + ']'.repeat(50_000);
    const policy = await regoPolicy('package test\np := count(input)', ['test/p']);
    expect(evaluateRaw(policy, deep)).toBe('[{"result":1}]');
  });

  it('walks input nested 20,000 levels deep in memory linear in its size', async () => {
    const deep = '{"a":'.repeat(20_000) + '"leaf"' + '}'.repeat(20_000);
    const policy = await regoPolicy('package test\np := [count([1 | walk(input, _)]), [q | walk(input, [q, "leaf"])][0][19999]]', ['test/p']);
    expect(evaluateRaw(policy, deep)).toBe('[{"result":[20001,"a"]}]');
    // quadratic paths would need 20,000² / 2 elements: 800 MB
    expect(memoryBytes(policy)).toBeLessThan(64 << 20);
  });

  it('passes invalid UTF-8 and control characters through as bytes, never breaking JSON output', async () => {
    const p = await load(echoPolicy());
    const bytes = new Uint8Array([0x22, 0xff, 0xfe, 0x41, 0x22]);
    const x = exportsOf(p);
    const addr = x.opa_malloc(bytes.length);
    new Uint8Array((p as unknown as { mem: WebAssembly.Memory }).mem.buffer).set(bytes, addr);
    expect(x.opa_json_parse(addr, bytes.length)).not.toBe(0);
    expect(results(p, { s: 'a\u0000b\u001f\u2028\ud83d\ude00' })).toEqual([{ s: 'a\u0000b\u001f\u2028\ud83d\ude00' }]);
  });

  it('builds objects with 100,000 keys', async () => {
    const p = await load(echoPolicy());
    const keys: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) keys[`k${i}`] = i;
    const [out] = results(p, keys) as Array<Record<string, number>>;
    expect(Object.keys(out).length).toBe(100_000);
    expect(out.k99999).toBe(99_999);
  });

  it('stays correct when keys are crafted to collide in the low bits of the runtime hash', async () => {
    // keys whose (runtime) string hashes share their low 8 bits: long chains, widened tables
    const colliding: string[] = [];
    for (let i = 0; colliding.length < 400; i++) {
      const key = `c${i}`;
      if ((runtimeStringHash(key) & 0xff) === 0x5a) colliding.push(key);
    }
    const policy = await regoPolicy('package test\np := [count(input), [input[k] | some k in ["' + colliding.slice(-3).join('", "') + '"]]]', ['test/p']);
    const input = Object.fromEntries(colliding.map((k, i) => [k, i]));
    expect(results(policy, input, 'test/p')).toEqual([[400, [397, 398, 399]]]);
  });
});

/** The runtime's hash of string bytes (runtime/string.as.ts hashBytes), for crafting collisions. */
function runtimeStringHash(text: string): number {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  let h = (0x811c9dc5 ^ n) >>> 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const word = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0;
    h = Math.imul(h ^ word, 0x01000193) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
  }
  for (; i < n; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  return h === 0 ? 1 : h;
}
