/**
 * Rego v1 abstract syntax tree. Plain data: the parser produces it, compiler
 * stages rewrite it, the planner reads it. Every node carries its location.
 */

export interface Location {
  file: string;
  /** 1-based line and column of the node's first character. */
  line: number;
  col: number;
  /** 0-based offsets into the source, [offset, end). */
  offset: number;
  end: number;
}

interface Node {
  loc: Location;
}

export interface NullTerm extends Node {
  type: 'null';
}
export interface BooleanTerm extends Node {
  type: 'boolean';
  value: boolean;
}
/** Numbers keep their exact source text (arbitrary precision, e.g. "1e400", "12345678901234567890"). */
export interface NumberTerm extends Node {
  type: 'number';
  value: string;
}
export interface StringTerm extends Node {
  type: 'string';
  value: string;
  /** True for `raw` backtick strings (only informative). */
  raw?: boolean;
}
/** The wildcard `_` keeps its name; each occurrence is a distinct variable. */
export interface VarTerm extends Node {
  type: 'var';
  name: string;
}
/**
 * `a.b[x]["c"]` is { terms: [var a, string "b", var x, string "c"] }.
 * The head is usually a var (`data`, `input`, a local, an import alias), but can
 * be any composite or call term (`[1,2][0]`, `f(x).y`).
 */
export interface RefTerm extends Node {
  type: 'ref';
  terms: Term[];
}
export interface ArrayTerm extends Node {
  type: 'array';
  items: Term[];
}
export interface ObjectTerm extends Node {
  type: 'object';
  entries: Array<[Term, Term]>;
}
export interface SetTerm extends Node {
  type: 'set';
  items: Term[];
}
export interface ArrayComprehension extends Node {
  type: 'arraycomp';
  head: Term;
  body: Body;
}
export interface SetComprehension extends Node {
  type: 'setcomp';
  head: Term;
  body: Body;
}
export interface ObjectComprehension extends Node {
  type: 'objectcomp';
  key: Term;
  value: Term;
  body: Body;
}
/**
 * A call, including every infix operator, named as OPA names them:
 * `=` eq, `:=` assign, `==` equal, `!=` neq, `<` lt, `<=` lte, `>` gt, `>=` gte,
 * `+` plus, `-` minus, `*` mul, `/` div, `%` rem, `&` and, `|` or,
 * `x in xs` internal.member_2, `k, v in xs` internal.member_3.
 * The operator is a ref (`count`, `time.now_ns`, `data.pkg.f`, a local function name).
 */
export interface CallTerm extends Node {
  type: 'call';
  operator: RefTerm;
  args: Term[];
}

export type Term =
  | NullTerm
  | BooleanTerm
  | NumberTerm
  | StringTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | ObjectTerm
  | SetTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension
  | CallTerm;

export type Scalar = NullTerm | BooleanTerm | NumberTerm | StringTerm;

/** `with <target> as <value>`; target is a ref (`input.x`, `data.a.b`, `count`, `data.pkg.f`). */
export interface With extends Node {
  target: RefTerm;
  value: Term;
}

/** A plain term or call expression: `x`, `f(x)`, `x = y`, `not p`. */
export interface TermExpr extends Node {
  kind: 'term';
  term: Term;
  negated: boolean;
  with: With[];
}
/** `some x, y` */
export interface SomeDeclExpr extends Node {
  kind: 'some';
  vars: VarTerm[];
  negated: false;
  with: With[];
}
/** `some v in xs` / `some k, v in xs` (key absent in the first form). Key and value may be any term (patterns). */
export interface SomeInExpr extends Node {
  kind: 'somein';
  key?: Term;
  value: Term;
  collection: Term;
  negated: false;
  with: With[];
}
/** `every v in xs { body }` / `every k, v in xs { body }` */
export interface EveryExpr extends Node {
  kind: 'every';
  key?: VarTerm;
  value: VarTerm;
  domain: Term;
  body: Body;
  negated: boolean;
  with: With[];
}

export type Expr = TermExpr | SomeDeclExpr | SomeInExpr | EveryExpr;
export type Body = Expr[];

export type RuleKind =
  /** `p := v`, `p if {...}`, `a.b.c := v`, `p[k] := v` (a partial object through a ref head). */
  | 'single'
  /** `p contains x if {...}` (partial set; also `a.b contains x`). */
  | 'multi'
  /** `f(x) := v if {...}` */
  | 'function';

export interface RuleHead extends Node {
  kind: RuleKind;
  /**
   * The head's ref relative to the package: `p` is [var p]; `a.b[x]` is
   * [var a, string "b", var x]. For 'multi', the ref names the set, not the element.
   */
  ref: Term[];
  /** Function parameters (kind 'function'). */
  args?: Term[];
  /** The element of a 'multi' rule (`contains key`). */
  key?: Term;
  /** The value; absent means `true`. */
  value?: Term;
  /** `:=` rather than `=` (or no operator). */
  assign: boolean;
}

export interface Rule extends Node {
  /** `default p := v` */
  default: boolean;
  head: RuleHead;
  /** Empty for rules without a body (`p := 1`): true. */
  body: Body;
  /** `else [= v] if {...}` chain; each else shares the head's ref and args. */
  else?: Rule;
}

export interface Import extends Node {
  /** `data.x.y`, `input.z`, `rego.v1`, `future.keywords.in` */
  path: RefTerm;
  alias?: string;
}

/** A `# METADATA` block, kept raw (YAML text) so later stages may read it. */
export interface Annotation extends Node {
  yaml: string;
}

export interface Module {
  file: string;
  source: string;
  /** `package a.b` is the ref data.a.b: [var data, string "a", string "b"]. */
  package: RefTerm;
  imports: Import[];
  rules: Rule[];
  annotations: Annotation[];
}
