import { SyntaxFailure } from './syntax-failure.js';
import { keywords, tt, type TokenType } from './tokens.js';
import { decodeStringLiteral } from './string-literal.js';

/** Everything needed to rewind the lexer to an earlier token. */
export interface LexerState {
  pos: number;
  type: TokenType;
  value: string;
  start: number;
  end: number;
  spaceBefore: boolean;
  newlineBefore: boolean;
  lastEnd: number;
}

/** Called for every `#` comment skipped: offsets of `#` and of the end of its text. */
export type CommentHandler = (start: number, end: number) => void;

const unicodeDigit = /^\p{Nd}$/u;

/**
 * A pull lexer: `next()` scans one token on demand and exposes it through the
 * fields below. Offsets index the source string; whitespace and comments are
 * skipped but remembered (`spaceBefore`, `newlineBefore`) because Rego gives
 * them meaning: `a[x]` is a ref while `a [x]` is not, and a newline separates
 * expressions in a body.
 */
export class Lexer {
  type: TokenType = tt.eof;
  /** Identifier or keyword spelling, decoded string contents, or number text. */
  value = '';
  start = 0;
  end = 0;
  /** Whitespace or a comment separates this token from the previous one. */
  spaceBefore = false;
  /** A line break separates this token from the previous one. */
  newlineBefore = false;
  /** End offset of the previous token. */
  lastEnd = 0;
  private pos: number;

  constructor(
    readonly input: string,
    private readonly onComment?: CommentHandler,
  ) {
    this.pos = input.charCodeAt(0) === 0xfeff ? 1 : 0;
    rejectHiddenCharacters(input, this.pos);
  }

  next(): void {
    this.lastEnd = this.end;
    this.skipSpace();
    this.start = this.pos;
    this.readToken();
    this.end = this.pos;
  }

  /** True when the current token is directly followed (no space) by `char`. */
  isFollowedBy(char: string): boolean {
    return this.input.charCodeAt(this.end) === char.charCodeAt(0);
  }

  save(): LexerState {
    return {
      pos: this.pos,
      type: this.type,
      value: this.value,
      start: this.start,
      end: this.end,
      spaceBefore: this.spaceBefore,
      newlineBefore: this.newlineBefore,
      lastEnd: this.lastEnd,
    };
  }

  restore(s: LexerState): void {
    this.pos = s.pos;
    this.type = s.type;
    this.value = s.value;
    this.start = s.start;
    this.end = s.end;
    this.spaceBefore = s.spaceBefore;
    this.newlineBefore = s.newlineBefore;
    this.lastEnd = s.lastEnd;
  }

  private skipSpace(): void {
    const input = this.input;
    let space = false;
    let newline = false;
    for (;;) {
      const ch = input.charCodeAt(this.pos);
      if (ch === 32 || ch === 9 || ch === 13) {
        this.pos++;
        space = true;
      } else if (ch === 10) {
        this.pos++;
        space = newline = true;
      } else if (ch === 35 /* # */) {
        const start = this.pos;
        let end = input.indexOf('\n', start);
        if (end < 0) end = input.length;
        this.pos = end;
        if (end > start && input.charCodeAt(end - 1) === 13) end--;
        this.onComment?.(start, end);
        space = true;
      } else {
        break;
      }
    }
    this.spaceBefore = space;
    this.newlineBefore = newline;
  }

  private fail(message: string, offset = this.start): never {
    throw new SyntaxFailure(message, offset);
  }

  private readToken(): void {
    const input = this.input;
    const ch = input.charCodeAt(this.pos);
    if (ch !== ch /* NaN: end of input */) {
      this.type = tt.eof;
      this.value = '';
      return;
    }
    if (isLetter(ch)) return this.readWord();
    if (isDecimal(ch)) return this.readNumber();
    const next = input.charCodeAt(this.pos + 1);
    switch (ch) {
      case 34 /* " */:
        return this.readString();
      case 96 /* ` */:
        return this.readRawString();
      case 91:
        return this.punct(tt.bracketL, 1);
      case 93:
        return this.punct(tt.bracketR, 1);
      case 123:
        return this.punct(tt.braceL, 1);
      case 125:
        return this.punct(tt.braceR, 1);
      case 40:
        return this.punct(tt.parenL, 1);
      case 41:
        return this.punct(tt.parenR, 1);
      case 44:
        return this.punct(tt.comma, 1);
      case 59:
        return this.punct(tt.semicolon, 1);
      case 46:
        return this.punct(tt.dot, 1);
      case 58 /* : */:
        return next === 61 ? this.punct(tt.assign, 2) : this.punct(tt.colon, 1);
      case 61 /* = */:
        return next === 61 ? this.punct(tt.equal, 2) : this.punct(tt.unify, 1);
      case 33 /* ! */:
        if (next === 61) return this.punct(tt.neq, 2);
        return this.fail('illegal ! character');
      case 60 /* < */:
        return next === 61 ? this.punct(tt.lte, 2) : this.punct(tt.lt, 1);
      case 62 /* > */:
        return next === 61 ? this.punct(tt.gte, 2) : this.punct(tt.gt, 1);
      case 43:
        return this.punct(tt.plus, 1);
      case 45:
        return this.punct(tt.minus, 1);
      case 42:
        return this.punct(tt.mul, 1);
      case 47:
        return this.punct(tt.quo, 1);
      case 37:
        return this.punct(tt.rem, 1);
      case 38:
        return this.punct(tt.and, 1);
      case 124:
        return this.punct(tt.or, 1);
    }
    return this.fail(describeIllegalCharacter(input.codePointAt(this.pos)!));
  }

  private punct(type: TokenType, size: number): void {
    this.type = type;
    this.value = type.label;
    this.pos += size;
  }

  private readWord(): void {
    const input = this.input;
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const c = input.charCodeAt(i);
      if (isLetter(c) || isDecimal(c)) {
        i++;
      } else if (c >= 0x80) {
        const cp = input.codePointAt(i)!;
        const char = String.fromCodePoint(cp);
        if (!unicodeDigit.test(char)) break;
        i += char.length;
      } else {
        break;
      }
    }
    this.pos = i;
    const word = input.slice(start, i);
    this.value = word;
    this.type = keywords.get(word) ?? tt.name;
  }

  /** Digits, an optional fraction, an optional exponent; the parser validates the rest. */
  private readNumber(): void {
    const input = this.input;
    let i = this.pos;
    while (isDecimal(input.charCodeAt(i))) i++;
    if (input.charCodeAt(i) === 46 /* . */) {
      i++;
      if (!isDecimal(input.charCodeAt(i))) this.fail('expected fraction');
      while (isDecimal(input.charCodeAt(i))) i++;
    }
    const e = input.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = input.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDecimal(input.charCodeAt(i))) this.fail('expected exponent');
      while (isDecimal(input.charCodeAt(i))) i++;
    }
    if (isLetter(input.charCodeAt(i))) this.fail('illegal number format');
    this.type = tt.number;
    this.value = input.slice(this.pos, i);
    this.pos = i;
  }

  private readString(): void {
    const input = this.input;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    let control = false;
    for (;;) {
      const c = input.charCodeAt(i);
      if (c !== c || c === 10) this.fail('non-terminated string');
      if (c === 34) break;
      if (c === 92 /* \ */) {
        escaped = true;
        const n = input.charCodeAt(i + 1);
        if (n === 117 /* u */) {
          if (!isHex4(input, i + 2)) this.fail('illegal \\u escape sequence, expected 4 hexadecimal digits', i);
          i += 6;
        } else if (n === 34 || n === 92 || n === 47 || n === 98 || n === 102 || n === 110 || n === 114 || n === 116) {
          i += 2;
        } else {
          this.fail('illegal escape sequence', i);
        }
        continue;
      }
      if (c < 0x20) control = true;
      i++;
    }
    this.pos = i + 1;
    this.type = tt.string;
    // OPA decodes escaped strings as JSON, which rejects raw control characters.
    if (escaped && control) this.fail(`illegal string literal: ${input.slice(start, i + 1)}`);
    this.value = escaped ? decodeStringLiteral(input, start + 1, i) : input.slice(start + 1, i);
  }

  private readRawString(): void {
    const close = this.input.indexOf('`', this.pos + 1);
    if (close < 0) this.fail('non-terminated string');
    this.type = tt.string;
    this.value = this.input.slice(this.pos + 1, close);
    this.pos = close + 1;
  }
}

/** The lexer's view of a string token: was it a backtick raw string? */
export function isRawString(input: string, start: number): boolean {
  return input.charCodeAt(start) === 96;
}

/**
 * Characters that are illegal anywhere, even inside strings and comments:
 * NUL and a byte-order mark past the start (as in OPA), unpaired surrogates
 * (not encodable as UTF-8), and bidirectional controls, which can make code
 * read differently from how it parses ("Trojan Source"); inside a string they
 * can still be written as \u escapes.
 */
const hiddenCharacter = /[\0\uFEFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function rejectHiddenCharacters(input: string, from: number): void {
  hiddenCharacter.lastIndex = from;
  const found = hiddenCharacter.exec(input);
  if (!found) return;
  const c = found[0].charCodeAt(0);
  const message =
    c === 0
      ? 'illegal null character'
      : c === 0xfeff
        ? 'illegal byte-order mark'
        : c >= 0xd800 && c <= 0xdfff
          ? 'illegal unpaired surrogate (not valid UTF-8)'
          : `illegal bidirectional control character ${codePoint(c)} (write it as a \\u escape inside a string)`;
  throw new SyntaxFailure(message, found.index);
}

function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex4(input: string, at: number): boolean {
  for (let i = at; i < at + 4; i++) {
    const c = input.charCodeAt(i);
    if (!(isDecimal(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

function describeIllegalCharacter(cp: number): string {
  const printable = cp > 0x20 && cp < 0x7f;
  return printable ? `illegal character ${String.fromCodePoint(cp)}` : `illegal character ${codePoint(cp)}`;
}
