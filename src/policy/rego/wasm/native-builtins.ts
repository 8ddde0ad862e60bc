/**
 * The builtins the Wasm runtime implements itself (runtime/builtins/*.as.ts),
 * with their arities. Each is exported by the runtime as `bi_<name>` with dots
 * turned into underscores; every other builtin is called on the host.
 * regex.match and glob.match keep compiled patterns in a region that survives
 * the heap resets between evaluations.
 */
const ARITY: ReadonlyMap<string, number> = new Map([
  ['equal', 2], ['neq', 2], ['lt', 2], ['lte', 2], ['gt', 2], ['gte', 2],
  ['plus', 2], ['minus', 2], ['mul', 2], ['div', 2], ['rem', 2],
  ['abs', 1], ['round', 1], ['ceil', 1], ['floor', 1], ['numbers.range', 2],
  ['bits.or', 2], ['bits.and', 2], ['bits.xor', 2], ['bits.negate', 1], ['bits.lsh', 2], ['bits.rsh', 2],
  ['and', 2], ['or', 2], ['intersection', 1], ['union', 1],
  ['count', 1], ['sum', 1], ['product', 1], ['max', 1], ['min', 1], ['sort', 1],
  ['is_number', 1], ['is_string', 1], ['is_boolean', 1], ['is_array', 1], ['is_set', 1], ['is_object', 1],
  ['is_null', 1], ['type_name', 1], ['to_number', 1],
  ['concat', 2], ['startswith', 2], ['endswith', 2], ['contains', 2], ['lower', 1], ['upper', 1],
  ['indexof', 2], ['substring', 3], ['trim', 2], ['trim_left', 2], ['trim_right', 2], ['trim_prefix', 2],
  ['trim_suffix', 2], ['trim_space', 1], ['split', 2], ['replace', 3],
  ['array.concat', 2], ['array.slice', 3], ['array.reverse', 1],
  ['object.get', 3], ['object.keys', 1], ['object.remove', 2], ['object.filter', 2], ['object.union', 2],
  ['object.union_n', 1], ['object.subset', 2], ['internal.member_2', 2], ['internal.member_3', 3], ['walk', 1],
  ['regex.match', 2], ['glob.match', 3], ['sprintf', 2],
  ['json.is_valid', 1], ['json.unmarshal', 1], ['json.marshal', 1],
]);

/**
 * Natives that hand some calls to the host implementation (patterns with syntax
 * the runtime does not support, sprintf formats beyond %s %v %d %q, text that
 * is not JSON, non-string keys): the emitter passes the host id first.
 */
const WITH_HOST_FALLBACK: ReadonlySet<string> = new Set(['regex.match', 'glob.match', 'sprintf', 'json.unmarshal', 'json.marshal']);

export const RUNTIME_BUILTINS: ReadonlySet<string> = new Set(ARITY.keys());

export function nativeArity(name: string): number | undefined {
  return ARITY.get(name);
}

export function hasHostFallback(name: string): boolean {
  return WITH_HOST_FALLBACK.has(name);
}

/** The runtime export implementing a native builtin. */
export function nativeExportName(name: string): string {
  return `bi_${name.replace(/\./g, '_')}`;
}
