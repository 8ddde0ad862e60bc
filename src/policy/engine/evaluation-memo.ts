/**
 * Builtins OPA answers once per evaluation for the same arguments: the same
 * rand.intn("key", 100) or uuid.rfc4122("key") everywhere in one query, one
 * time.now_ns() for the whole query. The loader clears the memo when an
 * evaluation starts.
 */
export const ONCE_PER_EVALUATION: ReadonlySet<string> = new Set(['rand.intn', 'time.now_ns', 'uuid.rfc4122']);

export class EvaluationMemo {
  private readonly results = new Map<string, unknown>();

  clear(): void {
    this.results.clear();
  }

  /** The result of a call to builtin with these (JSON-decoded) arguments, computed at most once until cleared. */
  call(builtin: string, args: readonly unknown[], compute: () => unknown): unknown {
    const key = `${builtin}(${JSON.stringify(args)})`;
    if (this.results.has(key)) return this.results.get(key);
    const result = compute();
    this.results.set(key, result);
    return result;
  }
}
