import { describe, expect, it } from 'vitest';
import { emitWasm } from '../../../../src/policy/rego/wasm/index.js';
import { IR, L, cString, echoPolicy, evaluateRaw, exportsOf, load, memoryBytes, regoPolicy, results } from './support.js';

describe('the emitted module and the OPA Wasm ABI', () => {
  it('imports exactly what the ABI provides and exports what the SDK and older hosts use', () => {
    const module = new WebAssembly.Module(emitWasm(echoPolicy()));
    const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`).sort();
    expect(imports).toEqual([
      'env.memory:memory', 'env.opa_abort:function', 'env.opa_builtin0:function', 'env.opa_builtin1:function',
      'env.opa_builtin2:function', 'env.opa_builtin3:function', 'env.opa_builtin4:function', 'env.opa_println:function',
    ]);
    const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
    expect(exports).toEqual([
      'builtins', 'entrypoints', 'eval', 'opa_eval', 'opa_eval_ctx_get_result', 'opa_eval_ctx_new', 'opa_eval_ctx_set_data',
      'opa_eval_ctx_set_entrypoint', 'opa_eval_ctx_set_input', 'opa_free', 'opa_heap_ptr_get', 'opa_heap_ptr_set',
      'opa_json_dump', 'opa_json_parse', 'opa_malloc', 'opa_value_dump', 'opa_value_parse', 'opa_wasm_abi_minor_version',
      'opa_wasm_abi_version', 'toolgate_call_site', 'toolgate_host_values',
    ]);
  });

  it('declares ABI version 1.2 or later and a memory the SDK default (5 pages) satisfies', async () => {
    const wasm = emitWasm(echoPolicy());
    const memory = new WebAssembly.Memory({ initial: 5 });
    const noop = () => 0;
    const { instance } = await WebAssembly.instantiate(wasm, {
      env: { memory, opa_abort: noop, opa_println: noop, opa_builtin0: noop, opa_builtin1: noop, opa_builtin2: noop, opa_builtin3: noop, opa_builtin4: noop },
    });
    expect((instance.exports.opa_wasm_abi_version as WebAssembly.Global).value).toBe(1);
    expect((instance.exports.opa_wasm_abi_minor_version as WebAssembly.Global).value).toBeGreaterThanOrEqual(2);
  });

  it('evaluates through the ABI 1.0 evaluation context as well', async () => {
    const p = await load(echoPolicy());
    const x = exportsOf(p) as unknown as Record<string, (...a: number[]) => number>;
    const input = new TextEncoder().encode('{"hello":["world"]}');
    const addr = x.opa_malloc(input.length);
    new Uint8Array((p as unknown as { mem: WebAssembly.Memory }).mem.buffer).set(input, addr);
    const ctx = x.opa_eval_ctx_new();
    x.opa_eval_ctx_set_input(ctx, x.opa_json_parse(addr, input.length));
    x.opa_eval_ctx_set_data(ctx, x.opa_json_parse(addr, input.length));
    x.opa_eval_ctx_set_entrypoint(ctx, 0);
    expect(x.eval(ctx)).toBe(0);
    expect(cString(p, x.opa_json_dump(x.opa_eval_ctx_get_result(ctx)))).toBe('[{"result":{"hello":["world"]}}]');
  });

  it('dumps results as Rego value text on request: sets in braces, set(), any key type', async () => {
    const p = await regoPolicy('package test\np := [{"b", "a"}, set(), {1: "one", [2]: "two"}]', ['test/p']);
    expect(evaluateRaw(p, undefined, 1)).toBe('{{"result":[{"a","b"},set(),{1:"one",[2]:"two"}]}}');
    expect(evaluateRaw(p, undefined, 0)).toBe('[{"result":[["a","b"],[],{"1":"one","[2]":"two"}]}]');
  });

  it('keeps memory flat over many evaluations', async () => {
    const p = await regoPolicy(
      `package test
       deny contains msg if { some a in input.args; contains(a, "rm -rf"); msg := sprintf("bad %v", [a]) }
       allow if { count(deny) == 0; startswith(input.tool, "read_") }
       p := {"allow": allow, "deny": deny} if { true }
       default allow := false`,
      ['test/p'],
      { builtins: { sprintf: (f: string, a: unknown[]) => `${f}${JSON.stringify(a)}` } },
    );
    const input = { tool: 'read_file', args: Array.from({ length: 50 }, (_, i) => (i % 10 === 0 ? `rm -rf /${i}` : `arg ${i}`)) };
    for (let i = 0; i < 200; i++) results(p, input, 'test/p');
    const warm = memoryBytes(p);
    for (let i = 0; i < 5000; i++) results(p, input, 'test/p');
    expect(memoryBytes(p)).toBe(warm);
    expect((results(p, input, 'test/p')[0] as { deny: string[] }).deny.length).toBe(5);
  });

  it('emits modules that validate', () => {
    const ir = new IR();
    const wasm = emitWasm(ir.policy([ir.plan('p', [{ op: 'assignVar', source: L(0), target: 2 }], 2)]));
    expect(WebAssembly.validate(wasm)).toBe(true);
  });
});

describe('large constant data', () => {
  it('loads in the SDK default memory when the constants exceed it', async () => {
    const ir = new IR();
    const words = Array.from({ length: 400 }, (_, i) => `${i}:${'x'.repeat(1000)}`);
    const stmts = [{ op: 'makeSet', target: 2 } as const, ...words.map((w) => ({ op: 'setAdd', set: 2, value: ir.s(w) }) as const)];
    // about 400 kB of strings: more than the 5 pages (320 kB) the SDK gives by default
    const p = await load(ir.policy([ir.plan('p', [...stmts, { op: 'len', source: L(2), target: 2 }], 2)]));
    expect(results(p)).toEqual([400]);
    expect(memoryBytes(p)).toBeGreaterThan(400 * 1000);
  });
});
