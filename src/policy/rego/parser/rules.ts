import type { Body, Rule, RuleHead, Term } from '../ast.js';
import { BodyParser } from './bodies.js';
import { cloneTerm, isGround, valueName } from './term-utils.js';
import { describeToken, tt } from './tokens.js';

/**
 * Rules: heads (`p`, `a.b[x]`, `f(x)`), values (`:=`/`=`), `contains`,
 * bodies after `if` (a block or a single literal), `else` chains, `default`,
 * and extra bodies (`p if { a } { b }` defines p twice).
 */
export abstract class RuleParser extends BodyParser {
  /** One rule statement; more than one rule when it has extra bodies. */
  protected parseRuleStatement(): Rule[] {
    const lx = this.lx;
    const start = lx.start;
    const sameLine = !lx.newlineBefore && start > 0;
    const startToken = describeToken(lx.type, lx.value);
    let isDefault = false;
    if (lx.type === tt._default && !this.keywordStartsRef()) {
      this.next();
      isDefault = true;
    }
    if (lx.type !== tt.name && !this.keywordStartsRef()) {
      this.unexpected(isDefault ? 'a rule name' : 'a rule, import or package');
    }
    const head = this.parseRuleHead(isDefault);
    if (isDefault) return [this.finishDefaultRule(start, head)];

    let body: Body = [];
    let hasBody = false;
    if (lx.type === tt._if) {
      this.next();
      body = this.parseIfBody();
      hasBody = true;
    } else if (lx.type === tt.braceL) {
      this.fail(`\`if\` keyword is required before ${head.kind === 'function' ? 'function' : 'rule'} body`);
    } else if (head.value === undefined && head.kind === 'single') {
      // `p if a b`: more on the line after a statement is rarely a new rule.
      if (sameLine) this.fail(`unexpected ${startToken}, expected a newline before the next rule`, start);
      if (head.ref.length === 2) this.fail('`contains` keyword is required for partial set rules', start);
      this.fail('rule must have value assignment and/or body declaration', start);
    }
    const rule: Rule = { default: false, head, body, loc: this.loc(start) };
    if (!hasBody) return [rule];

    if (lx.type === tt._else && !this.keywordStartsRef()) {
      if (!head.ref.slice(1).every(isGround)) this.fail('else keyword cannot be used on rules with variables in head');
      if (head.kind === 'multi') this.fail('else keyword cannot be used on multi-value rules');
      rule.else = this.parseElseChain(head);
      rule.loc = this.loc(start);
    }
    const rules = [rule];
    while (lx.type === tt.braceL) {
      if (rule.else) this.fail('expected else keyword');
      const bodyStart = lx.start;
      this.next();
      const extra = this.parseQuery(tt.braceR);
      rules.push({ default: false, head: this.copyHead(head), body: extra, loc: this.loc(bodyStart) });
    }
    return rules;
  }

  private parseRuleHead(isDefault: boolean): RuleHead {
    const lx = this.lx;
    const start = lx.start;
    const name = this.currentVar();
    this.next();
    const term = this.finishTerm(name, true);
    let ref: Term[];
    let args: Term[] | undefined;
    if (term.type === 'var') {
      ref = [term];
    } else if (term.type === 'ref') {
      ref = term.terms;
    } else if (term.type === 'call') {
      ref = term.operator.terms;
      args = term.args;
    } else {
      this.fail(`${valueName(term)} cannot be used for rule name`, start);
    }
    if (ref[0].type !== 'var') this.fail(`rule head ref ${this.source.slice(start, lx.lastEnd)} invalid`, start);
    const headText = this.source.slice(start, lx.lastEnd);

    if (lx.type === tt._contains) {
      if (args) {
        this.fail(
          `the contains keyword can only be used with multi-value rule definitions (e.g., ${headText} contains <VALUE> { ... })`,
        );
      }
      this.next();
      if (!this.atTermStart()) this.unexpected(`a rule key term (e.g., ${headText} contains <VALUE> { ... })`);
      const key = this.parseInExpr(true);
      return { kind: 'multi', ref, key, assign: false, loc: this.loc(start) };
    }
    const kind = args ? 'function' : 'single';
    if (lx.type === tt.assign || lx.type === tt.unify) {
      const assign = lx.type === tt.assign;
      const op = lx.type.label;
      this.next();
      if (!this.atTermStart()) {
        const example = isDefault ? `default ${headText} ${op} <VALUE>` : `${headText} ${op} <VALUE> if { ... }`;
        this.unexpected(`a ${args ? 'function' : 'rule'} value (e.g., ${example})`);
      }
      const value = this.parseInExpr(true);
      const head: RuleHead = { kind, ref, value, assign, loc: this.loc(start) };
      if (args) head.args = args;
      return head;
    }
    const head: RuleHead = { kind, ref, assign: false, loc: this.loc(start) };
    if (args) head.args = args;
    return head;
  }

  /**
   * After `if`: a block, or a single literal on the same line. `{` is
   * ambiguous; as in OPA, it is a literal (`{} == x`, `{"a": 1}`) unless that
   * literal would be a plain set, and otherwise a block.
   */
  private parseIfBody(): Body {
    if (this.lx.type !== tt.braceL) return [this.parseLiteral()];
    const literal = this.attempt(() => {
      const expr = this.parseLiteral();
      if (expr.kind === 'term' && expr.term.type === 'set') this.fail('a set literal is a block');
      return expr;
    });
    if (literal) return [literal];
    this.next();
    return this.parseQuery(tt.braceR);
  }

  /** `else [:= v] [if body]` chains; without a value the else value is true. */
  private parseElseChain(head: RuleHead): Rule {
    const lx = this.lx;
    const first = this.parseElse(head);
    let last = first.rule;
    let more = first.hasBody;
    for (let length = 2; more && lx.type === tt._else && !this.keywordStartsRef(); length++) {
      this.checkNesting(length, 'else chain nests');
      const next = this.parseElse(head);
      last.else = next.rule;
      last = next.rule;
      more = next.hasBody;
    }
    return first.rule;
  }

  private parseElse(head: RuleHead): { rule: Rule; hasBody: boolean } {
    const lx = this.lx;
    const start = lx.start;
    this.next();
    let value: Term | undefined;
    let assign = false;
    if (lx.type === tt.assign || lx.type === tt.unify) {
      assign = lx.type === tt.assign;
      this.next();
      value = this.parseInExpr(true);
    } else if (lx.type !== tt._if && lx.type !== tt.braceL) {
      this.unexpected('an else value or rule body');
    }
    let body: Body = [];
    let hasBody = true;
    if (lx.type === tt._if) {
      this.next();
      if (lx.type === tt.braceL) {
        this.next();
        body = this.parseQuery(tt.braceR);
      } else {
        if (this.isEof()) this.unexpected('a rule body');
        body = [this.parseLiteral()];
      }
    } else if (lx.type === tt.braceL) {
      this.next();
      body = this.parseQuery(tt.braceR);
    } else {
      hasBody = false;
    }
    const elseHead: RuleHead = { kind: head.kind, ref: this.copyTerms(head.ref), assign, loc: this.loc(start) };
    if (head.args) elseHead.args = this.copyTerms(head.args);
    if (value) elseHead.value = value;
    return { rule: { default: false, head: elseHead, body, loc: this.loc(start) }, hasBody };
  }

  private finishDefaultRule(start: number, head: RuleHead): Rule {
    if (head.value === undefined) this.fail('illegal default rule (must have a value)', start);
    const forbidden = findNonConstant(head.value);
    if (forbidden) this.fail(`illegal default rule (value cannot contain ${forbidden.type})`, forbidden.loc.offset);
    if (head.args) {
      const seen = new Set<string>();
      for (const arg of head.args) {
        if (arg.type !== 'var') this.fail(`illegal default rule (arguments cannot contain ${valueName(arg)})`, arg.loc.offset);
        if (arg.name !== '_' && seen.has(arg.name)) this.fail(`illegal default rule (arguments cannot be repeated ${arg.name})`, arg.loc.offset);
        seen.add(arg.name);
      }
    }
    if (this.lx.type === tt._if || this.lx.type === tt.braceL) this.fail('default rules cannot have a body');
    return { default: true, head, body: [], loc: this.loc(start) };
  }

  /** A head for an extra body: a copy of the rule's head. */
  private copyHead(head: RuleHead): RuleHead {
    const copy: RuleHead = { kind: head.kind, ref: this.copyTerms(head.ref), assign: head.assign, loc: head.loc };
    if (head.args) copy.args = this.copyTerms(head.args);
    if (head.key) copy.key = cloneTerm(head.key);
    if (head.value) copy.value = cloneTerm(head.value);
    return copy;
  }

  private copyTerms(terms: Term[]): Term[] {
    return terms.map(cloneTerm);
  }
}

/** The first var, ref or call outside comprehensions: default values must be constants. */
function findNonConstant(term: Term): Term | undefined {
  switch (term.type) {
    case 'var':
    case 'ref':
    case 'call':
      return term;
    case 'array':
    case 'set':
      for (const item of term.items) {
        const found = findNonConstant(item);
        if (found) return found;
      }
      return undefined;
    case 'object':
      for (const [k, v] of term.entries) {
        const found = findNonConstant(k) ?? findNonConstant(v);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}
