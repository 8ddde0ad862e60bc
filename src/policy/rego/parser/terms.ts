import type { Body, ObjectTerm, RefTerm, SetTerm, Term } from '../ast.js';
import { isRawString, type LexerState } from './lexer.js';
import { checkNumberLiteral } from './number-literal.js';
import { ParserBase } from './parser-base.js';
import { SyntaxFailure } from './syntax-failure.js';
import { tt, type TokenType } from './tokens.js';

interface ParsedCollection {
  term: Term;
  after: LexerState;
}

const rootDocuments = new Set(['data', 'input']);
const refHeadTypes = new Set(['var', 'array', 'object', 'set', 'arraycomp', 'setcomp', 'objectcomp', 'call']);

/**
 * Terms: scalars, vars, refs and calls, collections, comprehensions, and the
 * infix operators with OPA's precedence (loosest first):
 * `in` < `==` `!=` `<` `<=` `>` `>=` < `|` < `&` < `+` `-` < `*` `/` `%`.
 */
export abstract class TermParser extends ParserBase {
  private readonly collections = new Map<number, ParsedCollection>();

  /** A single term: a primary term with its ref/call suffixes, no infix operators. */
  protected parseOperand(): Term {
    this.depth++;
    this.checkNesting(0);
    const term = this.parseOperandHere();
    this.depth--;
    return term;
  }

  private parseOperandHere(): Term {
    const lx = this.lx;
    const start = lx.start;
    let term: Term;
    switch (lx.type) {
      case tt._null:
        this.next();
        term = { type: 'null', loc: this.loc(start) };
        break;
      case tt._true:
      case tt._false: {
        const value = lx.type === tt._true;
        this.next();
        term = { type: 'boolean', value, loc: this.loc(start) };
        break;
      }
      case tt.minus:
      case tt.dot:
      case tt.number:
        return this.parseNumber();
      case tt.string: {
        const raw = isRawString(this.source, start);
        const value = lx.value;
        this.next();
        term = raw ? { type: 'string', value, raw, loc: this.loc(start) } : { type: 'string', value, loc: this.loc(start) };
        break;
      }
      case tt.name:
      case tt._contains: // `contains` is only a keyword in rule heads; elsewhere it names the builtin
        term = this.currentVar();
        this.next();
        break;
      case tt.bracketL:
      case tt.braceL:
        term = this.parseCollection();
        break;
      case tt.parenL:
        this.next();
        term = this.parseInExpr(true);
        this.expect(tt.parenR, ')');
        break;
      default:
        if (this.keywordStartsRef() && lx.type !== tt._null && lx.type !== tt._true && lx.type !== tt._false) {
          term = this.currentVar();
          this.next();
          break;
        }
        this.unexpected('a term');
    }
    return this.finishTerm(term, false);
  }

  /**
   * Ref and call suffixes must touch the term (`a[x]`, `f(x)`); `a [x]` is two
   * terms. In rule heads the first suffix may follow a space (`allowSpace`).
   * A bare `data` or `input` is a ref.
   */
  protected finishTerm(head: Term, allowSpace: boolean): Term {
    const type = this.lx.type;
    if ((type === tt.dot || type === tt.bracketL || type === tt.parenL) && (allowSpace || !this.lx.spaceBefore)) {
      return this.parseRef(head);
    }
    if (head.type === 'var' && rootDocuments.has(head.name)) return { type: 'ref', terms: [head], loc: head.loc };
    return head;
  }

  /** Suffixes after `head`; a call may be followed by more suffixes (`f(x).y[0]`). */
  private parseRef(head: Term): Term {
    const lx = this.lx;
    const start = head.loc.offset;
    let terms: Term[] = [this.refHead(head)];
    let calls = 0;
    for (let first = true; ; first = false) {
      if (!first && lx.spaceBefore) break;
      if (lx.type === tt.dot) {
        this.next();
        if (lx.spaceBefore || !(lx.type === tt.name || lx.type.keyword)) this.unexpected('an identifier after .');
        terms.push({ type: 'string', value: lx.value, loc: this.lines.location(lx.start, lx.end) });
        this.next();
      } else if (lx.type === tt.bracketL) {
        this.next();
        terms.push(this.parseInExpr(true));
        this.expect(tt.bracketR, ']');
      } else if (lx.type === tt.parenL) {
        const operator: RefTerm = { type: 'ref', terms, loc: this.loc(start) };
        const call = this.parseCall(operator, start);
        this.checkNesting(++calls);
        if (lx.spaceBefore || (lx.type !== tt.dot && lx.type !== tt.bracketL)) return call;
        terms = [this.refHead(call)];
      } else {
        break;
      }
    }
    return { type: 'ref', terms, loc: this.loc(start) };
  }

  private refHead(head: Term): Term {
    if (!refHeadTypes.has(head.type)) this.fail(`illegal ref (head cannot be ${head.type})`, head.loc.offset);
    return head;
  }

  /** `f(a, b)`; `set()` is the empty set. */
  private parseCall(operator: RefTerm, start: number): Term {
    this.next();
    if (this.lx.type === tt.parenR) {
      this.next();
      const head = operator.terms[0];
      if (operator.terms.length === 1 && head.type === 'var' && head.name === 'set') {
        return { type: 'set', items: [], loc: this.loc(start) } satisfies SetTerm;
      }
      return { type: 'call', operator, args: [], loc: this.loc(start) };
    }
    const args = this.parseTermList(tt.parenR, []);
    return { type: 'call', operator, args, loc: this.loc(start) };
  }

  /** Numbers keep their source text; a leading `-` (even spaced) and `.5` are part of the literal. */
  private parseNumber(): Term {
    const lx = this.lx;
    const start = lx.start;
    let prefix = '';
    if (lx.type === tt.minus) {
      prefix = '-';
      this.next();
      if (lx.type !== tt.number && lx.type !== tt.dot) this.unexpected('a number');
    }
    if (lx.type === tt.dot) {
      prefix += '.';
      this.next();
      if (lx.type !== tt.number) this.unexpected('a number');
    }
    const text = prefix + lx.value;
    const problem = checkNumberLiteral(text, prefix.endsWith('.'));
    if (problem) this.fail(problem, start);
    this.next();
    return this.finishTerm({ type: 'number', value: text, loc: this.loc(start) }, false);
  }

  /**
   * Arrays, sets, objects and comprehensions are remembered by offset: the
   * fallbacks below rewind and read them again, and re-parsing nested ones
   * would take exponential time (`[a | [b | [c | d, e], f], g]`).
   */
  private parseCollection(): Term {
    const start = this.lx.start;
    const known = this.collections.get(start);
    if (known) {
      this.lx.restore(known.after);
      return known.term;
    }
    const term = this.lx.type === tt.bracketL ? this.parseArray() : this.parseSetOrObject();
    this.collections.set(start, { term, after: this.lx.save() });
    return term;
  }

  /** `[...]` or `[head | body]`. A leading comma (`[, x]`) is tolerated as in OPA. */
  private parseArray(): Term {
    const lx = this.lx;
    const start = lx.start;
    this.next();
    if (lx.type === tt.bracketR) {
      this.next();
      return { type: 'array', items: [], loc: this.loc(start) };
    }
    let potentialComprehension = true;
    if (lx.type === tt.comma) {
      potentialComprehension = false;
      this.next();
    }
    const before = this.save();
    const head = this.parseOperand();
    if (lx.type === tt.or && potentialComprehension) {
      const body = this.tryComprehensionBody(tt.bracketR);
      if (!(body instanceof SyntaxFailure)) return { type: 'arraycomp', head, body, loc: this.loc(start) };
      if (lx.type !== tt.comma) throw body;
      this.restore(before);
      return { type: 'array', items: this.parseTermList(tt.bracketR, []), loc: this.loc(start) };
    }
    const items = this.parseListFrom(head, tt.bracketR);
    return { type: 'array', items, loc: this.loc(start) };
  }

  /**
   * `{}` (empty object), `{a, b}`, `{k: v}`, `{x | body}`, `{k: v | body}`.
   * Like OPA, `{a | b}` is a comprehension, not a set holding `a | b`.
   */
  private parseSetOrObject(): Term {
    const lx = this.lx;
    const start = lx.start;
    this.next();
    if (lx.type === tt.braceR) {
      this.next();
      return { type: 'object', entries: [], loc: this.loc(start) };
    }
    let potentialComprehension = true;
    if (lx.type === tt.comma) {
      potentialComprehension = false;
      this.next();
    }
    const before = this.save();
    let head = this.parseOperand();
    if (lx.type === tt.or && potentialComprehension) {
      const body = this.tryComprehensionBody(tt.braceR);
      if (!(body instanceof SyntaxFailure)) return { type: 'setcomp', head, body, loc: this.loc(start) };
      if (lx.type !== tt.comma) throw body;
      this.restore(before);
      return { type: 'set', items: this.parseTermList(tt.braceR, []), loc: this.loc(start) };
    }
    if (lx.type !== tt.colon) head = this.parseExprFrom(head, false);
    if (lx.type === tt.colon) return this.parseObjectFrom(head, start, potentialComprehension);
    if (lx.type !== tt.comma && lx.type !== tt.braceR) this.unexpected(', or }');
    return { type: 'set', items: this.parseListFrom(head, tt.braceR), loc: this.loc(start) };
  }

  private parseObjectFrom(key: Term, start: number, potentialComprehension: boolean): Term {
    const lx = this.lx;
    this.next(); // :
    const before = this.save();
    let value = this.parseOperand();
    if (potentialComprehension && lx.type === tt.or) {
      const body = this.tryComprehensionBody(tt.braceR);
      if (!(body instanceof SyntaxFailure)) return { type: 'objectcomp', key, value, body, loc: this.loc(start) };
      this.restore(before);
      value = this.parseInExpr(false);
    } else {
      value = this.parseExprFrom(value, false);
    }
    const entries: ObjectTerm['entries'] = [[key, value]];
    if (lx.type === tt.braceR) {
      this.next();
    } else if (lx.type === tt.comma) {
      this.next();
      this.parsePairList(entries);
    } else {
      this.unexpected(', or }');
    }
    return { type: 'object', entries, loc: this.loc(start) };
  }

  /**
   * Parses `| body end` of a comprehension, or returns the failure so the
   * caller can fall back as OPA does: `[a | b, c]` is an array of `a | b` and
   * `c`, and `{k: a | b}` whose `b` is no body is an object.
   */
  private tryComprehensionBody(end: TokenType): Body | SyntaxFailure {
    try {
      this.next(); // |
      return this.parseQuery(end);
    } catch (e) {
      if (e instanceof SyntaxFailure) return e;
      throw e;
    }
  }

  /** Items after an already-parsed first operand, through the closing token. */
  private parseListFrom(first: Term, end: TokenType): Term[] {
    const item = this.parseExprFrom(first, false);
    if (this.lx.type === end) {
      this.next();
      return [item];
    }
    if (this.lx.type !== tt.comma) this.unexpected(`, or ${end.label}`);
    this.next();
    return this.parseTermList(end, [item]);
  }

  /** Comma-separated expressions through `end` (consumed); a trailing comma is fine. */
  protected parseTermList(end: TokenType, items: Term[]): Term[] {
    const lx = this.lx;
    while (lx.type !== end) {
      items.push(this.parseInExpr(false));
      if (lx.type === tt.comma) this.next();
      else if (lx.type !== end) this.unexpected(`, or ${end.label}`);
    }
    this.next();
    return items;
  }

  private parsePairList(entries: ObjectTerm['entries']): void {
    const lx = this.lx;
    while (lx.type !== tt.braceR) {
      const key = this.parseInExpr(false);
      this.expect(tt.colon, ':');
      entries.push([key, this.parseInExpr(false)]);
      if (lx.type === tt.comma) this.next();
      else if (lx.type !== tt.braceR) this.unexpected(', or }');
    }
    this.next();
  }

  /** An expression without assignment: infix operators and `in`. */
  protected parseInExpr(keyValue: boolean): Term {
    return this.parseInRest(this.parseBinaryRest(this.parseOperand(), 1), keyValue);
  }

  /** Continues an expression whose first operand is already parsed. */
  protected parseExprFrom(operand: Term, keyValue: boolean): Term {
    return this.parseInRest(this.parseBinaryRest(operand, 1), keyValue);
  }

  /** Binary operators binding at least as tight as `minPrecedence`, left-associative. */
  protected parseBinary(minPrecedence: number): Term {
    return this.parseBinaryRest(this.parseOperand(), minPrecedence);
  }

  protected parseBinaryRest(left: Term, minPrecedence: number): Term {
    const lx = this.lx;
    for (let wraps = 1; ; wraps++) {
      const op = lx.type;
      const precedence = op.binop;
      if (precedence === 0 || precedence < minPrecedence) return left;
      const opStart = lx.start;
      const opEnd = lx.end;
      this.next();
      this.checkNesting(wraps);
      const right = this.parseBinaryRest(this.parseOperand(), precedence + 1);
      left = this.operatorCall(op.call, opStart, opEnd, [left, right], left.loc.offset);
    }
  }

  /**
   * `x in xs` (internal.member_2) and, where `keyValue` allows it, `k, v in xs`
   * (internal.member_3). A comma not followed by `v in` is left for the caller.
   */
  private parseInRest(lhs: Term, keyValue: boolean): Term {
    const lx = this.lx;
    for (let wraps = 1; ; wraps++) {
      if (keyValue && lx.type === tt.comma) {
        const atComma = this.save();
        let middle: Term | undefined;
        try {
          this.next();
          middle = this.parseBinary(1);
        } catch (e) {
          if (!(e instanceof SyntaxFailure)) throw e;
        }
        if (!middle || lx.type !== tt._in) {
          this.restore(atComma);
          return lhs;
        }
        const opStart = lx.start;
        const opEnd = lx.end;
        this.checkNesting(wraps);
        this.next();
        const rhs = this.parseBinary(1);
        lhs = this.operatorCall('internal.member_3', opStart, opEnd, [lhs, middle, rhs], lhs.loc.offset);
      } else if (lx.type === tt._in) {
        const opStart = lx.start;
        const opEnd = lx.end;
        this.checkNesting(wraps);
        this.next();
        const rhs = this.parseBinary(1);
        lhs = this.operatorCall('internal.member_2', opStart, opEnd, [lhs, rhs], lhs.loc.offset);
      } else {
        return lhs;
      }
    }
  }

  /** Can the current token begin a term? */
  protected atTermStart(): boolean {
    const t = this.lx.type;
    return (
      t === tt.name ||
      t === tt.number ||
      t === tt.string ||
      t === tt.minus ||
      t === tt.dot ||
      t === tt.bracketL ||
      t === tt.braceL ||
      t === tt.parenL ||
      t === tt._null ||
      t === tt._true ||
      t === tt._false ||
      t === tt._contains ||
      this.keywordStartsRef()
    );
  }
}
