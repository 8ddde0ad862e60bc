/** An append-only byte buffer with the WebAssembly binary encodings (LEB128, vectors, names). */
export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer>;
  private len = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(initialCapacity);
  }

  get length(): number {
    return this.len;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): this {
    this.ensure(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  u32(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`not a u32: ${value}`);
    let v = value;
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  i32(value: number): this {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) throw new RangeError(`not an i32: ${value}`);
    return this.i64(BigInt(value | 0));
  }

  i64(value: bigint): this {
    let v = BigInt.asIntN(64, value);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  u32Fixed(value: number): this {
    this.ensure(4);
    new DataView(this.buf.buffer).setUint32(this.len, value >>> 0, true);
    this.len += 4;
    return this;
  }

  u64Fixed(value: bigint): this {
    this.ensure(8);
    new DataView(this.buf.buffer).setBigUint64(this.len, BigInt.asUintN(64, value), true);
    this.len += 8;
    return this;
  }

  name(text: string): this {
    const data = new TextEncoder().encode(text);
    return this.u32(data.length).bytes(data);
  }

  /** The bytes written so far, prefixed by their length (a section or function body). */
  sized(): Uint8Array<ArrayBuffer> {
    return new ByteWriter(this.len + 5).u32(this.len).bytes(this.finish()).finish();
  }

  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }
}
