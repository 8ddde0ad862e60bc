/**
 * Helpers for the Wasm emitter tests: hand-written IR programs, loaded through
 * the real SDK (@open-policy-agent/opa-wasm), and raw access to the module's
 * exports where the SDK's JSON.parse would hide exact text.
 */
import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import type { Func, Operand, Plan, Policy, Stmt } from '../../../../src/policy/rego/ir.js';
import { emitWasm } from '../../../../src/policy/rego/wasm/index.js';

export const L = (local: number): Operand => ({ kind: 'local', local });
export const B = (value: boolean): Operand => ({ kind: 'bool', value });

/** Builds a Policy; strings are interned as they are mentioned. */
export class IR {
  readonly strings: string[] = [];
  readonly builtins: string[] = [];

  index(text: string): number {
    let i = this.strings.indexOf(text);
    if (i < 0) i = this.strings.push(text) - 1;
    return i;
  }

  s(text: string): Operand {
    return { kind: 'string', index: this.index(text) };
  }

  /** A plan that runs stmts then adds {result: local resultLocal} to the result set. */
  plan(name: string, stmts: Stmt[], resultLocal: number): Plan {
    return {
      name,
      blocks: [
        {
          stmts: [
            ...stmts,
            { op: 'makeObject', target: 900 },
            { op: 'objectInsert', object: 900, key: this.s('result'), value: L(resultLocal) },
            { op: 'resultSetAdd', value: 900 },
          ],
        },
      ],
    };
  }

  policy(plans: Plan[], funcs: Func[] = []): Policy {
    return { static: { strings: this.strings, builtins: this.builtins.map((name) => ({ name })), files: ['policy.rego'] }, plans, funcs };
  }
}

export interface LoadOptions {
  strict?: boolean;
  builtins?: Record<string, (...args: any[]) => unknown>;
  data?: unknown;
}

export async function load(policy: Policy, options: LoadOptions = {}): Promise<LoadedPolicy> {
  const wasm = emitWasm(policy, { strictBuiltinErrors: options.strict });
  const loaded = await loadPolicy(wasm, undefined, options.builtins ?? {});
  if (options.data !== undefined) loaded.setData(options.data as object);
  return loaded;
}

/** The `result` values of one evaluation. */
export function results(policy: LoadedPolicy, input?: unknown, entrypoint: string | number = 0): unknown[] {
  return (policy.evaluate(asJson(input), entrypoint) as Array<{ result: unknown }>).map((r) => r.result);
}

/** The SDK drops falsy inputs (0, false, ""); JSON text as bytes keeps them. */
export function asJson(value: unknown): ArrayBuffer | undefined {
  if (value === undefined) return undefined;
  return new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;
}

/** Evaluates a one-statement-list plan whose result is local 2. */
export async function run(ir: IR, stmts: Stmt[], input?: unknown, options: LoadOptions = {}): Promise<unknown[]> {
  return results(await load(ir.policy([ir.plan('test/p', stmts, 2)]), options), input);
}

interface Exports {
  opa_eval(r: number, e: number, d: number, i: number, n: number, h: number, f: number): number;
  opa_json_parse(addr: number, len: number): number;
  opa_json_dump(v: number): number;
  opa_value_dump(v: number): number;
  opa_malloc(n: number): number;
  opa_heap_ptr_get(): number;
  opa_heap_ptr_set(p: number): void;
  builtins(): number;
  entrypoints(): number;
}

type Internals = LoadedPolicy & { wasmInstance: WebAssembly.Instance; mem: WebAssembly.Memory; dataAddr: number; dataHeapPtr: number };

export function exportsOf(policy: LoadedPolicy): Exports {
  return (policy as Internals).wasmInstance.exports as unknown as Exports;
}

export function cString(policy: LoadedPolicy, addr: number): string {
  const bytes = new Uint8Array((policy as Internals).mem.buffer);
  let end = addr;
  while (bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(addr, end));
}

/** Like the SDK's evaluate, but returns the exact result text (format 0 = JSON, 1 = Rego value text). */
export function evaluateRaw(policy: LoadedPolicy, inputJson: string | undefined, format = 0): string {
  const p = policy as Internals;
  const bytes = inputJson === undefined ? new Uint8Array(0) : new TextEncoder().encode(inputJson);
  const need = p.dataHeapPtr + bytes.length - p.mem.buffer.byteLength;
  if (need > 0) p.mem.grow(Math.ceil(need / 65536));
  new Uint8Array(p.mem.buffer).set(bytes, p.dataHeapPtr);
  const addr = exportsOf(policy).opa_eval(0, 0, p.dataAddr, bytes.length ? p.dataHeapPtr : 0, bytes.length, p.dataHeapPtr + bytes.length, format);
  return cString(policy, addr);
}

/** Parses JSON text inside the module and dumps it back (JSON or Rego text). */
export function roundTrip(policy: LoadedPolicy, json: string, rego = false): string | undefined {
  const x = exportsOf(policy);
  const bytes = new TextEncoder().encode(json);
  const addr = x.opa_malloc(bytes.length);
  new Uint8Array((policy as Internals).mem.buffer).set(bytes, addr);
  const v = x.opa_json_parse(addr, bytes.length);
  if (v === 0) return undefined;
  return cString(policy, rego ? x.opa_value_dump(v) : x.opa_json_dump(v));
}

export function memoryBytes(policy: LoadedPolicy): number {
  return (policy as Internals).mem.buffer.byteLength;
}

/** An empty policy with one plan returning input, for JSON tests. */
export function echoPolicy(): Policy {
  const ir = new IR();
  return ir.policy([ir.plan('echo', [{ op: 'assignVar', source: L(0), target: 2 }], 2)]);
}

/** Compiles Rego source (package test) through the real front end and evaluates data.test.<rule>. */
export async function regoPolicy(source: string, entrypoints: string[], options: LoadOptions = {}): Promise<LoadedPolicy> {
  const { parseModule } = await import('../../../../src/policy/rego/parse.js');
  const { compileToIR } = await import('../../../../src/policy/rego/compile.js');
  const ir = compileToIR([parseModule(source, 'test.rego')], { entrypoints });
  return load(ir, options);
}

/** Evaluates `rule` of a `package test` module: its result values. */
export async function rego(body: string, rule = 'p', input?: unknown, options: LoadOptions = {}): Promise<unknown[]> {
  const p = await regoPolicy(`package test\n${body}`, [`test/${rule}`], options);
  return results(p, input, `test/${rule}`);
}
