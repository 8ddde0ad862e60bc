import { createHash } from 'node:crypto';
import type { JsonValue } from './json-safe.js';
import { isSecretKeyName } from './secret-key-names.js';
import { redactSecretsInText } from './secret-value-matcher.js';

export const REDACTED = '[REDACTED]';

export interface RedactionOptions {
  /** More key names whose values are always redacted (matched like the built-in ones, as a suffix of the compact key). */
  extraKeys?: readonly string[];
  /** Strings longer than this (after redaction) keep a prefix, their length and their SHA-256. */
  maxStringLength?: number;
}

export interface Redaction {
  /** JSON path of keys and indexes, as in findings. */
  path: Array<string | number>;
  /** "key": the key names a credential; "value": secret-looking text; "truncated": too long to log whole. */
  by: 'key' | 'value' | 'truncated';
  kinds?: string[];
}

export interface RedactedValue {
  value: JsonValue;
  redactions: Redaction[];
}

const DEFAULT_MAX_STRING_LENGTH = 8192;
const TRUNCATED_PREFIX_LENGTH = 256;

/**
 * Redacts credentials from tool arguments (or identity claims) before they are
 * logged: values under credential-like keys, secret-looking substrings
 * anywhere, and JSON documents serialized inside strings (whose keys count too).
 */
export function redactForAudit(value: JsonValue, options: RedactionOptions = {}): RedactedValue {
  const redactions: Redaction[] = [];
  const redacted = walk(value, [], options, redactions, 0);
  return { value: redacted, redactions };
}

function walk(
  value: JsonValue,
  path: Array<string | number>,
  options: RedactionOptions,
  redactions: Redaction[],
  jsonDepth: number,
): JsonValue {
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], options, redactions, jsonDepth));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [rawKey, item] of Object.entries(value)) {
      const key = redactKey(rawKey, out, path, redactions);
      if (isSecretKeyName(rawKey, options.extraKeys) && item !== null && item !== '') {
        out[key] = REDACTED;
        redactions.push({ path: [...path, key], by: 'key' });
      } else {
        out[key] = walk(item, [...path, key], options, redactions, jsonDepth);
      }
    }
    return out;
  }
  if (typeof value === 'string') return redactString(value, path, options, redactions, jsonDepth);
  return value;
}

/** A key can be a secret too ({"ghp_...": true}); a redacted key keeps its siblings distinct. */
function redactKey(key: string, siblings: object, path: Array<string | number>, redactions: Redaction[]): string {
  const found = redactSecretsInText(key);
  if (found.kinds.length === 0) return key;
  let unique = found.text;
  for (let n = 2; Object.hasOwn(siblings, unique); n++) unique = `${found.text}#${n}`;
  redactions.push({ path: [...path, unique], by: 'value', kinds: [...new Set(found.kinds)] });
  return unique;
}

function redactString(
  text: string,
  path: Array<string | number>,
  options: RedactionOptions,
  redactions: Redaction[],
  jsonDepth: number,
): string {
  const embedded = jsonDepth < 4 ? parseEmbeddedJson(text) : undefined;
  let result = text;
  if (embedded !== undefined) {
    const inner: Redaction[] = [];
    const redacted = walk(embedded, [], options, inner, jsonDepth + 1);
    if (inner.length > 0) {
      result = JSON.stringify(redacted);
      redactions.push({ path, by: 'value', kinds: ['embedded-json'] });
    }
  } else {
    const found = redactSecretsInText(text);
    if (found.kinds.length > 0) {
      result = found.text;
      redactions.push({ path, by: 'value', kinds: [...new Set(found.kinds)] });
    }
  }
  const max = options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH;
  if (result.length > max) {
    const digest = createHash('sha256').update(result, 'utf8').digest('hex');
    redactions.push({ path, by: 'truncated' });
    return `${result.slice(0, TRUNCATED_PREFIX_LENGTH)}…[TRUNCATED: ${result.length} chars, sha256:${digest}]`;
  }
  return result;
}

function parseEmbeddedJson(text: string): JsonValue | undefined {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') && trimmed.endsWith('}')) && !(trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    return undefined;
  }
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return undefined;
  }
}
