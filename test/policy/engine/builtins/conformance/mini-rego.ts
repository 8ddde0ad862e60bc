/*
 * Test-only: a tiny reader and evaluator for the simplest OPA conformance
 * cases, so host builtins can be checked against want_result / want_error
 * before the real toolchain exists. It understands one module of constant
 * rules whose bodies call builtins on constant arguments; anything else throws
 * Unsupported and the case is counted as not extracted.
 */

export class Unsupported extends Error {}

export class RegoSet {
  constructor(readonly items: unknown[]) {}
}

type Tok = { t: 'str' | 'num' | 'id' | 'op' | 'nl'; v: string };

const OPS = [':=', '==', '!=', '<=', '>=', '(', ')', '[', ']', '{', '}', ',', ':', '=', '<', '>', '+', '-', '*', '/', ';', '|', '.', '&'];

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\n') {
      toks.push({ t: 'nl', v: '\n' });
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      toks.push({ t: 'str', v: JSON.parse(src.slice(i, j + 1)) });
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      toks.push({ t: 'str', v: src.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      toks.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (!op) throw new Unsupported(`character ${c}`);
      toks.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  return toks;
}

export type Expr =
  | { k: 'lit'; v: unknown }
  | { k: 'var'; name: string }
  | { k: 'ref'; head: string; path: Expr[] }
  | { k: 'arr'; items: Expr[] }
  | { k: 'set'; items: Expr[] }
  | { k: 'obj'; entries: [Expr, Expr][] }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'bin'; op: string; l: Expr; r: Expr };

export type Stmt = { not: boolean; expr: Expr };

export interface Rule {
  name: string;
  kind: 'complete' | 'contains';
  isDefault: boolean;
  /** Value of a complete rule, or the element of a partial set. */
  value?: Expr;
  body?: Stmt[];
}

class Parser {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  skipNl() {
    while (this.peek()?.t === 'nl') this.i++;
  }
  is(v: string) {
    const t = this.peek();
    return t !== undefined && (t.t === 'op' || t.t === 'id') && t.v === v;
  }
  expect(v: string) {
    if (!this.is(v)) throw new Unsupported(`expected ${v} got ${this.peek()?.v}`);
    this.i++;
  }

  module(): { pkg: string; rules: Rule[] } {
    this.skipNl();
    this.expect('package');
    const pkg = this.dotted();
    const rules: Rule[] = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (!t) break;
      if (t.v === 'import') {
        while (this.peek() && this.peek()!.t !== 'nl') this.i++;
        continue;
      }
      rules.push(this.rule());
    }
    return { pkg, rules };
  }

  dotted(): string {
    let name = this.ident();
    while (this.is('.')) {
      this.i++;
      name += `.${this.ident()}`;
    }
    return name;
  }

  ident(): string {
    const t = this.peek();
    if (t?.t !== 'id') throw new Unsupported(`expected identifier got ${t?.v}`);
    this.i++;
    return t.v;
  }

  rule(): Rule {
    let isDefault = false;
    if (this.is('default')) {
      this.i++;
      isDefault = true;
    }
    const name = this.ident();
    if (this.is('(') || this.is('[') || this.is('.')) throw new Unsupported('functions and ref heads');
    let kind: Rule['kind'] = 'complete';
    let value: Expr | undefined;
    if (this.is('contains')) {
      this.i++;
      kind = 'contains';
      value = this.expr();
    } else if (this.is(':=') || this.is('=')) {
      this.i++;
      value = this.expr();
    }
    let body: Stmt[] | undefined;
    if (this.is('if')) this.i++;
    if (this.is('{')) body = this.body();
    if (this.peek() && this.peek()!.t !== 'nl') throw new Unsupported(`after rule: ${this.peek()!.v}`);
    if (this.is('else')) throw new Unsupported('else');
    return { name, kind, isDefault, value, body };
  }

  body(): Stmt[] {
    this.expect('{');
    const stmts: Stmt[] = [];
    for (;;) {
      while (this.peek()?.t === 'nl' || this.is(';')) this.i++;
      if (this.is('}')) {
        this.i++;
        return stmts;
      }
      let not = false;
      if (this.is('not')) {
        this.i++;
        not = true;
      }
      if (this.is('some') || this.is('every') || this.is('with')) throw new Unsupported('keyword');
      stmts.push({ not, expr: this.expr() });
      if (this.is('with')) throw new Unsupported('with');
    }
  }

  expr(): Expr {
    const l = this.sum();
    for (const op of [':=', '==', '!=', '<=', '>=', '=', '<', '>']) {
      if (this.is(op)) {
        this.i++;
        return { k: 'bin', op, l, r: this.sum() };
      }
    }
    return l;
  }

  sum(): Expr {
    let l = this.product();
    while (this.is('+') || this.is('-')) {
      const op = this.toks[this.i++].v;
      l = { k: 'bin', op, l, r: this.product() };
    }
    return l;
  }

  product(): Expr {
    let l = this.term();
    while (this.is('*') || this.is('/')) {
      const op = this.toks[this.i++].v;
      l = { k: 'bin', op, l, r: this.term() };
    }
    return l;
  }

  list(close: string): Expr[] {
    const items: Expr[] = [];
    this.skipNl();
    while (!this.is(close)) {
      items.push(this.expr());
      this.skipNl();
      if (this.is(',')) this.i++;
      this.skipNl();
    }
    this.i++;
    return items;
  }

  term(): Expr {
    const t = this.peek();
    if (!t) throw new Unsupported('end of input');
    if (t.t === 'str') {
      this.i++;
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'num') {
      this.i++;
      return { k: 'lit', v: Number(t.v) };
    }
    if (t.v === '-' && this.peek(1)?.t === 'num') {
      this.i += 2;
      return { k: 'lit', v: -Number(this.toks[this.i - 1].v) };
    }
    if (t.v === '[') {
      this.i++;
      const save = this.i;
      const items = this.list(']');
      if (this.toks.slice(save, this.i).some((x) => x.v === '|')) throw new Unsupported('comprehension');
      return { k: 'arr', items };
    }
    if (t.v === '{') {
      this.i++;
      this.skipNl();
      if (this.is('}')) {
        this.i++;
        return { k: 'obj', entries: [] };
      }
      const first = this.expr();
      this.skipNl();
      if (this.is('|')) throw new Unsupported('comprehension');
      if (this.is(':')) {
        this.i++;
        const entries: [Expr, Expr][] = [[first, this.expr()]];
        this.skipNl();
        while (this.is(',')) {
          this.i++;
          this.skipNl();
          if (this.is('}')) break;
          const k = this.expr();
          this.expect(':');
          entries.push([k, this.expr()]);
          this.skipNl();
        }
        this.expect('}');
        return { k: 'obj', entries };
      }
      const items = [first];
      while (this.is(',')) {
        this.i++;
        this.skipNl();
        if (this.is('}')) break;
        items.push(this.expr());
        this.skipNl();
      }
      this.expect('}');
      return { k: 'set', items };
    }
    if (t.v === '(') {
      this.i++;
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') {
        this.i++;
        return { k: 'lit', v: t.v === 'true' };
      }
      if (t.v === 'null') {
        this.i++;
        return { k: 'lit', v: null };
      }
      this.i++;
      let name = t.v;
      const path: Expr[] = [];
      for (;;) {
        if (this.is('.') && this.peek(1)?.t === 'id') {
          this.i++;
          const seg = this.ident();
          if (path.length === 0 && !['input', 'data'].includes(t.v)) name += `.${seg}`;
          else path.push({ k: 'lit', v: seg });
        } else if (this.is('[')) {
          this.i++;
          path.push(this.expr());
          this.expect(']');
        } else break;
      }
      if (this.is('(')) {
        this.i++;
        return { k: 'call', fn: name, args: this.list(')') };
      }
      if (name === 'input' || name === 'data') return { k: 'ref', head: name, path };
      if (name.includes('.') || path.length > 0) throw new Unsupported(`ref ${name}`);
      return { k: 'var', name };
    }
    throw new Unsupported(`term ${t.v}`);
  }
}

export function parseModule(src: string) {
  return new Parser(tokenize(src)).module();
}

export function parseTerm(src: string): Expr {
  const p = new Parser(tokenize(src).filter((t) => t.t !== 'nl'));
  const e = p.expr();
  if (p.peek()) throw new Unsupported('trailing input after term');
  return e;
}
