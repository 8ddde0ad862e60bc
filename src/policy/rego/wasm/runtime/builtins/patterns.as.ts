// regex.match and glob.match, compiled once per instance (regex/) and matched
// in linear time. Patterns the runtime does not support (Unicode classes,
// invalid syntax) and non-string operands go to the host implementation, whose
// id the emitter passes as the first argument.
import { T_ARRAY, T_NULL, T_STRING, boolValue, typeOf } from "../values.as";
import { strLen, strPtr } from "../string.as";
import { arrGet, arrLen } from "../array.as";
import { bufByte, bufBytes, bufLen, bufNew, bufPtr } from "../buffer.as";
import { hostCall2, hostCall3 } from "../host-call.as";
import { HOST, cacheFlush, cacheGet, cachePut, entryCompiled, entryKey } from "../regex/cache.as";
import { permanentEnd, persistEpoch } from "../persist.as";
import { parseRegex } from "../regex/syntax.as";
import { compileRegex, outOfSpace } from "../regex/program.as";
import { regexMatches } from "../regex/dfa.as";
import { globToRegex } from "../regex/glob.as";

const KIND_REGEX: u32 = 0x52; // 'R'
const KIND_GLOB: u32 = 0x47; // 'G'

// Patterns that are policy constants have permanent addresses: a direct-mapped
// cache by address skips building and hashing the key on every call.
// slot: [u32 patternAddr][u32 epoch][u32 compiled][u32 glob delimiters][u32 delimitersLen][u32 kind]
const FAST_SLOTS: u32 = 64;
const FAST_SIZE: u32 = 24;
const fast = memory.data(64 * 24);

function fastSlot(pattern: u32): u32 {
  return <u32>fast + ((pattern >>> 4) & (FAST_SLOTS - 1)) * FAST_SIZE;
}

function fastGet(kind: u32, pattern: u32): u32 {
  if (pattern >= permanentEnd) return 0;
  const slot = fastSlot(pattern);
  if (load<u32>(slot) != pattern || load<u32>(slot, 4) != persistEpoch || load<u32>(slot, 20) != kind) return 0;
  return slot;
}

function fastPut(kind: u32, pattern: u32, compiled: u32, delims: u32, delimsLen: u32): void {
  if (pattern >= permanentEnd) return;
  const slot = fastSlot(pattern);
  store<u32>(slot, kind, 20);
  store<u32>(slot, pattern);
  store<u32>(slot, persistEpoch, 4);
  store<u32>(slot, compiled, 8);
  store<u32>(slot, delims, 12);
  store<u32>(slot, delimsLen, 16);
}

/** Whether the glob delimiters operand means the recorded delimiter characters. */
function sameDelimiters(delimiters: u32, recorded: u32, n: u32): bool {
  const t = typeOf(delimiters);
  if (t == T_NULL) return n == 0;
  if (t != T_ARRAY) return false;
  const count = arrLen(delimiters);
  if (count == 0) return n == 1 && load<u8>(recorded) == 46;
  let at: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const d = arrGet(delimiters, i);
    if (typeOf(d) != T_STRING) return false;
    const len = strLen(d);
    if (at + len > n || memory.compare(recorded + at, strPtr(d), len) != 0) return false;
    at += len;
  }
  return at == n;
}

/** The cache entry of the compiled regex for source text (compiled may be HOST); 0 if it cannot be cached. */
function compiled(key: u32, keyLen: u32, src: u32, n: u32): u32 {
  const known = cacheGet(key, keyLen);
  if (known != 0) return known;
  for (let attempt = 0; attempt < 2; attempt++) {
    const ast = parseRegex(src, n);
    const re = ast == 0 ? HOST : compileRegex(ast);
    if (re == 0 && outOfSpace) {
      cacheFlush();
      continue;
    }
    const entry = cachePut(key, keyLen, re == 0 ? HOST : re);
    if (entry == 0) {
      cacheFlush();
      continue;
    }
    return entry;
  }
  return 0;
}

export function bi_regex_match(host: i32, pattern: u32, value: u32): u32 {
  if (typeOf(pattern) != T_STRING || typeOf(value) != T_STRING) return hostCall2(host, pattern, value);
  let re: u32;
  const slot = fastGet(KIND_REGEX, pattern);
  if (slot != 0) {
    re = load<u32>(slot, 8);
  } else {
    const b = bufNew(strLen(pattern) + 1);
    bufByte(b, KIND_REGEX);
    bufBytes(b, strPtr(pattern), strLen(pattern));
    const entry = compiled(bufPtr(b), bufLen(b), strPtr(pattern), strLen(pattern));
    re = entry == 0 ? HOST : entryCompiled(entry);
    if (entry != 0) fastPut(KIND_REGEX, pattern, re, 0, 0);
  }
  if (re == HOST) return hostCall2(host, pattern, value);
  return boolValue(regexMatches(re, strPtr(value), strLen(value)));
}

export function bi_glob_match(host: i32, pattern: u32, delimiters: u32, value: u32): u32 {
  if (typeOf(pattern) != T_STRING || typeOf(value) != T_STRING) return hostCall3(host, pattern, delimiters, value);
  const slot = fastGet(KIND_GLOB, pattern);
  let re: u32 = 0;
  if (slot != 0 && sameDelimiters(delimiters, load<u32>(slot, 12), load<u32>(slot, 16))) {
    re = load<u32>(slot, 8);
  } else {
    // the key: kind, delimiter characters, 0xff (never in UTF-8), pattern
    const b = bufNew(strLen(pattern) + 16);
    bufByte(b, KIND_GLOB);
    const dt = typeOf(delimiters);
    if (dt == T_ARRAY) {
      const n = arrLen(delimiters);
      if (n == 0) bufByte(b, 46);
      for (let i: u32 = 0; i < n; i++) {
        const d = arrGet(delimiters, i);
        if (typeOf(d) != T_STRING) return hostCall3(host, pattern, delimiters, value);
        bufBytes(b, strPtr(d), strLen(d));
      }
    } else if (dt != T_NULL) {
      return hostCall3(host, pattern, delimiters, value);
    }
    const delimsLen = bufLen(b) - 1;
    bufByte(b, 0xff);
    bufBytes(b, strPtr(pattern), strLen(pattern));
    const key = bufPtr(b);
    const keyLen = bufLen(b);
    let entry = cacheGet(key, keyLen);
    if (entry == 0) {
      const rx = globToRegex(strPtr(pattern), strLen(pattern), key + 1, delimsLen);
      entry = rx == 0 ? cachePut(key, keyLen, HOST) : compiled(key, keyLen, bufPtr(rx), bufLen(rx));
    }
    re = entry == 0 ? HOST : entryCompiled(entry);
    if (entry != 0) fastPut(KIND_GLOB, pattern, re, entryKey(entry) + 1, delimsLen);
  }
  if (re == HOST) return hostCall3(host, pattern, delimiters, value);
  return boolValue(regexMatches(re, strPtr(value), strLen(value)));
}
