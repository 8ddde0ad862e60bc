/** Rego-style deep equality of JSON results: numbers by value, objects by content. */
export function resultsEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => resultsEqual(item, other[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && resultsEqual((a as never)[k], (b as never)[k]));
}

/** Compares two result sets regardless of order; duplicates must match in number. */
export function resultSetsEqual(actual: unknown[], expected: unknown[]): boolean {
  if (actual.length !== expected.length) return false;
  const unmatched = [...expected];
  for (const item of actual) {
    const at = unmatched.findIndex((candidate) => resultsEqual(item, candidate));
    if (at < 0) return false;
    unmatched.splice(at, 1);
  }
  return true;
}

/** `sort_bindings`: array values of each binding are compared as sorted (they came from sets). */
export function sortBindings(bindings: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return bindings.map((binding) =>
    Object.fromEntries(Object.entries(binding).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort(byCanonicalJson) : v])),
  );
}

function byCanonicalJson(a: unknown, b: unknown): number {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as never)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
