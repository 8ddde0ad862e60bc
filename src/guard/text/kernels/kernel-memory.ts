import { scanKernelsWasm } from './generated/scan-kernels-wasm.js';

/**
 * The guards' scan kernels (scan-kernels.as.ts) and the linear memory they
 * read and write, one instance per process. Linear memory is little-endian
 * on every host: write and read it as such (`Buffer`'s "utf16le", a
 * `DataView` with `littleEndian`), never through native-order typed arrays.
 */
export interface ScanKernels {
  foldByTables(singles: number, doubles: number, units: number, from: number, end: number, out: number, at: number): number;
  foldWritten(): number;
}

const pageBytes = 65536;
const memory = new WebAssembly.Memory({ initial: 1 });

export const kernels = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(scanKernelsWasm, 'base64')), { env: { memory } })
  .exports as unknown as ScanKernels;

/** Linear memory, at least `bytes` long. Growing it detaches views made before: make them after this call. */
export function kernelMemory(bytes: number): ArrayBuffer {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / pageBytes));
  return memory.buffer;
}
