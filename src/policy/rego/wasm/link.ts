/**
 * Links a policy's functions, constants and exports with the prebuilt runtime.
 * Nothing of the runtime is renumbered: its imports are declared up front and
 * the policy's functions and types are appended. The runtime's internal exports
 * (rt_*, bi_*) are dropped; its ABI exports (opa_*) and toolgate's own markers
 * (toolgate_*, read by the loader) are kept.
 */
import { EXTERNAL, type Export, type FuncType, type WasmModule, writeModule } from './binary/module.js';
import type { Runtime } from './runtime-module.js';

export interface PolicyParts {
  /** Types appended after the runtime's (see TypeTable). */
  newTypes: FuncType[];
  /** The policy's functions, in index order after the runtime's. */
  functions: Array<{ type: number; body: Uint8Array }>;
  exports: Export[];
  start: number;
  /** Passive data is copied by the start function (when the module must not ask for more memory than the SDK's default). */
  staticData: { offset: number; bytes: Uint8Array; passive: boolean };
  heapStart: number;
  /** The memory the module asks for (pages). */
  memoryPages: number;
  strictBuiltinErrors: boolean;
  /** Bytes the runtime reserves at instantiation for what must survive heap resets (0: none). */
  persistentBytes: number;
}

/** Function types of the linked module: the runtime's, then new ones, without duplicates. */
export class TypeTable {
  readonly added: FuncType[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly base: FuncType[]) {
    base.forEach((t, i) => {
      const key = TypeTable.key(t);
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  private static key(t: FuncType): string {
    return `${t.params.join(',')}:${t.results.join(',')}`;
  }

  get(t: FuncType): number {
    const key = TypeTable.key(t);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.base.length + this.added.length;
      this.added.push(t);
      this.index.set(key, i);
    }
    return i;
  }
}

export function link(rt: Runtime, parts: PolicyParts): Uint8Array<ArrayBuffer> {
  const m = rt.module;
  const heapGlobal = rt.global('rt_heap_ptr');
  const strictGlobal = rt.global('rt_strict');
  const persistGlobal = rt.global('rt_persist_size');
  const pages = Math.max(1, parts.memoryPages);
  const linked: WasmModule = {
    types: [...m.types, ...parts.newTypes],
    imports: m.imports.map((imp) =>
      imp.kind === 'memory' ? { ...imp, limits: { ...imp.limits, min: Math.max(imp.limits.min, pages) } } : imp,
    ),
    functions: [...m.functions, ...parts.functions.map((f) => f.type)],
    tables: m.tables,
    globals: m.globals.map((g, i) => {
      if (i === heapGlobal) return { ...g, init: { value: BigInt(parts.heapStart) } };
      if (i === strictGlobal) return { ...g, init: { value: parts.strictBuiltinErrors ? 1n : 0n } };
      if (i === persistGlobal) return { ...g, init: { value: BigInt(parts.persistentBytes) } };
      return g;
    }),
    exports: [
      ...m.exports.filter((e) => (e.name.startsWith('opa_') && !(e.kind === EXTERNAL.func && e.name === 'opa_eval')) || e.name.startsWith('toolgate_')),
      ...parts.exports,
    ],
    start: parts.start,
    elements: m.elements,
    code: [...m.code, ...parts.functions.map((f) => f.body)],
    data: [...m.data, { offset: parts.staticData.passive ? undefined : parts.staticData.offset, bytes: parts.staticData.bytes }],
  };
  if (m.start !== undefined) throw new Error('toolgate: the Wasm runtime must not have a start function');
  return writeModule(linked);
}
