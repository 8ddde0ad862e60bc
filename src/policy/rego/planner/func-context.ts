/**
 * The state of one function or plan being planned: its locals, the statement
 * list being appended to, which locals hold input and data (copies while a
 * `with` is in effect), and the generation of rule functions it calls.
 */
import type { Term } from '../ast.js';
import { DATA_LOCAL, INPUT_LOCAL, type Block, type Local, type Operand, type Stmt } from '../ir.js';
import type { Generation } from './generation.js';

export class FuncContext {
  private next: Local;
  out: Stmt[] = [];
  input: Local = INPUT_LOCAL;
  data: Local = DATA_LOCAL;
  /** Terms already planned in this expression (hoisted iterating refs). */
  readonly planned = new Map<Term, Operand>();

  constructor(public gen: Generation, firstFree: Local = 2) {
    this.next = firstFree;
  }

  local(): Local {
    return this.next++;
  }

  emit(stmt: Stmt): void {
    this.out.push(stmt);
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
