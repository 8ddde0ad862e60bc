import { scanKernelsWasm } from './generated/scan-kernels-wasm.js';

/**
 * The guards' scan kernels (every `*.as.ts` here, compiled into one module by
 * `npm run generate:kernels`) and the linear memory they read and write, one
 * instance per process. Memory holds, in order: tables (reserved once, when
 * the modules using them load), the units of the text loaded last, and
 * scratch space above them. Linear memory is little-endian on every host:
 * write and read it as such (`Buffer`'s "utf16le", a `DataView` with
 * `littleEndian`), never through native-order typed arrays.
 */
const pageBytes = 65536;
const memory = new WebAssembly.Memory({ initial: 1 });
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(scanKernelsWasm, 'base64')), { env: { memory } });

/** The kernel exported as `name`, typed by its caller. */
export function kernel<Kernel extends (...args: number[]) => number>(name: string): Kernel {
  const found = exports[name];
  if (typeof found !== 'function') throw new Error(`no scan kernel named ${name}`);
  return found as Kernel;
}

/** Where the loaded text's units start: after the tables. */
let textAddress = 0;
let loaded: string | undefined;

/** Reserves `bytes` of memory for a table (zeroed) and returns its address; only before any text is loaded. */
export function reserveTable(bytes: number): number {
  if (loaded !== undefined) throw new Error('kernel tables must be reserved before a text is loaded');
  const address = textAddress;
  textAddress = align(address + bytes);
  kernelMemory(textAddress);
  return address;
}

/** Puts `text`'s code units in memory (unless they are there already) and returns their address. */
export function loadText(text: string): number {
  if (loaded !== text) {
    loaded = undefined; // while writing, the memory holds no whole text
    Buffer.from(kernelMemory(textAddress + 2 * text.length), textAddress, 2 * text.length).write(text, 'utf16le');
    loaded = text;
  }
  return textAddress;
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

const align = (address: number) => (address + 15) & ~15;
