/**
 * The planner's intermediate representation: plain serializable data, no
 * dependency on the AST. The planner writes it; the Wasm emitter reads it.
 *
 * Execution model (the same as OPA's planner IR):
 * - A Block is a list of statements run in order. A statement that "fails"
 *   (an undefined dot/call, a false equality, a type test that does not hold)
 *   ends the innermost enclosing Block; execution continues after it.
 * - `break N` leaves N+1 enclosing blocks (0 = the current one).
 * - `scan` runs its block once per element of a collection.
 * - `not` runs its block; if the block ran to its end, `not` fails, else it succeeds.
 * - Locals hold value pointers; an unassigned local is undefined.
 *   Local 0 is `input`, local 1 is `data` in every plan and function.
 */

export type Local = number;

export const INPUT_LOCAL: Local = 0;
export const DATA_LOCAL: Local = 1;

export type Operand =
  | { kind: 'local'; local: Local }
  | { kind: 'bool'; value: boolean }
  /** An index into Policy.static.strings. */
  | { kind: 'string'; index: number };

/** A place in the policy's sources: file indexes Policy.static.files; row and col are 1-based. */
export interface SourceLocation {
  file: number;
  row: number;
  col: number;
}

export interface Block {
  stmts: Stmt[];
}

export type Stmt =
  /** Functions: return this local (undefined if unset). */
  | { op: 'return'; local: Local }
  /**
   * Call a planned function (Func.name) or a builtin (by its Rego name, e.g. "count",
   * "internal.member_2"). Undefined result fails the statement; builtin errors
   * follow the builtin's error mode. A relation builtin (BuiltinDecl.relation: walk)
   * returns the array of all its solutions; the planner scans it.
   * `location` (builtin calls) is where the call is written: run-time errors the builtin
   * raises are prefixed "file:row: ", as OPA prints them.
   */
  | { op: 'call'; func: string; args: Operand[]; result: Local; location?: SourceLocation }
  /** Dispatch on a function path computed at run time (`data[x].f(...)`); args are locals. */
  | { op: 'callDynamic'; path: Operand[]; args: Local[]; result: Local }
  /**
   * target = source[key]; fails if undefined. The target is the element itself, not a copy:
   * objectInsert/setAdd into it change the collection it was read from (the planner relies
   * on this only for containers it created, e.g. the nested objects of ref-head rules).
   */
  | { op: 'dot'; source: Operand; key: Operand; target: Local }
  /** target = number of elements of source (array/object/set/string). */
  | { op: 'len'; source: Operand; target: Local }
  /** For each (key, value) of source (array: index/element; object: key/value; set: element/element). */
  | { op: 'scan'; source: Local; key: Local; value: Local; block: Block }
  | { op: 'not'; block: Block }
  | { op: 'block'; blocks: Block[] }
  | { op: 'break'; index: number }
  /** target = boolean/number/string constant or another local's value. */
  | { op: 'assignVar'; source: Operand; target: Local }
  /** Like assignVar, but if target is already defined with a different value: evaluation error "conflict". */
  | { op: 'assignVarOnce'; source: Operand; target: Local }
  /** target = integer constant. */
  | { op: 'assignInt'; value: number; target: Local }
  /** target becomes undefined. */
  | { op: 'resetLocal'; target: Local }
  | { op: 'makeNull'; target: Local }
  | { op: 'makeNumberInt'; value: number; target: Local }
  /** A number from its exact decimal text, Policy.static.strings[index]. */
  | { op: 'makeNumberRef'; index: number; target: Local }
  | { op: 'makeArray'; capacity: number; target: Local }
  | { op: 'makeObject'; target: Local }
  | { op: 'makeSet'; target: Local }
  /** Fails unless a == b (Rego equality: 1 == 1.0, sets and objects by content). */
  | { op: 'equal'; a: Operand; b: Operand }
  | { op: 'notEqual'; a: Operand; b: Operand }
  | { op: 'isArray'; source: Operand }
  | { op: 'isObject'; source: Operand }
  | { op: 'isSet'; source: Operand }
  | { op: 'isDefined'; source: Local }
  | { op: 'isUndefined'; source: Local }
  | { op: 'arrayAppend'; array: Local; value: Operand }
  | { op: 'objectInsert'; object: Local; key: Operand; value: Operand }
  /** Like objectInsert, but an existing key with a different value is an evaluation error "object keys must be unique". */
  | { op: 'objectInsertOnce'; object: Local; key: Operand; value: Operand }
  /** target = deep merge of objects a and b (a's values win on conflicting leaves). */
  | { op: 'objectMerge'; a: Local; b: Local; target: Local }
  | { op: 'setAdd'; set: Local; value: Operand }
  /**
   * Run block with `local` replaced by a copy in which the value at path
   * (indexes into Policy.static.strings) is `value` (empty path: replace the whole value).
   * The local is restored after the block.
   */
  | { op: 'with'; local: Local; path: number[]; value: Operand; block: Block }
  /** Plans only: add a value to the query's result set. */
  | { op: 'resultSetAdd'; value: Local }
  /**
   * Raise an evaluation error with a message (Policy.static.strings[message]) at a location.
   * The message starts with its code, e.g. "eval_conflict_error: functions must not produce
   * multiple outputs for same inputs"; file/row/col are 0 when there is no location.
   */
  | { op: 'error'; message: number; file: number; row: number; col: number }
  | { op: 'nop' };

export type StmtOp = Stmt['op'];

/** A compiled rule set or user function: params[0] is input, params[1] is data, then the arguments. */
export interface Func {
  name: string;
  /** The rule's path, e.g. ["g0", "data", "test", "p"]; informative. */
  path: string[];
  params: Local[];
  return: Local;
  blocks: Block[];
  /** Functions with only input and data as parameters may be memoized per evaluation (outside `with`). */
  memoize?: boolean;
}

/** One entrypoint: "test/p" evaluates data.test.p; its result set holds { result: value } items. */
export interface Plan {
  name: string;
  blocks: Block[];
}

export interface BuiltinRef {
  /** Rego name, e.g. "regex.match". */
  name: string;
}

export interface Policy {
  static: {
    strings: string[];
    /** Every builtin the plans call (the emitter decides Wasm runtime or host). */
    builtins: BuiltinRef[];
    /** Source file names, for error locations. */
    files: string[];
  };
  plans: Plan[];
  funcs: Func[];
}

/** Visit every statement, depth first, in execution order. */
export function walkStmts(blocks: Block[], visit: (stmt: Stmt) => void): void {
  for (const block of blocks) {
    for (const stmt of block.stmts) {
      visit(stmt);
      switch (stmt.op) {
        case 'scan':
        case 'not':
        case 'with':
          walkStmts([stmt.block], visit);
          break;
        case 'block':
          walkStmts(stmt.blocks, visit);
          break;
        default:
          break;
      }
    }
  }
}
