/**
 * The state of one function or plan being planned: its locals, the statement
 * list being appended to, which locals hold input and data (copies while a
 * `with` is in effect), and the generation of rule functions it calls.
 */
import type { Scalar, Term } from '../ast.js';
import { DATA_LOCAL, INPUT_LOCAL, type Block, type Local, type Operand, type Stmt } from '../ir.js';
import type { Generation } from './generation.js';
import type { StaticPool } from './static-pool.js';

export class FuncContext {
  private next: Local;
  out: Stmt[] = [];
  input: Local = INPUT_LOCAL;
  data: Local = DATA_LOCAL;
  /** Terms already planned in this expression (hoisted iterating refs). */
  readonly planned = new Map<Term, Operand>();

  constructor(
    private readonly pool: StaticPool,
    public gen: Generation,
    firstFree: Local = 2,
  ) {
    this.next = firstFree;
  }

  local(): Local {
    return this.next++;
  }

  emit(stmt: Stmt): void {
    this.out.push(stmt);
  }

  /** A string constant operand. */
  str(s: string): Operand {
    return { kind: 'string', index: this.pool.string(s) };
  }

  /** The index of a string in Policy.static.strings. */
  stringIndex(s: string): number {
    return this.pool.string(s);
  }

  /** A scalar term as an operand (strings and booleans are operands; null and numbers need a local). */
  scalar(t: Scalar): Operand {
    switch (t.type) {
      case 'string':
        return this.str(t.value);
      case 'boolean':
        return { kind: 'bool', value: t.value };
      case 'null': {
        const l = this.local();
        this.emit({ op: 'makeNull', target: l });
        return { kind: 'local', local: l };
      }
      case 'number': {
        const l = this.local();
        const n = Number(t.value);
        if (/^-?\d+$/.test(t.value) && Number.isSafeInteger(n)) this.emit({ op: 'makeNumberInt', value: n, target: l });
        else this.emit({ op: 'makeNumberRef', index: this.pool.string(t.value), target: l });
        return { kind: 'local', local: l };
      }
    }
  }

  toLocal(op: Operand): Local {
    if (op.kind === 'local') return op.local;
    const l = this.local();
    this.emit({ op: 'assignVar', source: op, target: l });
    return l;
  }

  /** A statement that always fails (ends the current block). */
  fail(): void {
    this.emit({ op: 'equal', a: { kind: 'bool', value: true }, b: { kind: 'bool', value: false } });
  }

  /** Emits a `block` statement whose one block holds what fn emits: its failures end only that block. */
  emitBlock(fn: () => void): void {
    this.emit({ op: 'block', blocks: [this.block(fn)] });
  }

  /** Fails unless the local holds an array, object or set. */
  requireCollection(local: Local): void {
    const ok = this.local();
    this.emit({ op: 'resetLocal', target: ok });
    for (const op of ['isArray', 'isObject', 'isSet'] as const) {
      this.emitBlock(() => {
        this.emit({ op, source: { kind: 'local', local } });
        this.emit({ op: 'assignVar', source: { kind: 'bool', value: true }, target: ok });
      });
    }
    this.emit({ op: 'isDefined', source: ok });
  }

  /** Runs fn with statements going to a new block, which is returned. */
  block(fn: () => void): Block {
    const saved = this.out;
    const block: Block = { stmts: [] };
    this.out = block.stmts;
    try {
      fn();
    } finally {
      this.out = saved;
    }
    return block;
  }
}

/** Var bindings in effect at a point of a body: var name → local. Copied on extension. */
export class Scope {
  constructor(private readonly vars: ReadonlyMap<string, Local> = new Map()) {}

  get(name: string): Local | undefined {
    return this.vars.get(name);
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  bind(name: string, local: Local): Scope {
    const m = new Map(this.vars);
    m.set(name, local);
    return new Scope(m);
  }
}
