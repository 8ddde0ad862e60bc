import { littleEndianHost } from '../code-units.js';
import { scanKernelsWasm } from './generated/scan-kernels-wasm.js';

/**
 * The guards' scan kernels (every `*.as.ts` here, compiled into one module by
 * `npm run generate:kernels`) and the linear memory they read and write.
 * Memory holds, in order: tables (reserved when the modules using them load),
 * the units of the short text and of the long text loaded last, and scratch
 * space above them. Linear memory is little-endian on every host: write and
 * read it as such (`Buffer`'s "utf16le", a `DataView` with `littleEndian`,
 * `readInt32s`), never through native-order typed arrays.
 *
 * Linear memory cannot shrink: after a huge argument, the next long text
 * loaded gets a new instance with memory of its own size (the tables written
 * again by their owners), so a proxy does not keep the peak for good.
 */
const pageBytes = 65536;
/** Memory above this size is given up once a long text needing less than a quarter of it is loaded. */
const keptBytes = 32 * 1024 * 1024;
const kernelsModule = new WebAssembly.Module(Buffer.from(scanKernelsWasm, 'base64'));
let memory = new WebAssembly.Memory({ initial: 1 });
let exports = instantiate(memory);

function instantiate(memory: WebAssembly.Memory): Record<string, unknown> {
  return new WebAssembly.Instance(kernelsModule, { env: { memory } }).exports;
}

/** The kernel exported as `name`, typed by its caller (at most seven arguments), running in the current instance. */
export function kernel<Kernel extends (...args: number[]) => number>(name: string): Kernel {
  if (typeof exports[name] !== 'function') throw new Error(`no scan kernel named ${name}`);
  type Untyped = (...args: Array<number | undefined>) => number;
  return ((a?: number, b?: number, c?: number, d?: number, e?: number, f?: number, g?: number) => (exports[name] as Untyped)(a, b, c, d, e, f, g)) as Kernel;
}

/** Where the tables end: the slot for short texts starts there, the slot for long ones after it. */
let tablesEnd = 0;
/** Texts up to this many units (windows, decoded payloads) are loaded apart, so they do not push out the argument. */
const shortTextUnits = 32768;
/** The text loaded last into each slot. */
let loadedShort: string | undefined;
let loadedLong: string | undefined;
/** How each table is written again into a new instance's memory. */
const tableWriters: Array<(memory: DataView) => void> = [];

/**
 * Reserves `bytes` of memory for a table (zeroed) and returns its address;
 * only before any text is loaded. `write` puts the table's contents so far
 * into a new instance's memory.
 */
export function reserveTable(bytes: number, write: (memory: DataView) => void): number {
  if (loadedShort !== undefined || loadedLong !== undefined) throw new Error('kernel tables must be reserved before a text is loaded');
  const address = tablesEnd;
  tablesEnd = align(address + bytes);
  kernelMemory(longTextAddress());
  tableWriters.push(write);
  return address;
}

const longTextAddress = () => tablesEnd + 2 * shortTextUnits;

/**
 * Puts `text`'s code units in memory (unless they are there already) and
 * returns their address. The last short text and the last long one are kept,
 * each in a slot of its own.
 */
export function loadText(text: string): number {
  if (text.length <= shortTextUnits) {
    if (loadedShort !== text) {
      loadedShort = undefined; // while writing, the slot holds no whole text
      Buffer.from(memory.buffer, tablesEnd, 2 * text.length).write(text, 'utf16le');
      loadedShort = text;
    }
    return tablesEnd;
  }
  const address = longTextAddress();
  if (loadedLong !== text) {
    loadedLong = undefined;
    const end = address + 2 * text.length;
    if (memory.buffer.byteLength > keptBytes && 4 * end < memory.buffer.byteLength) renew(end);
    Buffer.from(kernelMemory(end), address, 2 * text.length).write(text, 'utf16le');
  }
  // Kept by this very string from now on: an equal one found by content would be compared in full at every call.
  loadedLong = text;
  return address;
}

function renew(bytes: number): void {
  memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / pageBytes) });
  exports = instantiate(memory);
  loadedShort = undefined;
  const view = new DataView(memory.buffer);
  for (const write of tableWriters) write(view);
}

/** Where scratch space starts, above the loaded texts. */
export function scratchAddress(): number {
  return align(longTextAddress() + 2 * (loadedLong?.length ?? 0));
}

/** Linear memory, at least `bytes` long. Growing it detaches views made before: make them after this call. */
export function kernelMemory(bytes: number): ArrayBuffer {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / pageBytes));
  return memory.buffer;
}

/**
 * The positions a kernel lists over `text` (at most one per unit): `scan`
 * gets the address of the text's units and of the output, and returns how
 * many it wrote there.
 */
export function kernelPositions(text: string, scan: (units: number, out: number) => number): Int32Array {
  const units = loadText(text);
  const out = scratchAddress();
  kernelMemory(out + 4 * text.length);
  const count = scan(units, out);
  const positions = new Int32Array(count);
  readInt32s(out, count, positions);
  return positions;
}

/** The `count` [start, end) spans a kernel wrote at `address`, two i32 each. */
export function readSpans(address: number, count: number): Array<[number, number]> {
  const bounds = new Int32Array(2 * count);
  readInt32s(address, 2 * count, bounds);
  const spans: Array<[number, number]> = [];
  for (let k = 0; k < count; k++) spans.push([bounds[2 * k], bounds[2 * k + 1]]);
  return spans;
}

/** Copies `count` i32 a kernel wrote at `address` into `into` (from its start). */
export function readInt32s(address: number, count: number, into: Int32Array): void {
  if (littleEndianHost) into.set(new Int32Array(memory.buffer, address, count));
  else {
    const view = new DataView(memory.buffer);
    for (let k = 0; k < count; k++) into[k] = view.getInt32(address + 4 * k, true);
  }
}

const align = (address: number) => (address + 15) & ~15;
