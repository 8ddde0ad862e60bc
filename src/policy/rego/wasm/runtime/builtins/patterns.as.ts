// regex.match and glob.match, compiled once per instance (regex/) and matched
// in linear time. Patterns the runtime does not support (Unicode classes,
// invalid syntax) and non-string operands go to the host implementation, whose
// id the emitter passes as the first argument.
import { T_ARRAY, T_NULL, T_STRING, boolValue, typeOf } from "../values.as";
import { strLen, strPtr } from "../string.as";
import { arrGet, arrLen } from "../array.as";
import { bufByte, bufBytes, bufLen, bufNew, bufPtr } from "../buffer.as";
import { opa_builtin2, opa_builtin3 } from "../env.as";
import { HOST, cacheFlush, cacheGet, cachePut } from "../regex/cache.as";
import { parseRegex } from "../regex/syntax.as";
import { compileRegex, outOfSpace } from "../regex/program.as";
import { regexMatches } from "../regex/dfa.as";
import { globToRegex } from "../regex/glob.as";

const KIND_REGEX: u32 = 0x52; // 'R'
const KIND_GLOB: u32 = 0x47; // 'G'

/** The compiled regex for source text, or HOST. key: the cache key. */
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
    const result = re == 0 ? HOST : re;
    if (!cachePut(key, keyLen, result)) {
      cacheFlush();
      continue;
    }
    return result;
  }
  return HOST;
}

export function bi_regex_match(host: i32, pattern: u32, value: u32): u32 {
  if (typeOf(pattern) != T_STRING || typeOf(value) != T_STRING) return opa_builtin2(host, 0, pattern, value);
  const b = bufNew(strLen(pattern) + 1);
  bufByte(b, KIND_REGEX);
  bufBytes(b, strPtr(pattern), strLen(pattern));
  const re = compiled(bufPtr(b), bufLen(b), strPtr(pattern), strLen(pattern));
  if (re == HOST) return opa_builtin2(host, 0, pattern, value);
  return boolValue(regexMatches(re, strPtr(value), strLen(value)));
}

export function bi_glob_match(host: i32, pattern: u32, delimiters: u32, value: u32): u32 {
  if (typeOf(pattern) != T_STRING || typeOf(value) != T_STRING) return opa_builtin3(host, 0, pattern, delimiters, value);
  // the key: kind, delimiter characters, 0xff (never in UTF-8), pattern
  const b = bufNew(strLen(pattern) + 16);
  bufByte(b, KIND_GLOB);
  const dt = typeOf(delimiters);
  if (dt == T_ARRAY) {
    const n = arrLen(delimiters);
    if (n == 0) bufByte(b, 46);
    for (let i: u32 = 0; i < n; i++) {
      const d = arrGet(delimiters, i);
      if (typeOf(d) != T_STRING) return opa_builtin3(host, 0, pattern, delimiters, value);
      bufBytes(b, strPtr(d), strLen(d));
    }
  } else if (dt != T_NULL) {
    return opa_builtin3(host, 0, pattern, delimiters, value);
  }
  const delimsLen = bufLen(b) - 1;
  bufByte(b, 0xff);
  bufBytes(b, strPtr(pattern), strLen(pattern));
  const key = bufPtr(b);
  const keyLen = bufLen(b);
  let re = cacheGet(key, keyLen);
  if (re == 0) {
    const rx = globToRegex(strPtr(pattern), strLen(pattern), key + 1, delimsLen);
    re = rx == 0 ? HOST : compiled(key, keyLen, bufPtr(rx), bufLen(rx));
    if (rx == 0) cachePut(key, keyLen, HOST);
  }
  if (re == HOST) return opa_builtin3(host, 0, pattern, delimiters, value);
  return boolValue(regexMatches(re, strPtr(value), strLen(value)));
}
