// JSON text -> values. Iterative (an explicit stack of open containers), so
// nesting depth is bounded by memory, not by the Wasm call stack. Strings
// without escapes reference the JSON bytes instead of copying them. Results of
// host builtins are tagged JSON (sets and big integers, see host-call.as.ts).
import { malloc } from "./heap.as";
import { FALSE, NULL, TRUE, T_ARRAY, T_STRING, typeOf } from "./values.as";
import { stringAlloc, stringRef, strLen, strPtr, utf8Encode, STRING_SIZE } from "./string.as";
import { numFromJsonText } from "./number.as";
import { arrGet, arrLen, arrNew, arrPush } from "./array.as";
import { objectNew, setAdd, setNew, tableCount, tableInsert } from "./table.as";

let end: u32 = 0;
let pos: u32 = 0;
let tagged = false;

// @ts-ignore: decorator
@inline function peek(): u32 {
  return pos < end ? <u32>load<u8>(pos) : 0;
}

// What a key starting with U+0000 is in tagged JSON. The two tags stand in for
// the pending key of their frame (no string value lives at address 1 or 2).
const KEY_PLAIN: u32 = 0;
const TAG_SET: u32 = 1;
const TAG_INT: u32 = 2;
const KEY_ESCAPED: u32 = 3;
const KEY_INVALID: u32 = 4;

function keyKind(k: u32): u32 {
  const n = strLen(k);
  const p = strPtr(k);
  if (n == 0 || load<u8>(p) != 0) return KEY_PLAIN;
  if (n >= 2 && load<u8>(p + 1) == 0) return KEY_ESCAPED;
  if (n != 4) return KEY_INVALID;
  const rest = load<u32>(p) >>> 8;
  if (rest == 0x746573) return TAG_SET; // "set"
  if (rest == 0x746e69) return TAG_INT; // "int"
  return KEY_INVALID;
}

/** The set or number a tagged object's member stands for; 0 if malformed. */
function untag(tag: u32, v: u32): u32 {
  if (tag == TAG_SET) {
    if (typeOf(v) != T_ARRAY) return 0;
    const s = setNew();
    const n = arrLen(v);
    for (let i: u32 = 0; i < n; i++) setAdd(s, arrGet(v, i));
    return s;
  }
  if (typeOf(v) != T_STRING) return 0;
  const savedPos = pos;
  const savedEnd = end;
  pos = strPtr(v);
  end = pos + strLen(v);
  const num = parseNumber();
  const whole = num != 0 && pos == end;
  pos = savedPos;
  end = savedEnd;
  return whole ? num : 0;
}

function skipWs(): void {
  while (pos < end) {
    const c = load<u8>(pos);
    if (c != 32 && c != 10 && c != 13 && c != 9) return;
    pos++;
  }
}

function hexDigit(c: u32): i32 {
  if (c - 48 < 10) return <i32>(c - 48);
  const l = c | 32;
  if (l - 97 < 6) return <i32>(l - 87);
  return -1;
}

/** Reads 4 hex digits at pos; -1 if malformed. */
function hex4(): i32 {
  if (pos + 4 > end) return -1;
  let v: i32 = 0;
  for (let i: u32 = 0; i < 4; i++) {
    const d = hexDigit(load<u8>(pos + i));
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  pos += 4;
  return v;
}

/** Parses a string; pos is at the opening quote. 0 on error. */
function parseString(): u32 {
  pos++;
  const start = pos;
  while (pos < end) {
    const c = load<u8>(pos);
    if (c == 34) {
      const s = stringRef(start, pos - start);
      pos++;
      return s;
    }
    if (c == 92) break;
    if (c < 32) return 0;
    pos++;
  }
  if (pos >= end) return 0;
  // escapes: decode into a new string (never longer than the raw text)
  let scan = pos;
  while (scan < end && load<u8>(scan) != 34) scan += load<u8>(scan) == 92 ? 2 : 1;
  if (scan >= end) return 0;
  const s = stringAlloc(scan - start);
  let out = s + STRING_SIZE;
  memory.copy(out, start, pos - start);
  out += pos - start;
  while (true) {
    if (pos >= end) return 0;
    const c = <u32>load<u8>(pos);
    if (c == 34) break;
    if (c < 32) return 0;
    if (c != 92) {
      store<u8>(out++, <u8>c);
      pos++;
      continue;
    }
    pos++;
    if (pos >= end) return 0;
    const e = <u32>load<u8>(pos);
    pos++;
    switch (e) {
      case 34: case 92: case 47:
        store<u8>(out++, <u8>e);
        break;
      case 98:
        store<u8>(out++, 8);
        break;
      case 102:
        store<u8>(out++, 12);
        break;
      case 110:
        store<u8>(out++, 10);
        break;
      case 114:
        store<u8>(out++, 13);
        break;
      case 116:
        store<u8>(out++, 9);
        break;
      case 117: {
        let cp = hex4();
        if (cp < 0) return 0;
        if (cp >= 0xd800 && cp < 0xdc00) {
          // a high surrogate: combine with a following low surrogate, else U+FFFD
          if (pos + 6 <= end && load<u8>(pos) == 92 && load<u8>(pos + 1) == 117) {
            const save = pos;
            pos += 2;
            const lo = hex4();
            if (lo >= 0xdc00 && lo < 0xe000) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else {
              pos = save;
              cp = 0xfffd;
            }
          } else cp = 0xfffd;
        } else if (cp >= 0xdc00 && cp < 0xe000) {
          cp = 0xfffd;
        }
        out += utf8Encode(out, <u32>cp);
        break;
      }
      default:
        return 0;
    }
  }
  pos++;
  store<u32>(s, out - (s + STRING_SIZE), 4);
  return s;
}

function isDigit(c: u32): bool {
  return c - 48 < 10;
}

function parseNumber(): u32 {
  const start = pos;
  if (peek() == 45) pos++;
  if (peek() == 48) {
    pos++;
  } else {
    if (!isDigit(peek())) return 0;
    while (isDigit(peek())) pos++;
  }
  if (peek() == 46) {
    pos++;
    if (!isDigit(peek())) return 0;
    while (isDigit(peek())) pos++;
  }
  if ((peek() | 32) == 101) {
    pos++;
    if (peek() == 43 || peek() == 45) pos++;
    if (!isDigit(peek())) return 0;
    while (isDigit(peek())) pos++;
  }
  return numFromJsonText(start, pos - start);
}

function literal(word: string, value: u32): u32 {
  const n = <u32>word.length;
  if (pos + n > end) return 0;
  for (let i: u32 = 0; i < n; i++) if (<u32>load<u8>(pos + i) != <u32>word.charCodeAt(i)) return 0;
  pos += n;
  return value;
}

// The stack of open containers: frames of [container, pending object key].
let stack: u32 = 0;
let stackCap: u32 = 0;
let depth: u32 = 0;

function push(container: u32): void {
  if (depth == stackCap) {
    const cap = stackCap == 0 ? 32 : stackCap * 2;
    const s = malloc(cap << 3);
    if (depth > 0) memory.copy(s, stack, depth << 3);
    stack = s;
    stackCap = cap;
  }
  store<u32>(stack + (depth << 3), container);
  store<u32>(stack + (depth << 3), 0, 4);
  depth++;
}

/** Parses `"key" :` into the top frame. */
function parseKey(): bool {
  skipWs();
  if (peek() != 34) return false;
  let k = parseString();
  if (k == 0) return false;
  if (tagged) {
    const kind = keyKind(k);
    if (kind == KEY_ESCAPED) k = stringRef(strPtr(k) + 1, strLen(k) - 1);
    else if (kind == KEY_INVALID) return false;
    else if (kind != KEY_PLAIN) {
      // a tag is the first and only member of its object
      if (tableCount(load<u32>(stack + ((depth - 1) << 3))) != 0) return false;
      k = kind;
    }
  }
  skipWs();
  if (peek() != 58) return false;
  pos++;
  store<u32>(stack + ((depth - 1) << 3), k, 4);
  return true;
}

/** Parses JSON text at [p, p+n); returns the value, or 0 if the text is not valid JSON. */
export function jsonParse(p: u32, n: u32, taggedJson: bool = false): u32 {
  end = p + n;
  pos = p;
  tagged = taggedJson;
  depth = 0;
  stack = 0;
  stackCap = 0;
  while (true) {
    // a value starts here
    skipWs();
    let v: u32 = 0;
    const c = peek();
    if (c == 123) {
      pos++;
      const o = objectNew();
      skipWs();
      if (peek() == 125) {
        pos++;
        v = o;
      } else {
        push(o);
        if (!parseKey()) return 0;
        continue;
      }
    } else if (c == 91) {
      pos++;
      const a = arrNew(4);
      skipWs();
      if (peek() == 93) {
        pos++;
        v = a;
      } else {
        push(a);
        continue;
      }
    } else if (c == 34) {
      v = parseString();
    } else if (c == 116) {
      v = literal("true", TRUE);
    } else if (c == 102) {
      v = literal("false", FALSE);
    } else if (c == 110) {
      v = literal("null", NULL);
    } else {
      v = parseNumber();
    }
    if (v == 0) return 0;
    // deliver v to the open containers, closing those that end here
    while (true) {
      if (depth == 0) {
        skipWs();
        return pos == end ? v : 0;
      }
      const frame = stack + ((depth - 1) << 3);
      const container = load<u32>(frame);
      const isArray = load<u8>(container) == <u8>T_ARRAY;
      const key = load<u32>(frame, 4);
      if (!isArray && key <= TAG_INT) {
        v = untag(key, v);
        skipWs();
        if (v == 0 || peek() != 125) return 0;
        pos++;
        depth--;
        continue;
      }
      if (isArray) arrPush(container, v);
      else tableInsert(container, key, v);
      skipWs();
      const d = peek();
      if (d == 44) {
        pos++;
        if (!isArray && !parseKey()) return 0;
        break;
      }
      if (d == (isArray ? 93 : 125)) {
        pos++;
        depth--;
        v = container;
        continue;
      }
      return 0;
    }
  }
}
