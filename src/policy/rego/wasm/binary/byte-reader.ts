/** Sequential decoding of WebAssembly binary encodings; errors name the offset. */
export class ByteReader {
  pos: number;

  constructor(readonly data: Uint8Array, start = 0, readonly end = data.length) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  fail(what: string): never {
    throw new Error(`malformed wasm at byte ${this.pos}: ${what}`);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.data[this.pos++];
  }

  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffffffff) this.fail('u32 too large');
        return result;
      }
    }
    return this.fail('u32 too long');
  }

  /** A signed LEB128 of up to 64 bits. */
  sleb(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (shift < 64n && (b & 0x40) !== 0) result |= -1n << shift;
        return BigInt.asIntN(64, result);
      }
      if (shift > 70n) this.fail('integer too long');
    }
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.end) this.fail('unexpected end');
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  name(): string {
    return new TextDecoder().decode(this.bytes(this.u32()));
  }
}
