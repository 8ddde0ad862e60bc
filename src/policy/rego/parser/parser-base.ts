import type { Body, CallTerm, Location, RefTerm, Term, VarTerm } from '../ast.js';
import { Lexer, type CommentHandler, type LexerState } from './lexer.js';
import { LineIndex } from './line-index.js';
import { SyntaxFailure } from './syntax-failure.js';
import { describeToken, tt, type TokenType } from './tokens.js';

const speculationFailed = new SyntaxFailure('speculative parse failed', 0);

/** What a speculative parse must rewind: the lexer and the nesting depth. */
export interface ParserState {
  lexer: LexerState;
  depth: number;
}

/**
 * How deeply terms may nest (`[[[...]]]`, `(((...)))`, comprehensions in
 * comprehensions, `a + b + ...` chains, `f(x).g(y)...` chains) and how long an
 * else chain may be. Far beyond real policies, it keeps the parser and every
 * recursive pass over the tree well within the JS stack.
 */
const maxNesting = 256;

/**
 * Token cursor, positions and errors shared by every grammar area. The grammar
 * itself lives in subclasses, one file per area (terms, bodies, rules, module).
 */
export abstract class ParserBase {
  protected readonly lx: Lexer;
  protected readonly lines: LineIndex;
  /** Inside a speculative parse, failures are expected and carry no message. */
  private speculating = 0;
  /** Current term nesting, bounded by maxNesting. */
  protected depth = 0;

  constructor(
    protected readonly source: string,
    protected readonly file: string,
    onComment?: CommentHandler,
    lines: LineIndex = new LineIndex(source, file),
  ) {
    this.lines = lines;
    this.lx = new Lexer(source, onComment);
  }

  /** Body parsing, needed by comprehensions (defined by the bodies area). */
  protected abstract parseQuery(end: TokenType): Body;

  protected next(): void {
    this.lx.next();
  }

  /** Location from `start` to the end of the last consumed token. */
  protected loc(start: number): Location {
    return this.lines.location(start, this.lx.lastEnd);
  }

  protected fail(message: string, offset: number = this.lx.start): never {
    if (this.speculating > 0) throw speculationFailed;
    throw new SyntaxFailure(message, offset);
  }

  /** `unexpected } token, expected a term` at the current token. */
  protected unexpected(expected?: string): never {
    if (this.speculating > 0) throw speculationFailed;
    const found = describeToken(this.lx.type, this.lx.value);
    this.fail(expected ? `unexpected ${found}, expected ${expected}` : `unexpected ${found}`);
  }

  protected expect(type: TokenType, expected: string = type.label): void {
    if (this.lx.type !== type) this.unexpected(expected);
    this.lx.next();
  }

  /**
   * A keyword spelled as the first name of a ref (`if.x`, `not[0]`): OPA reads
   * it as a plain name when `.` or `[` follows without space.
   */
  protected keywordStartsRef(): boolean {
    return this.lx.type.keyword && (this.lx.isFollowedBy('.') || this.lx.isFollowedBy('['));
  }

  /**
   * Runs `parse` as an attempt: returns its result, or undefined (with the
   * parser rewound) if it fails. Failures inside are cheap: no message is built.
   */
  protected attempt<T>(parse: () => T): T | undefined {
    const before = this.save();
    this.speculating++;
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      this.restore(before);
      return undefined;
    } finally {
      this.speculating--;
    }
  }

  /** Fails when `extra` more levels around the current nesting exceed maxNesting. */
  protected checkNesting(extra: number, what = 'terms nest'): void {
    if (this.depth + extra > maxNesting) this.fail(`${what} too deeply (more than ${maxNesting} levels)`);
  }

  protected save(): ParserState {
    return { lexer: this.lx.save(), depth: this.depth };
  }

  protected restore(state: ParserState): void {
    this.lx.restore(state.lexer);
    this.depth = state.depth;
  }

  /** The current name token as a var; does not advance. */
  protected currentVar(): VarTerm {
    return { type: 'var', name: this.lx.value, loc: this.lines.location(this.lx.start, this.lx.end) };
  }

  /** A call of a named operator, e.g. `plus` or `internal.member_2`. */
  protected operatorCall(name: string, opStart: number, opEnd: number, args: Term[], start: number): CallTerm {
    const opLoc = this.lines.location(opStart, opEnd);
    const dot = name.indexOf('.');
    const terms: Term[] =
      dot < 0
        ? [{ type: 'var', name, loc: opLoc }]
        : [
            { type: 'var', name: name.slice(0, dot), loc: opLoc },
            { type: 'string', value: name.slice(dot + 1), loc: opLoc },
          ];
    const operator: RefTerm = { type: 'ref', terms, loc: opLoc };
    return { type: 'call', operator, args, loc: this.loc(start) };
  }

  protected isEof(): boolean {
    return this.lx.type === tt.eof;
  }
}
