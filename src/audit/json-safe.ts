/**
 * Turns any value an event builder receives into plain JSON that RFC 8785
 * canonicalization accepts. Tool arguments come from untrusted clients: a lone
 * UTF-16 surrogate ("\ud800" is valid JSON) or a NaN must not make an event
 * impossible to hash, or an attacker could switch the audit log off.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 64;
export const DEPTH_MARKER = '[TRUNCATED: nested deeper than 64 levels]';

export function toWellFormed(text: string): string {
  // Replaces every unpaired surrogate with U+FFFD, leaving valid pairs intact.
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function toJsonSafe(value: unknown, depth = 0, seen = new Set<object>()): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return toWellFormed(value);
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= MAX_DEPTH) return DEPTH_MARKER;
  if (seen.has(value)) return '[CIRCULAR]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => toJsonSafe(item, depth + 1, seen));
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out[toWellFormed(key)] = toJsonSafe(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
