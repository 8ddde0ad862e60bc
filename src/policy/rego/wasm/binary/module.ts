/**
 * A WebAssembly module split into the parts the linker rewrites; everything
 * else is kept as raw bytes. Only what a prebuilt runtime uses is supported:
 * one imported memory, function imports, i32/i64/f64 constant globals, active
 * data segments at constant offsets.
 */
import { ByteReader } from './byte-reader.js';
import { ByteWriter } from './byte-writer.js';

export const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
} as const;

export const VALTYPE = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c } as const;
export type ValType = (typeof VALTYPE)[keyof typeof VALTYPE];

export const EXTERNAL = { func: 0, table: 1, memory: 2, global: 3 } as const;

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  max?: number;
}

export type Import =
  | { module: string; name: string; kind: 'func'; type: number }
  | { module: string; name: string; kind: 'memory'; limits: Limits }
  | { module: string; name: string; kind: 'other'; raw: Uint8Array };

export interface Global {
  type: ValType;
  mutable: boolean;
  /** The constant of a `<type>.const X end` initializer; raw bytes otherwise. */
  init: { value: bigint } | { raw: Uint8Array };
}

export interface Export {
  name: string;
  kind: number;
  index: number;
}

export interface DataSegment {
  /** Active segment offset (i32.const); undefined for passive segments. */
  offset?: number;
  bytes: Uint8Array;
}

export interface WasmModule {
  types: FuncType[];
  imports: Import[];
  /** Type index of each defined function. */
  functions: number[];
  tables?: Uint8Array;
  globals: Global[];
  exports: Export[];
  start?: number;
  elements?: Uint8Array;
  /** Function bodies, each with its size prefix. */
  code: Uint8Array[];
  data: DataSegment[];
}

function readFuncType(r: ByteReader): FuncType {
  if (r.byte() !== 0x60) r.fail('expected a function type');
  const params = Array.from({ length: r.u32() }, () => r.byte() as ValType);
  const results = Array.from({ length: r.u32() }, () => r.byte() as ValType);
  return { params, results };
}

function readLimits(r: ByteReader): Limits {
  const flags = r.byte();
  const min = r.u32();
  return flags & 1 ? { min, max: r.u32() } : { min };
}

function readImport(r: ByteReader): Import {
  const module = r.name();
  const name = r.name();
  const kind = r.byte();
  if (kind === EXTERNAL.func) return { module, name, kind: 'func', type: r.u32() };
  if (kind === EXTERNAL.memory) return { module, name, kind: 'memory', limits: readLimits(r) };
  const start = r.pos;
  if (kind === EXTERNAL.table) {
    r.byte();
    readLimits(r);
  } else if (kind === EXTERNAL.global) {
    r.byte();
    r.byte();
  } else r.fail(`unknown import kind ${kind}`);
  return { module, name, kind: 'other', raw: new Uint8Array([kind, ...r.data.subarray(start, r.pos)]) };
}

function readConstExpr(r: ByteReader): Global['init'] {
  const start = r.pos;
  const op = r.byte();
  if (op === 0x41 || op === 0x42) {
    const value = r.sleb();
    if (r.byte() === 0x0b) return { value };
  }
  r.pos = start;
  while (r.byte() !== 0x0b);
  return { raw: r.data.slice(start, r.pos) };
}

function readDataSegment(r: ByteReader): DataSegment {
  const flags = r.u32();
  if (flags === 1) return { bytes: r.bytes(r.u32()) };
  if (flags !== 0) r.fail(`unsupported data segment flags ${flags}`);
  if (r.byte() !== 0x41) r.fail('data offset must be i32.const');
  const offset = Number(r.sleb());
  if (r.byte() !== 0x0b) r.fail('data offset must be a constant');
  return { offset, bytes: r.bytes(r.u32()) };
}

function vector<T>(r: ByteReader, read: (r: ByteReader) => T): T[] {
  return Array.from({ length: r.u32() }, () => read(r));
}

export function readModule(bytes: Uint8Array): WasmModule {
  const r = new ByteReader(bytes);
  const magic = r.bytes(8);
  if (magic[0] !== 0 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d || magic[4] !== 1) {
    r.fail('not a WebAssembly 1.0 module');
  }
  const m: WasmModule = { types: [], imports: [], functions: [], globals: [], exports: [], code: [], data: [] };
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    const s = new ByteReader(bytes, r.pos, r.pos + size);
    r.pos += size;
    switch (id) {
      case SECTION.custom:
        break;
      case SECTION.type:
        m.types = vector(s, readFuncType);
        break;
      case SECTION.import:
        m.imports = vector(s, readImport);
        break;
      case SECTION.function:
        m.functions = vector(s, (x) => x.u32());
        break;
      case SECTION.table:
        m.tables = s.bytes(size);
        break;
      case SECTION.global:
        m.globals = vector(s, (x) => {
          const type = x.byte() as ValType;
          const mutable = x.byte() === 1;
          return { type, mutable, init: readConstExpr(x) };
        });
        break;
      case SECTION.export:
        m.exports = vector(s, (x) => ({ name: x.name(), kind: x.byte(), index: x.u32() }));
        break;
      case SECTION.start:
        m.start = s.u32();
        break;
      case SECTION.element:
        m.elements = s.bytes(size);
        break;
      case SECTION.dataCount:
        break;
      case SECTION.code:
        m.code = vector(s, (x) => {
          const start = x.pos;
          const n = x.u32();
          x.pos += n;
          return bytes.subarray(start, x.pos);
        });
        break;
      case SECTION.data:
        m.data = vector(s, readDataSegment);
        break;
      default:
        r.fail(`unknown section ${id}`);
    }
  }
  return m;
}

function writeLimits(w: ByteWriter, l: Limits): void {
  if (l.max === undefined) w.byte(0).u32(l.min);
  else w.byte(1).u32(l.min).u32(l.max);
}

function section(out: ByteWriter, id: number, body: ByteWriter): void {
  out.byte(id).bytes(body.sized());
}

function vec<T>(items: readonly T[], write: (w: ByteWriter, item: T) => void): ByteWriter {
  const w = new ByteWriter();
  w.u32(items.length);
  for (const item of items) write(w, item);
  return w;
}

export function writeModule(m: WasmModule): Uint8Array<ArrayBuffer> {
  const out = new ByteWriter(1 << 16);
  out.bytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  section(out, SECTION.type, vec(m.types, (w, t) => {
    w.byte(0x60).u32(t.params.length);
    for (const p of t.params) w.byte(p);
    w.u32(t.results.length);
    for (const x of t.results) w.byte(x);
  }));
  section(out, SECTION.import, vec(m.imports, (w, imp) => {
    w.name(imp.module).name(imp.name);
    if (imp.kind === 'func') w.byte(EXTERNAL.func).u32(imp.type);
    else if (imp.kind === 'memory') {
      w.byte(EXTERNAL.memory);
      writeLimits(w, imp.limits);
    } else w.bytes(imp.raw);
  }));
  section(out, SECTION.function, vec(m.functions, (w, t) => w.u32(t)));
  if (m.tables) section(out, SECTION.table, new ByteWriter().bytes(m.tables));
  section(out, SECTION.global, vec(m.globals, (w, g) => {
    w.byte(g.type).byte(g.mutable ? 1 : 0);
    if ('raw' in g.init) w.bytes(g.init.raw);
    else if (g.type === VALTYPE.i32) w.byte(0x41).i32(Number(BigInt.asIntN(32, g.init.value))).byte(0x0b);
    else if (g.type === VALTYPE.i64) w.byte(0x42).i64(g.init.value).byte(0x0b);
    else throw new Error('unsupported global initializer');
  }));
  section(out, SECTION.export, vec(m.exports, (w, e) => w.name(e.name).byte(e.kind).u32(e.index)));
  if (m.start !== undefined) section(out, SECTION.start, new ByteWriter().u32(m.start));
  if (m.elements) section(out, SECTION.element, new ByteWriter().bytes(m.elements));
  if (m.data.some((d) => d.offset === undefined)) section(out, SECTION.dataCount, new ByteWriter().u32(m.data.length));
  const code = new ByteWriter(1 << 16).u32(m.code.length);
  for (const body of m.code) code.bytes(body);
  section(out, SECTION.code, code);
  section(out, SECTION.data, vec(m.data, (w, d) => {
    if (d.offset === undefined) w.u32(1);
    else w.u32(0).byte(0x41).i32(d.offset).byte(0x0b);
    w.u32(d.bytes.length).bytes(d.bytes);
  }));
  return out.finish();
}
