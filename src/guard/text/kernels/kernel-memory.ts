import { scanKernelsWasm } from './generated/scan-kernels-wasm.js';

/**
 * The guards' scan kernels (every `*.as.ts` here, compiled into one module by
 * `npm run generate:kernels`) and the linear memory they read and write.
 * Memory holds, in order: tables (reserved when the modules using them load),
 * the units of the text loaded last, and scratch space above them. Linear
 * memory is little-endian on every host: write and read it as such
 * (`Buffer`'s "utf16le", a `DataView` with `littleEndian`), never through
 * native-order typed arrays.
 *
 * Linear memory cannot shrink: after a huge argument, the next text loaded
 * gets a new instance with memory of its own size (the tables written again
 * by their owners), so a proxy does not keep the peak for good.
 */
const pageBytes = 65536;
/** Memory above this size is given up once a text needing less than a quarter of it is loaded. */
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

/** Where the loaded text's units start: after the tables. */
let textAddress = 0;
let loaded: string | undefined;
/** How each table is written again into a new instance's memory. */
const tableWriters: Array<(memory: DataView) => void> = [];

/**
 * Reserves `bytes` of memory for a table (zeroed) and returns its address;
 * only before any text is loaded. `write` puts the table's contents so far
 * into a new instance's memory.
 */
export function reserveTable(bytes: number, write: (memory: DataView) => void): number {
  if (loaded !== undefined) throw new Error('kernel tables must be reserved before a text is loaded');
  const address = textAddress;
  textAddress = align(address + bytes);
  kernelMemory(textAddress);
  tableWriters.push(write);
  return address;
}

/** Puts `text`'s code units in memory (unless they are there already) and returns their address. */
export function loadText(text: string): number {
  if (loaded !== text) {
    loaded = undefined; // while writing, the memory holds no whole text
    const end = textAddress + 2 * text.length;
    if (memory.buffer.byteLength > keptBytes && 4 * end < memory.buffer.byteLength) renew(end);
    Buffer.from(kernelMemory(end), textAddress, 2 * text.length).write(text, 'utf16le');
    loaded = text;
  }
  return textAddress;
}

function renew(bytes: number): void {
  memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / pageBytes) });
  exports = instantiate(memory);
  const view = new DataView(memory.buffer);
  for (const write of tableWriters) write(view);
}

/** Where scratch space starts, above the loaded text. */
export function scratchAddress(): number {
  return align(textAddress + 2 * (loaded?.length ?? 0));
}

/** Linear memory, at least `bytes` long. Growing it detaches views made before: make them after this call. */
export function kernelMemory(bytes: number): ArrayBuffer {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / pageBytes));
  return memory.buffer;
}

/** Copies `count` i32 a kernel wrote at `address` into `into` (from its start). */
export function readInt32s(address: number, count: number, into: Int32Array): void {
  if (littleEndianHost) into.set(new Int32Array(memory.buffer, address, count));
  else {
    const view = new DataView(memory.buffer);
    for (let k = 0; k < count; k++) into[k] = view.getInt32(address + 4 * k, true);
  }
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const align = (address: number) => (address + 15) & ~15;
