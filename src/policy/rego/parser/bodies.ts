import type { Body, EveryExpr, Expr, SomeDeclExpr, SomeInExpr, Term, VarTerm, With } from '../ast.js';
import { TermParser } from './terms.js';
import { tt, type TokenType } from './tokens.js';

/**
 * Bodies (queries): literals separated by newlines or `;`, each an expression,
 * `not expr`, `some` declaration, or `every` quantifier, optionally followed
 * by `with target as value` modifiers.
 */
export abstract class BodyParser extends TermParser {
  /** Literals through `end` (consumed, unless end of file). */
  protected parseQuery(end: TokenType): Body {
    const lx = this.lx;
    if (lx.type === end) this.fail('found empty body');
    const body: Body = [];
    for (;;) {
      body.push(this.parseLiteral());
      if (lx.type === tt.semicolon) {
        this.next();
        continue;
      }
      if (lx.type === end) {
        this.next();
        return body;
      }
      if (!lx.newlineBefore) this.unexpected(`a newline, ; or ${end === tt.eof ? 'end of query' : end.label}`);
    }
  }

  protected parseLiteral(): Expr {
    const lx = this.lx;
    const start = lx.start;
    let negated = false;
    if (lx.type === tt._not && !this.keywordStartsRef()) {
      this.next();
      negated = true;
    }
    if (lx.type === tt._some && !this.keywordStartsRef()) {
      if (negated) this.fail("illegal negation of 'some'");
      return this.parseSome(start);
    }
    if (lx.type === tt._every && !this.keywordStartsRef()) {
      if (negated) this.fail("illegal negation of 'every'");
      return this.parseEvery(start);
    }
    let term = this.parseInExpr(true);
    if (lx.type === tt.assign || lx.type === tt.unify) {
      const op = lx.type;
      const opStart = lx.start;
      const opEnd = lx.end;
      this.next();
      const rhs = this.parseInExpr(true);
      term = this.operatorCall(op.call, opStart, opEnd, [term, rhs], term.loc.offset);
    }
    const withs = this.parseWiths();
    return { kind: 'term', term, negated, with: withs, loc: this.loc(start) };
  }

  /** `some x, y` declares variables; `some v in xs` / `some k, v in xs` iterates. */
  private parseSome(start: number): SomeDeclExpr | SomeInExpr {
    const lx = this.lx;
    this.next();
    const first = this.parseSomeItem();
    if (lx.type === tt._in) {
      this.next();
      const collection = this.parseBinary(1);
      return { kind: 'somein', value: first, collection, negated: false, with: this.parseWiths(), loc: this.loc(start) };
    }
    if (lx.type === tt.comma) {
      this.next();
      const second = this.parseSomeItem();
      if (lx.type === tt._in) {
        this.next();
        const collection = this.parseBinary(1);
        return {
          kind: 'somein',
          key: first,
          value: second,
          collection,
          negated: false,
          with: this.parseWiths(),
          loc: this.loc(start),
        };
      }
      const vars = [this.declaredVar(first), this.declaredVar(second)];
      while (lx.type === tt.comma) {
        this.next();
        if (lx.type !== tt.name) this.unexpected('a variable');
        vars.push(this.declaredVar(this.parseOperand()));
      }
      return { kind: 'some', vars, negated: false, with: [], loc: this.loc(start) };
    }
    return { kind: 'some', vars: [this.declaredVar(first)], negated: false, with: [], loc: this.loc(start) };
  }

  /**
   * A `some` operand: a plain variable, or (before `in`) any pattern such as
   * `[x, y]`. Operators on the next line start the next literal instead.
   */
  private parseSomeItem(): Term {
    const operand = this.parseOperand();
    if (this.lx.type.binop > 0 && !this.lx.newlineBefore) return this.parseBinaryRest(operand, 1);
    return operand;
  }

  private declaredVar(term: Term): VarTerm {
    if (term.type !== 'var') this.fail('expected a variable name in some declaration', term.loc.offset);
    return term;
  }

  /** `every v in xs { body }` / `every k, v in xs { body }` */
  private parseEvery(start: number): EveryExpr {
    const lx = this.lx;
    this.next();
    let key: Term | undefined;
    let value = this.parseBinary(1);
    if (lx.type === tt.comma) {
      this.next();
      key = value;
      value = this.parseBinary(1);
    }
    if (lx.type !== tt._in) this.unexpected('in (every x in xs { ... } or every k, v in xs { ... })');
    this.next();
    const domain = this.parseBinary(1);
    if (key && key.type !== 'var') this.fail('expected key to be a variable', key.loc.offset);
    if (value.type !== 'var') this.fail('expected value to be a variable', value.loc.offset);
    if (lx.type !== tt.braceL) this.unexpected('{ to begin the every body');
    this.next();
    const body = this.parseQuery(tt.braceR);
    const withs = this.parseWiths();
    const loc = this.loc(start);
    return key
      ? { kind: 'every', key: key as VarTerm, value, domain, body, negated: false, with: withs, loc }
      : { kind: 'every', value, domain, body, negated: false, with: withs, loc };
  }

  private parseWiths(): With[] {
    const lx = this.lx;
    const withs: With[] = [];
    while (lx.type === tt._with) {
      const start = lx.start;
      this.next();
      if (lx.type !== tt.name) this.unexpected('a with target such as input, data.x or a function name');
      const target = this.parseOperand();
      if (target.type !== 'ref' && target.type !== 'var') {
        this.fail('expected with target path (input..., data... or a function name)', target.loc.offset);
      }
      if (lx.type !== tt._as) this.unexpected('as');
      this.next();
      const value = this.parseInExpr(true);
      const ref = target.type === 'ref' ? target : { type: 'ref' as const, terms: [target], loc: target.loc };
      withs.push({ target: ref, value, loc: this.loc(start) });
    }
    return withs;
  }
}
