import { type DefinitionNode, type DocumentNode, GraphQLError, Kind, Lexer, Source, type Token, TokenKind } from 'graphql/index.js';
import { Parser } from 'graphql/language/parser.js';

/*
 * GraphQL documents parsed with graphql-js, with the acceptance rules and the
 * error wording of gqlparser (the Go parser behind OPA's graphql.* builtins):
 * an empty document is valid, a query document holds only operations and
 * fragments, a schema document only type-system definitions and extensions,
 * and errors read "Expected Name, found <EOF>", "Unexpected String \"x\"" or
 * "expected at least one definition, found }".
 */

export type DocumentKind = 'query' | 'schema';

/** A syntax error at a 1-based line and column (columns count code points). */
export class GraphQLSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${detail} (${line}:${column})`);
    this.name = 'GraphQLSyntaxError';
  }
}

const QUERY_KEYWORDS = new Set(['query', 'mutation', 'subscription', 'fragment']);
const SCHEMA_KEYWORDS = new Set(['schema', 'scalar', 'type', 'interface', 'union', 'enum', 'input', 'directive', 'extend']);

const PUNCTUATORS = new Set<string>([
  TokenKind.BANG,
  TokenKind.DOLLAR,
  TokenKind.AMP,
  TokenKind.PAREN_L,
  TokenKind.PAREN_R,
  TokenKind.SPREAD,
  TokenKind.COLON,
  TokenKind.EQUALS,
  TokenKind.AT,
  TokenKind.BRACKET_L,
  TokenKind.BRACKET_R,
  TokenKind.BRACE_L,
  TokenKind.PIPE,
  TokenKind.BRACE_R,
]);

const OPENER_OF: Record<string, string> = { [TokenKind.BRACE_R]: TokenKind.BRACE_L, [TokenKind.PAREN_R]: TokenKind.PAREN_L };

/** Reads definitions one at a time, refusing those the document kind does not allow before graphql-js parses them. */
class DocumentParser extends Parser {
  parseDefinitionsOf(kind: DocumentKind): DefinitionNode[] {
    const definitions: DefinitionNode[] = [];
    this.expectToken(TokenKind.SOF);
    while (!this.peek(TokenKind.EOF)) {
      const first = this._lexer.token;
      if (kind === 'query') {
        const allowed = first.kind === TokenKind.BRACE_L || (first.kind === TokenKind.NAME && QUERY_KEYWORDS.has(first.value));
        if (!allowed) throw this.unexpected(first);
      } else {
        const keyword = this.peekDescription() ? this._lexer.lookahead() : first;
        if (keyword.kind !== TokenKind.NAME || !SCHEMA_KEYWORDS.has(keyword.value)) throw this.unexpected(keyword);
      }
      definitions.push(this.parseDefinition());
    }
    return definitions;
  }
}

/**
 * Deepest nesting of {, ( and [ accepted. graphql-js parses and validates
 * recursively, so a hostile document nested thousands deep would exhaust the
 * stack; real queries and schemas stay far below this.
 */
export const MAX_NESTING = 256;

function checkNesting(source: Source): void {
  const lexer = new Lexer(source);
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.PAREN_L || token.kind === TokenKind.BRACKET_L) depth++;
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.PAREN_R || token.kind === TokenKind.BRACKET_R) depth--;
      if (depth > MAX_NESTING) {
        const [line, column] = lineAndColumn(source.body, token.start);
        throw new GraphQLSyntaxError(`document nests deeper than ${MAX_NESTING} levels`, line, column);
      }
    }
  } catch (error) {
    // Lexical errors are reported by the parser, in gqlparser's words.
    if (error instanceof GraphQLSyntaxError) throw error;
  }
}

/** Parses a query or schema document; throws GraphQLSyntaxError worded like gqlparser. */
export function parseDocument(text: string, kind: DocumentKind): DocumentNode {
  const source = new Source(text);
  checkNesting(source);
  try {
    return { kind: Kind.DOCUMENT, definitions: new DocumentParser(source).parseDefinitionsOf(kind) };
  } catch (error) {
    if (error instanceof GraphQLError && error.positions?.length) throw gqlparserError(text, error.message, error.positions[0]);
    throw error;
  }
}

/** gqlparser places string tokens after their opening quotes. */
const QUOTES_BEFORE_POSITION: Partial<Record<string, number>> = { [TokenKind.STRING]: 1, [TokenKind.BLOCK_STRING]: 3 };

function gqlparserError(text: string, message: string, position: number): GraphQLSyntaxError {
  const token = tokenAt(text, position);
  const [line, column] = lineAndColumn(text, position + (token ? (QUOTES_BEFORE_POSITION[token.kind] ?? 0) : 0));
  const detail = message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
  if (token === undefined) return new GraphQLSyntaxError('Unexpected <Invalid>', line, column);
  if (closesEmptyList(token) && detail.startsWith('Expected ')) {
    return new GraphQLSyntaxError(`expected at least one definition, found ${token.kind}`, line, column);
  }
  const expected = /^Expected (Name|"([^"]*)"), found /.exec(detail);
  if (expected) {
    const keyword = expected[2] !== undefined && !PUNCTUATORS.has(expected[2]);
    // After a keyword gqlparser names the token found in full; otherwise by its kind alone.
    const message = keyword ? `Expected ${expected[1]}, found ${describe(token)}` : `Expected ${expected[2] ?? 'Name'}, found ${token.kind}`;
    return new GraphQLSyntaxError(message, line, column);
  }
  if (detail.startsWith('Unexpected ')) return new GraphQLSyntaxError(`Unexpected ${describe(token)}`, line, column);
  return new GraphQLSyntaxError(detail, line, column);
}

/** A `}` or `)` right after its opener: gqlparser wants at least one item in such lists. */
function closesEmptyList(token: Token): boolean {
  let prev = token.prev;
  while (prev?.kind === TokenKind.COMMENT) prev = prev.prev;
  return OPENER_OF[token.kind] !== undefined && prev?.kind === OPENER_OF[token.kind];
}

/** The token starting at a position; undefined when the lexer fails before reaching it (an invalid token). */
function tokenAt(text: string, position: number): Token | undefined {
  const lexer = new Lexer(new Source(text));
  try {
    let token = lexer.advance();
    while (token.start < position && token.kind !== TokenKind.EOF) token = lexer.advance();
    return token.start === position ? token : undefined;
  } catch {
    return undefined;
  }
}

/** gqlparser's token text: the kind, then the quoted value for names, numbers and strings. */
function describe(token: Token): string {
  return PUNCTUATORS.has(token.kind) || token.kind === TokenKind.EOF ? token.kind : `${token.kind} ${JSON.stringify(token.value)}`;
}

function lineAndColumn(text: string, position: number): [number, number] {
  const before = text.slice(0, position);
  const lines = before.split(/\r\n|[\n\r]/);
  return [lines.length, [...lines[lines.length - 1]].length + 1];
}
