import { isObject } from './operands.js';
import { compareStrings, formatNumber } from './values.js';

/*
 * JSON text as Go's encoding/json writes it, which is what OPA produces: keys
 * sorted, <, > and & escaped as \u003c \u003e \u0026, U+2028/U+2029 escaped.
 */

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += ch + s[++i];
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

export interface IndentOptions {
  prefix: string;
  indent: string;
}

/** Compact JSON, or indented like Go's MarshalIndent when options are given. */
export function goJson(value: unknown, indent?: IndentOptions, depth = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return quote(value);
  const nl = (d: number) => (indent ? `\n${indent.prefix}${indent.indent.repeat(d)}` : '');
  const colon = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => nl(depth + 1) + goJson(v, indent, depth + 1)).join(',')}${nl(depth)}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    if (keys.length === 0) return '{}';
    return `{${keys.map((k) => nl(depth + 1) + quote(k) + colon + goJson(value[k], indent, depth + 1)).join(',')}${nl(depth)}}`;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}

/** JSON.parse with Go-style wording for the common failures. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    if (text.trim() === '' || /end of (JSON )?input|Unterminated/.test(message)) throw new Error('unexpected end of JSON input');
    throw new Error(`invalid character: ${message}`);
  }
}
