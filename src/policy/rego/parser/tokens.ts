/**
 * Rego token types as data (acorn style): every token the lexer produces is
 * one of these objects, compared by identity. Infix operators carry their
 * binding precedence and the name of the call they build.
 */

export interface TokenType {
  /** How the token reads in messages (`}`, `:=`, `if`, `identifier`). */
  readonly label: string;
  /** A reserved word of Rego v1. */
  readonly keyword: boolean;
  /** Infix binding power (higher binds tighter); 0 for non-operators. */
  readonly binop: number;
  /** OPA's name for the call an operator builds (`plus`, `equal`, `eq`, `assign`). */
  readonly call: string;
}

function token(label: string, binop = 0, call = ''): TokenType {
  return { label, keyword: false, binop, call };
}
function keyword(word: string): TokenType {
  return { label: word, keyword: true, binop: 0, call: '' };
}

/** Precedence of infix operators, loosest first (OPA: relation < | < & < +,- < *,/,%). */
const Precedence = { relation: 1, or: 2, and: 3, additive: 4, multiplicative: 5 } as const;

export const tt = {
  eof: token('end of file'),
  name: token('identifier'),
  number: token('number'),
  string: token('string'),

  bracketL: token('['),
  bracketR: token(']'),
  braceL: token('{'),
  braceR: token('}'),
  parenL: token('('),
  parenR: token(')'),
  comma: token(','),
  colon: token(':'),
  semicolon: token(';'),
  dot: token('.'),

  assign: token(':=', 0, 'assign'),
  unify: token('=', 0, 'eq'),

  equal: token('==', Precedence.relation, 'equal'),
  neq: token('!=', Precedence.relation, 'neq'),
  lt: token('<', Precedence.relation, 'lt'),
  lte: token('<=', Precedence.relation, 'lte'),
  gt: token('>', Precedence.relation, 'gt'),
  gte: token('>=', Precedence.relation, 'gte'),
  or: token('|', Precedence.or, 'or'),
  and: token('&', Precedence.and, 'and'),
  plus: token('+', Precedence.additive, 'plus'),
  minus: token('-', Precedence.additive, 'minus'),
  mul: token('*', Precedence.multiplicative, 'mul'),
  quo: token('/', Precedence.multiplicative, 'div'),
  rem: token('%', Precedence.multiplicative, 'rem'),

  _package: keyword('package'),
  _import: keyword('import'),
  _as: keyword('as'),
  _default: keyword('default'),
  _else: keyword('else'),
  _not: keyword('not'),
  _some: keyword('some'),
  _with: keyword('with'),
  _null: keyword('null'),
  _true: keyword('true'),
  _false: keyword('false'),
  _every: keyword('every'),
  _contains: keyword('contains'),
  _if: keyword('if'),
  _in: keyword('in'),
} as const;

/** Reserved words of Rego v1, by spelling. */
export const keywords: ReadonlyMap<string, TokenType> = new Map(
  Object.values(tt)
    .filter((t) => t.keyword)
    .map((t) => [t.label, t]),
);

/** `unexpected } token`, `unexpected if keyword`, `unexpected end of file`. */
export function describeToken(type: TokenType, text: string): string {
  if (type === tt.eof) return 'end of file';
  if (type.keyword) return `${type.label} keyword`;
  if (type === tt.name) return `identifier ${text}`;
  return `${type.label} token`;
}
