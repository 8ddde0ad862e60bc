/** The policy's static section: interned strings, builtins called, source files. */
import type { BuiltinRef } from '../ir.js';

export class StaticPool {
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly builtinNames = new Set<string>();
  readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();

  string(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  file(name: string): number {
    let i = this.fileIndex.get(name);
    if (i === undefined) {
      i = this.files.length;
      this.files.push(name);
      this.fileIndex.set(name, i);
    }
    return i;
  }

  builtin(name: string): void {
    this.builtinNames.add(name);
  }

  builtins(): BuiltinRef[] {
    return [...this.builtinNames].sort().map((name) => ({ name }));
  }
}
