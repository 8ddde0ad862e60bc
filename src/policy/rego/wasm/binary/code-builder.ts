/**
 * Builds one function body instruction by instruction (only the instructions
 * the emitter needs). Structured control is tracked so that branch depths are
 * computed from labels rather than counted by hand.
 */
import { ByteWriter } from './byte-writer.js';
import type { ValType } from './module.js';

const OP = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  globalGet: 0x23,
  globalSet: 0x24,
  i32Load8u: 0x2d,
  memorySize: 0x3f,
  memoryGrow: 0x40,
  prefixFC: 0xfc,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  blockEmpty: 0x40,
} as const;

/** A label handle: the position of a structured instruction on the control stack. */
export type Label = number;

export class CodeBuilder {
  private readonly w = new ByteWriter(512);
  private depth = 0;
  private readonly locals: ValType[] = [];

  constructor(readonly paramCount: number) {}

  /** A new local of the given type; returns its index. */
  addLocal(type: ValType): number {
    this.locals.push(type);
    return this.paramCount + this.locals.length - 1;
  }

  /** The relative branch depth of a label from the current position. */
  private rel(label: Label): number {
    const d = this.depth - 1 - label;
    if (d < 0) throw new Error('branch to a label that is not open');
    return d;
  }

  block(): Label {
    this.w.byte(OP.block).byte(OP.blockEmpty);
    return this.depth++;
  }

  loop(): Label {
    this.w.byte(OP.loop).byte(OP.blockEmpty);
    return this.depth++;
  }

  if_(): Label {
    this.w.byte(OP.if).byte(OP.blockEmpty);
    return this.depth++;
  }

  end(): this {
    if (this.depth === 0) throw new Error('end without an open block');
    this.depth--;
    this.w.byte(OP.end);
    return this;
  }

  br(label: Label): this {
    this.w.byte(OP.br).u32(this.rel(label));
    return this;
  }

  brIf(label: Label): this {
    this.w.byte(OP.brIf).u32(this.rel(label));
    return this;
  }

  brTable(labels: Label[], fallback: Label): this {
    this.w.byte(OP.brTable).u32(labels.length);
    for (const l of labels) this.w.u32(this.rel(l));
    this.w.u32(this.rel(fallback));
    return this;
  }

  return_(): this {
    this.w.byte(OP.return);
    return this;
  }

  unreachable(): this {
    this.w.byte(OP.unreachable);
    return this;
  }

  call(func: number): this {
    this.w.byte(OP.call).u32(func);
    return this;
  }

  drop(): this {
    this.w.byte(OP.drop);
    return this;
  }

  localGet(i: number): this {
    this.w.byte(OP.localGet).u32(i);
    return this;
  }

  localSet(i: number): this {
    this.w.byte(OP.localSet).u32(i);
    return this;
  }

  localTee(i: number): this {
    this.w.byte(OP.localTee).u32(i);
    return this;
  }

  globalGet(i: number): this {
    this.w.byte(OP.globalGet).u32(i);
    return this;
  }

  globalSet(i: number): this {
    this.w.byte(OP.globalSet).u32(i);
    return this;
  }

  i32Const(v: number): this {
    this.w.byte(OP.i32Const).i32(v);
    return this;
  }

  /** Loads the byte at address (on the stack) + offset. */
  i32Load8u(offset: number): this {
    this.w.byte(OP.i32Load8u).u32(0).u32(offset);
    return this;
  }

  i32Eqz(): this {
    this.w.byte(OP.i32Eqz);
    return this;
  }

  i32Eq(): this {
    this.w.byte(OP.i32Eq);
    return this;
  }

  i32Ne(): this {
    this.w.byte(OP.i32Ne);
    return this;
  }

  i32LtU(): this {
    this.w.byte(OP.i32LtU);
    return this;
  }

  i32Sub(): this {
    this.w.byte(OP.i32Sub);
    return this;
  }

  /** Pushes the memory size in pages. */
  memorySize(): this {
    this.w.byte(OP.memorySize).byte(0);
    return this;
  }

  /** Grows memory by the pages on the stack; pushes the old size or -1. */
  memoryGrow(): this {
    this.w.byte(OP.memoryGrow).byte(0);
    return this;
  }

  /** memory.init of a passive data segment: (dest, offset, size) on the stack. */
  memoryInit(segment: number): this {
    this.w.byte(OP.prefixFC).u32(8).u32(segment).byte(0);
    return this;
  }

  dataDrop(segment: number): this {
    this.w.byte(OP.prefixFC).u32(9).u32(segment);
    return this;
  }

  i32GeU(): this {
    this.w.byte(OP.i32GeU);
    return this;
  }

  i32Add(): this {
    this.w.byte(OP.i32Add);
    return this;
  }

  /** The encoded body (locals + instructions + end), with its size prefix. */
  finish(): Uint8Array {
    if (this.depth !== 0) throw new Error(`function body has ${this.depth} unclosed blocks`);
    const body = new ByteWriter(this.w.length + 32);
    // run-length encode the local declarations
    const groups: Array<[number, ValType]> = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    body.u32(groups.length);
    for (const [n, t] of groups) body.u32(n).byte(t);
    body.bytes(this.w.finish()).byte(OP.end);
    return body.sized();
  }
}
