import { describe, expect, it } from 'vitest';
import { Lexer } from '../../../../src/policy/rego/parser/lexer.js';
import { SyntaxFailure } from '../../../../src/policy/rego/parser/syntax-failure.js';
import { tt } from '../../../../src/policy/rego/parser/tokens.js';

function tokens(source: string): string[] {
  const lx = new Lexer(source);
  const out: string[] = [];
  for (lx.next(); lx.type !== tt.eof; lx.next()) {
    const kind = lx.type === tt.name ? 'name' : lx.type === tt.string ? 'string' : lx.type === tt.number ? 'number' : lx.type.label;
    const text = lx.type === tt.string ? JSON.stringify(lx.value) : lx.value;
    out.push(`${kind}:${text}@${lx.start}-${lx.end}${lx.newlineBefore ? ' nl' : lx.spaceBefore ? ' sp' : ''}`);
  }
  return out;
}

function failure(source: string): { message: string; offset: number } {
  try {
    const lx = new Lexer(source);
    for (lx.next(); lx.type !== tt.eof; lx.next());
  } catch (e) {
    if (e instanceof SyntaxFailure) return { message: e.message, offset: e.offset };
    throw e;
  }
  throw new Error('expected a lexer failure');
}

describe('lexer', () => {
  it('scans operators longest first, with offsets and the whitespace before each token', () => {
    expect(tokens('a:=b==c!=d<=e>=f<g>h=i:j')).toEqual([
      'name:a@0-1', ':=::=@1-3', 'name:b@3-4', '==:==@4-6', 'name:c@6-7', '!=:!=@7-9', 'name:d@9-10', '<=:<=@10-12',
      'name:e@12-13', '>=:>=@13-15', 'name:f@15-16', '<:<@16-17', 'name:g@17-18', '>:>@18-19', 'name:h@19-20',
      '=:=@20-21', 'name:i@21-22', ':::@22-23', 'name:j@23-24',
    ]);
    expect(tokens('x [y]\n  z # note\n.w')).toEqual([
      'name:x@0-1', '[:[@2-3 sp', 'name:y@3-4', ']:]@4-5', 'name:z@8-9 nl', '.:.@17-18 nl', 'name:w@18-19',
    ]);
  });

  it('tells keywords from names, and allows Unicode digits (not letters) after the first character', () => {
    expect(tokens('if contains every in some not with as default else import package null true false')).toEqual(
      'if contains every in some not with as default else import package null true false'
        .split(' ')
        .map((w, i, all) => `${w}:${w}@${all.slice(0, i).join(' ').length + (i ? 1 : 0)}-${all.slice(0, i + 1).join(' ').length}${i ? ' sp' : ''}`),
    );
    expect(tokens('ifx _x x_1 x١')).toEqual(['name:ifx@0-3', 'name:_x@4-6 sp', 'name:x_1@7-10 sp', 'name:x١@11-13 sp']);
  });

  it('keeps number text exactly and rejects malformed numbers', () => {
    expect(tokens('0 12345678901234567890 1.50 1e400 2E-3 7e+1')).toEqual([
      'number:0@0-1', 'number:12345678901234567890@2-22 sp', 'number:1.50@23-27 sp', 'number:1e400@28-33 sp',
      'number:2E-3@34-38 sp', 'number:7e+1@39-43 sp',
    ]);
    expect(failure('x := 1.')).toEqual({ message: 'expected fraction', offset: 5 });
    expect(failure('1e+')).toEqual({ message: 'expected exponent', offset: 0 });
    expect(failure('12abc')).toEqual({ message: 'illegal number format', offset: 0 });
    expect(failure('1_000')).toEqual({ message: 'illegal number format', offset: 0 });
  });

  it('decodes every string escape, joining \\u surrogate pairs and replacing lone surrogates like OPA', () => {
    expect(tokens(String.raw`"a\"b\\c\/d\be\ff\ng\rh\ti"`)).toEqual([`string:${JSON.stringify('a"b\\c/d\be\ff\ng\rh\ti')}@0-27`]);
    expect(tokens(String.raw`"\u00e9\uD83D\uDE00" "\ud800" "\udc00x" "\uD83Dz"`)).toEqual([
      `string:${JSON.stringify('é😀')}@0-20`,
      `string:${JSON.stringify('\ufffd')}@21-29 sp`,
      `string:${JSON.stringify('\ufffdx')}@30-39 sp`,
      `string:${JSON.stringify('\ufffdz')}@40-49 sp`,
    ]);
  });

  it('takes raw strings verbatim, across lines and without escapes', () => {
    expect(tokens('`a\\n\n"b"`')).toEqual([`string:${JSON.stringify('a\\n\n"b"')}@0-9`]);
  });

  it('rejects broken strings at the position of the problem', () => {
    expect(failure('x := "abc\n"')).toEqual({ message: 'non-terminated string', offset: 5 });
    expect(failure('x := "abc')).toEqual({ message: 'non-terminated string', offset: 5 });
    expect(failure('x := `abc')).toEqual({ message: 'non-terminated string', offset: 5 });
    expect(failure('"a\\qb"')).toEqual({ message: 'illegal escape sequence', offset: 2 });
    expect(failure('"\\u12G4"')).toEqual({ message: 'illegal \\u escape sequence, expected 4 hexadecimal digits', offset: 1 });
    // Go's JSON decoder (which OPA uses for escaped strings) refuses raw control characters.
    expect(failure('"a\tb\\n"')).toEqual({ message: 'illegal string literal: "a\tb\\n"', offset: 0 });
    expect(tokens('"a\tb"')).toEqual([`string:${JSON.stringify('a\tb')}@0-5`]);
  });

  it('skips comments to the end of the line, reporting each one', () => {
    const seen: string[] = [];
    const source = 'a # one\r\n#two\nb#three';
    const lx = new Lexer(source, (s, e) => seen.push(source.slice(s, e)));
    for (lx.next(); lx.type !== tt.eof; lx.next());
    expect(seen).toEqual(['# one', '#two', '#three']);
  });

  it('names illegal characters, showing invisible ones by code point', () => {
    expect(failure('x := @')).toEqual({ message: 'illegal character @', offset: 5 });
    expect(failure('x := $"t"')).toEqual({ message: 'illegal character $', offset: 5 });
    expect(failure('x !y')).toEqual({ message: 'illegal ! character', offset: 2 });
    expect(failure('résumé := 1')).toEqual({ message: 'illegal character U+00E9', offset: 1 });
    expect(failure('аllow := 1')).toEqual({ message: 'illegal character U+0430', offset: 0 }); // Cyrillic а
    expect(failure('x :=\u00a01')).toEqual({ message: 'illegal character U+00A0', offset: 4 });
    expect(failure('x\u200b := 1')).toEqual({ message: 'illegal character U+200B', offset: 1 });
  });

  it('rejects hidden characters anywhere, even in strings and comments', () => {
    expect(failure('x := "a\u202eb"')).toEqual({
      message: 'illegal bidirectional control character U+202E (write it as a \\u escape inside a string)',
      offset: 7,
    });
    expect(failure('x := 1 # \u2066admin\u2069')).toMatchObject({ offset: 9 });
    expect(failure('x := "a\u0000"')).toEqual({ message: 'illegal null character', offset: 7 });
    expect(failure('x := 1\n\ufeff')).toEqual({ message: 'illegal byte-order mark', offset: 7 });
    expect(failure('x := "\ud800"')).toEqual({ message: 'illegal unpaired surrogate (not valid UTF-8)', offset: 6 });
    expect(tokens('\ufeffx := "\\u202e"')).toEqual(['name:x@1-2', ':=::=@3-5 sp', `string:${JSON.stringify('\u202e')}@6-14 sp`]);
    expect(tokens('x := "שלום 😀"')).toEqual(['name:x@0-1', ':=::=@2-4 sp', `string:${JSON.stringify('שלום 😀')}@5-14 sp`]);
  });

  it('rewinds to a saved token', () => {
    const lx = new Lexer('a b c');
    lx.next();
    lx.next();
    const saved = lx.save();
    lx.next();
    expect(lx.value).toBe('c');
    lx.restore(saved);
    expect([lx.value, lx.start, lx.lastEnd]).toEqual(['b', 2, 1]);
    lx.next();
    expect(lx.value).toBe('c');
  });
});
