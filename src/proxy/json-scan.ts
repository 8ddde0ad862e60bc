/**
 * A strict, allocation-light JSON scanner over raw bytes.
 *
 * It validates the whole text against RFC 8259's grammar (so nothing that a
 * lenient parser would read differently, such as comments, single quotes,
 * trailing commas or NaN, gets through) and records where the members of the
 * top-level object, or the elements of a top-level array and their members,
 * start and end. String contents are skipped with a native byte search, not
 * decoded; only keys at the recorded depth are decoded.
 */

export interface JsonMember {
  key: string;
  valueStart: number;
  valueEnd: number;
}

export interface ScannedValue {
  start: number;
  end: number;
  /** Present when the value is an object: its members in order, duplicates included. */
  members?: JsonMember[];
}

export interface JsonScan {
  root: ScannedValue;
  /** Present when the root is an array: each element, with members for object elements. */
  elements?: ScannedValue[];
  /** The number of object members at every depth; a parsed copy with fewer keys means duplicate keys. */
  memberCount: number;
}

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonScanError';
  }
}

export const MAX_JSON_DEPTH = 10_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const enum Expect {
  Value,
  ValueOrCloseArray,
  KeyOrCloseObject,
  Key,
  Colon,
  CommaOrClose,
  Nothing,
}

const LITERALS: Record<number, Buffer> = {
  0x74: Buffer.from('true'),
  0x66: Buffer.from('false'),
  0x6e: Buffer.from('null'),
};

/** Scans `buf` (one complete JSON text). Throws JsonScanError for anything that is not strict JSON. */
export function scanJson(buf: Buffer): JsonScan {
  return scanner.scan(buf, false);
}

/**
 * Scans the first bytes of a text too long to keep (an oversized message):
 * returns the top-level members whose values are complete in `head`.
 */
export function scanPrefix(head: Buffer): JsonMember[] {
  return scanner.scan(head, true).root.members ?? [];
}

/**
 * The scan's state lives in one reused object rather than in closures, so a
 * scan allocates only what it returns. Scans are synchronous and never nest.
 */
class JsonScanner {
  private buf: Buffer = Buffer.alloc(0);
  private readonly stack: number[] = [];
  private expect = Expect.Value as Expect;
  private memberCount = 0;
  private root: ScannedValue | undefined;
  private rootIsArray = false;
  private elements: ScannedValue[] | undefined;
  /** The object whose members are recorded: the root object, or the current element of a root array. */
  private members: JsonMember[] | undefined;
  private key = '';
  private memberValueStart = -1;
  private elementStart = -1;
  private elementMembers: JsonMember[] | undefined;

  scan(buf: Buffer, prefix: boolean): JsonScan {
    this.reset(buf);
    try {
      this.walk();
    } catch (error) {
      if (!prefix || this.root === undefined) throw error;
      return this.result();
    } finally {
      this.buf = EMPTY;
    }
    if (!prefix && (this.expect !== Expect.Nothing || this.root === undefined)) {
      throw new JsonScanError(this.root === undefined ? 'empty message' : 'unexpected end of the JSON text', buf.length);
    }
    return this.result();
  }

  private reset(buf: Buffer): void {
    this.buf = buf;
    this.stack.length = 0;
    this.expect = Expect.Value;
    this.memberCount = 0;
    this.root = undefined;
    this.rootIsArray = false;
    this.elements = undefined;
    this.members = undefined;
    this.elementMembers = undefined;
  }

  private result(): JsonScan {
    const root = this.root as ScannedValue;
    const elements = this.elements;
    const memberCount = this.memberCount;
    this.root = undefined;
    this.elements = undefined;
    this.members = undefined;
    this.elementMembers = undefined;
    return elements === undefined ? { root, memberCount } : { root, elements, memberCount };
  }

  private get memberDepth(): number {
    return this.rootIsArray ? 2 : 1;
  }

  private walk(): void {
    const buf = this.buf;
    const length = buf.length;
    const stack = this.stack;
    let i = 0;
    while (i < length) {
      const c = buf[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      switch (this.expect) {
        case Expect.Nothing:
          throw new JsonScanError('unexpected data after the JSON value', i);

        case Expect.ValueOrCloseArray:
        case Expect.Value: {
          if (c === CLOSE_ARRAY && this.expect === Expect.ValueOrCloseArray) {
            i = this.close(i);
            break;
          }
          this.valueStarts(c, i);
          if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
            if (stack.length >= MAX_JSON_DEPTH) throw new JsonScanError(`nesting deeper than ${MAX_JSON_DEPTH} levels`, i);
            stack.push(c);
            this.expect = c === OPEN_OBJECT ? Expect.KeyOrCloseObject : Expect.ValueOrCloseArray;
            i++;
            break;
          }
          if (c === QUOTE) i = stringEnd(buf, i) + 1;
          else if (c === MINUS || (c >= ZERO && c <= NINE)) i = numberEnd(buf, i);
          else i = literalEnd(buf, i);
          this.valueEnded(i);
          break;
        }

        case Expect.KeyOrCloseObject:
        case Expect.Key: {
          if (c === CLOSE_OBJECT && this.expect === Expect.KeyOrCloseObject) {
            i = this.close(i);
            break;
          }
          if (c !== QUOTE) throw new JsonScanError('expected a string key', i);
          const close = stringEnd(buf, i);
          this.memberCount++;
          if (stack.length === this.memberDepth && this.members !== undefined) this.key = decodeString(buf, i, close);
          i = close + 1;
          this.expect = Expect.Colon;
          break;
        }

        case Expect.Colon:
          if (c !== COLON) throw new JsonScanError("expected ':' after a key", i);
          this.expect = Expect.Value;
          i++;
          break;

        case Expect.CommaOrClose: {
          const container = stack[stack.length - 1];
          if (c === COMMA) {
            this.expect = container === OPEN_OBJECT ? Expect.Key : Expect.Value;
            i++;
          } else if ((c === CLOSE_OBJECT && container === OPEN_OBJECT) || (c === CLOSE_ARRAY && container === OPEN_ARRAY)) {
            i = this.close(i);
          } else {
            throw new JsonScanError(container === OPEN_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'", i);
          }
          break;
        }
      }
    }
  }

  /** A value begins at `at` with the byte `c`, at the current depth. */
  private valueStarts(c: number, at: number): void {
    const depth = this.stack.length;
    if (depth === 0) {
      this.rootIsArray = c === OPEN_ARRAY;
      const root: ScannedValue = { start: at, end: -1 };
      if (c === OPEN_OBJECT) this.members = root.members = [];
      if (this.rootIsArray) this.elements = [];
      this.root = root;
    } else if (this.rootIsArray && depth === 1) {
      this.elementStart = at;
      this.elementMembers = c === OPEN_OBJECT ? [] : undefined;
      this.members = this.elementMembers;
    } else if (depth === this.memberDepth && this.stack[depth - 1] === OPEN_OBJECT) {
      this.memberValueStart = at;
    }
  }

  private close(at: number): number {
    this.stack.pop();
    this.valueEnded(at + 1);
    return at + 1;
  }

  /** A value that began at the current depth ended just before `end`. */
  private valueEnded(end: number): void {
    const depth = this.stack.length;
    if (depth === 0) {
      (this.root as ScannedValue).end = end;
      this.expect = Expect.Nothing;
      return;
    }
    this.expect = Expect.CommaOrClose;
    if (depth === this.memberDepth && this.stack[depth - 1] === OPEN_OBJECT && this.members !== undefined) {
      this.members.push({ key: this.key, valueStart: this.memberValueStart, valueEnd: end });
    } else if (this.rootIsArray && depth === 1) {
      const element: ScannedValue = { start: this.elementStart, end };
      if (this.elementMembers !== undefined) element.members = this.elementMembers;
      (this.elements as ScannedValue[]).push(element);
      this.members = undefined;
    }
  }
}

const EMPTY = Buffer.alloc(0);
const scanner = new JsonScanner();

/** The index of the quote that closes the string opened at `open`. */
export function stringEnd(buf: Buffer, open: number): number {
  let j = open + 1;
  // short strings: a byte loop beats a native call
  const fastEnd = Math.min(buf.length, j + 48);
  while (j < fastEnd) {
    const b = buf[j];
    if (b === QUOTE) return j;
    j += b === BACKSLASH ? 2 : 1;
  }
  // j sits on a character boundary here, never inside an escape
  for (;;) {
    const quote = buf.indexOf(QUOTE, j);
    if (quote === -1) throw new JsonScanError('unterminated string', open);
    let k = quote - 1;
    while (k >= j && buf[k] === BACKSLASH) k--;
    if ((quote - 1 - k) % 2 === 0) return quote;
    j = quote + 1;
  }
}

/** Decodes the string between the quotes at `open` and `close` (escapes included). */
export function decodeString(buf: Buffer, open: number, close: number): string {
  for (let j = open + 1; j < close; j++) {
    if (buf[j] === BACKSLASH) {
      try {
        return JSON.parse(buf.toString('utf8', open, close + 1)) as string;
      } catch {
        throw new JsonScanError('invalid escape sequence in a string', open);
      }
    }
  }
  return buf.toString('utf8', open + 1, close);
}

function numberEnd(buf: Buffer, start: number): number {
  let j = start;
  if (buf[j] === MINUS) j++;
  if (buf[j] === ZERO) j++;
  else if (buf[j] > ZERO && buf[j] <= NINE) j = digitsEnd(buf, j);
  else throw new JsonScanError('invalid number', start);
  if (buf[j] === DOT) {
    if (!isDigit(buf[j + 1])) throw new JsonScanError('invalid number', start);
    j = digitsEnd(buf, j + 1);
  }
  if (buf[j] === 0x65 || buf[j] === 0x45) {
    j++;
    if (buf[j] === PLUS || buf[j] === MINUS) j++;
    if (!isDigit(buf[j])) throw new JsonScanError('invalid number', start);
    j = digitsEnd(buf, j);
  }
  return j;
}

function digitsEnd(buf: Buffer, j: number): number {
  while (isDigit(buf[j])) j++;
  return j;
}

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= ZERO && b <= NINE;
}

function literalEnd(buf: Buffer, start: number): number {
  const literal = LITERALS[buf[start]];
  if (literal === undefined || !buf.subarray(start, start + literal.length).equals(literal)) {
    throw new JsonScanError('unexpected character', start);
  }
  return start + literal.length;
}
