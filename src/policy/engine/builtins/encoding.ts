import { builtinError, typeError } from './errors.js';
import { ensureObject, ensureString, typeNameOf } from './operands.js';
import { compareStrings } from './values.js';

/*
 * base64 / base64url / hex / URL query encodings with Go's strictness: the
 * standard base64 decoder requires padding and rejects stray characters.
 * Decoded bytes become a UTF-8 string.
 */

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_BASE64 = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/;
const RAW_URL_BASE64 = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;

function illegalAt(s: string, alphabet: RegExp): number {
  for (let i = 0; i < s.length; i++) if (!alphabet.test(s[i])) return i;
  return s.length;
}

function base64Encode(value: unknown): string {
  return Buffer.from(ensureString('base64.encode', 1, value), 'utf8').toString('base64');
}

function base64Decode(value: unknown): string {
  const s = ensureString('base64.decode', 1, value);
  if (!STD_BASE64.test(s)) throw builtinError('base64.decode', `illegal base64 data at input byte ${illegalAt(s, /[A-Za-z0-9+/]/)}`);
  return Buffer.from(s, 'base64').toString('utf8');
}

function base64IsValid(value: unknown): boolean {
  return STD_BASE64.test(ensureString('base64.is_valid', 1, value));
}

function base64UrlEncode(value: unknown): string {
  return Buffer.from(ensureString('base64url.encode', 1, value), 'utf8').toString('base64url').padEnd(Math.ceil(Buffer.byteLength(value as string) / 3) * 4, '=');
}

function base64UrlEncodeNoPad(value: unknown): string {
  return Buffer.from(ensureString('base64url.encode_no_pad', 1, value), 'utf8').toString('base64url');
}

/** Padded or unpadded URL-safe base64. */
export function decodeBase64Url(builtin: string, s: string): Buffer {
  if (!URL_BASE64.test(s) && !RAW_URL_BASE64.test(s)) throw builtinError(builtin, `illegal base64 data at input byte ${illegalAt(s, /[A-Za-z0-9_-]/)}`);
  return Buffer.from(s, 'base64url');
}

function base64UrlDecode(value: unknown): string {
  return decodeBase64Url('base64url.decode', ensureString('base64url.decode', 1, value)).toString('utf8');
}

function hexEncode(value: unknown): string {
  return Buffer.from(ensureString('hex.encode', 1, value), 'utf8').toString('hex');
}

function hexDecode(value: unknown): string {
  const s = ensureString('hex.decode', 1, value);
  const bad = /[^0-9a-fA-F]/.exec(s);
  if (bad) {
    const cp = bad[0].codePointAt(0)!;
    throw builtinError('hex.decode', `encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(bad[0]).replace(/^"|"$/g, "'")}`);
  }
  if (s.length % 2 !== 0) throw builtinError('hex.decode', 'encoding/hex: odd length hex string');
  return Buffer.from(s, 'hex').toString('utf8');
}

/** Go's url.QueryEscape: unreserved characters kept, space as '+', everything else %XX of its UTF-8 bytes. */
function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's url.QueryUnescape. */
function queryUnescape(builtin: string, s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw builtinError(builtin, `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function urlqueryEncode(value: unknown): string {
  return queryEscape(ensureString('urlquery.encode', 1, value));
}

function urlqueryDecode(value: unknown): string {
  return queryUnescape('urlquery.decode', ensureString('urlquery.decode', 1, value));
}

/** Keys sorted, each value (a string, or each element of an array or set) as key=value. */
function urlqueryEncodeObject(value: unknown): string {
  const obj = ensureObject('urlquery.encode_object', 1, value);
  const pairs: string[] = [];
  for (const key of Object.keys(obj).sort(compareStrings)) {
    const v = obj[key];
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (values === undefined || values.some((x) => typeof x !== 'string')) {
      throw typeError('urlquery.encode_object', `operand 1 must be object of strings, arrays or sets of strings but got object containing ${typeNameOf(v)}`);
    }
    for (const x of values as string[]) pairs.push(`${queryEscape(key)}=${queryEscape(x)}`);
  }
  return pairs.join('&');
}

/** Go's url.ParseQuery: pairs split on '&', each key mapped to all its values. */
function urlqueryDecodeObject(value: unknown): Record<string, string[]> {
  const s = ensureString('urlquery.decode_object', 1, value);
  const out: Record<string, string[]> = {};
  for (const pair of s.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) throw builtinError('urlquery.decode_object', 'invalid semicolon separator in query');
    const eq = pair.indexOf('=');
    const key = queryUnescape('urlquery.decode_object', eq === -1 ? pair : pair.slice(0, eq));
    const val = eq === -1 ? '' : queryUnescape('urlquery.decode_object', pair.slice(eq + 1));
    (out[key] ??= []).push(val);
  }
  return out;
}

export const encodingBuiltins = {
  'base64.encode': base64Encode,
  'base64.decode': base64Decode,
  'base64.is_valid': base64IsValid,
  'base64url.encode': base64UrlEncode,
  'base64url.encode_no_pad': base64UrlEncodeNoPad,
  'base64url.decode': base64UrlDecode,
  'hex.encode': hexEncode,
  'hex.decode': hexDecode,
  'urlquery.encode': urlqueryEncode,
  'urlquery.decode': urlqueryDecode,
  'urlquery.encode_object': urlqueryEncodeObject,
  'urlquery.decode_object': urlqueryDecodeObject,
};
