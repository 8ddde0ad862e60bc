/**
 * The shape of a builtin declaration. Every builtin is declared exactly once, as
 * data, in ./table.ts; the planner checks calls against it, the emitter decides
 * from `runsIn` whether a call goes to the Wasm runtime or to the host
 * (`opa_builtinN`), and the host implementations in src/policy/engine/builtins/
 * are keyed by the same names.
 */

/** A deliberately small type language: enough to check arity and convert host results. */
export type RegoType =
  | 'any'
  | 'null'
  | 'boolean'
  | 'number'
  | 'string'
  | 'array'
  | 'object'
  | 'set'
  /** array, object or set */
  | 'collection'
  | { oneOf: RegoType[] }
  | { array: RegoType }
  | { set: RegoType }
  | { object: [RegoType, RegoType] };

export interface BuiltinDecl {
  /** Rego name: "count", "regex.match", "internal.member_2". */
  name: string;
  /** Argument types; the arity is args.length. */
  args: RegoType[];
  result: RegoType;
  /**
   * Where the implementation lives: the Wasm runtime, TypeScript on the host, or
   * the compiler, which replaces every call by its value (rego.metadata.*).
   */
  runsIn: 'wasm' | 'host' | 'compiler';
  /** The operator form, if any: "==", "+", "in". */
  infix?: string;
  /** Results depend on more than the arguments (time.now_ns, rand.intn, uuid.rfc4122, http.send). */
  nondeterministic?: boolean;
  /** Deprecated in Rego v1 (not callable from v1 modules). */
  deprecated?: boolean;
  /** Any number of further arguments of this type may follow `args` (print); such a call has no output argument. */
  variadic?: RegoType;
  /** A relation (walk): called with an output argument, it yields one result per solution instead of one value. */
  relation?: boolean;
}
