/**
 * The policy's constants, laid out as ready-made runtime values in one data
 * segment right after the runtime's own static data: every string, number and
 * `with` path is built once at link time and referenced by address, so
 * evaluations never rebuild them. Layouts match runtime/values.as.ts.
 */
import { ByteWriter } from './binary/byte-writer.js';
import { classifyNumber } from './number-text.js';

const T_NUMBER = 3;
const T_STRING = 4;
const T_ARRAY = 5;
const NUM_INT = 1;
const NUM_REF = 3;

export class StaticData {
  private readonly w = new ByteWriter(4096);
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<string, number>();
  private readonly encoder = new TextEncoder();

  /** base must be 8-byte aligned. */
  constructor(readonly base: number) {
    if (base % 8 !== 0) throw new Error('static data base must be 8-byte aligned');
  }

  private align(): number {
    while (this.w.length % 8 !== 0) this.w.byte(0);
    return this.base + this.w.length;
  }

  /** A string value. */
  string(text: string): number {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    const bytes = this.encoder.encode(text);
    const addr = this.align();
    this.w.u32Fixed(T_STRING).u32Fixed(bytes.length).u32Fixed(0).u32Fixed(addr + 16).bytes(bytes);
    this.strings.set(text, addr);
    return addr;
  }

  /** A number value from its decimal text (exact); throws if the text is not a number. */
  number(text: string): number {
    const known = this.numbers.get(text);
    if (known !== undefined) return known;
    const n = classifyNumber(text);
    const addr = this.align();
    if (n.kind === 'int') {
      this.w.u32Fixed(T_NUMBER | (NUM_INT << 8)).u32Fixed(0).u64Fixed(n.value);
    } else {
      const bytes = this.encoder.encode(n.text);
      this.w.u32Fixed(T_NUMBER | (NUM_REF << 8)).u32Fixed(bytes.length).u32Fixed(addr + 16).u32Fixed(0).bytes(bytes);
    }
    this.numbers.set(text, addr);
    return addr;
  }

  int(value: number): number {
    if (!Number.isSafeInteger(value)) throw new Error(`integer constant out of range: ${value}`);
    return this.number(String(value));
  }

  /** An array value of strings (a `with` path). */
  stringArray(texts: string[]): number {
    const elems = texts.map((t) => this.string(t));
    const addr = this.align();
    this.w.u32Fixed(T_ARRAY).u32Fixed(elems.length).u32Fixed(elems.length).u32Fixed(addr + 16);
    for (const e of elems) this.w.u32Fixed(e);
    return addr;
  }

  /** Raw bytes (JSON text); returns their address. */
  raw(bytes: Uint8Array): number {
    const addr = this.align();
    this.w.bytes(bytes);
    return addr;
  }

  /** First free (8-byte aligned) address after the data. */
  get end(): number {
    return this.align();
  }

  finish(): Uint8Array {
    this.align();
    return this.w.finish();
  }
}
