import { RegoSet } from './rego-set.js';
import { toSet } from './builtins/values.js';

/*
 * The values of a host builtin call, as toolgate's Wasm runtime passes them
 * (src/policy/rego/wasm/runtime/host-call.as.ts). The SDK JSON-decodes each
 * argument and JSON-encodes the result; in that JSON, toolgate's runtime tags
 * what plain JSON would lose:
 *   a set                        {"\u0000set": [elements]}
 *   an integer beyond 2^53       {"\u0000int": "digits"}   (arguments only)
 *   an object key starting with U+0000 gets one more U+0000 in front.
 * Bundles built by OPA itself send plain JSON (sets as arrays) and read plain
 * JSON back; `tagged` says which side the module is on.
 */

const MARK = '\u0000';
const SET_TAG = '\u0000set';
const INT_TAG = '\u0000int';

/** Thrown when tagged JSON breaks its own rules (a runtime bug, never a policy's doing). */
export class HostValueError extends Error {
  constructor(message: string) {
    super(`host builtin value: ${message}`);
    this.name = 'HostValueError';
  }
}

/**
 * An argument as a builtin sees it: tagged sets as RegoSet, tagged integers as
 * BigInt when the builtin takes exact integers (else the nearest double),
 * escaped keys restored. Decodes in place: the SDK's JSON.parse made the value
 * for this call alone.
 */
export function decodeArgument(value: unknown, exactIntegers: boolean): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeArgument(value[i], exactIntegers);
    return value;
  }
  const object = value as Record<string, unknown>;
  if (hasMarkedKey(object)) return decodeMarked(object, exactIntegers);
  for (const k in object) object[k] = decodeArgument(object[k], exactIntegers);
  return object;
}

function hasMarkedKey(object: Record<string, unknown>): boolean {
  for (const k in object) if (k.charCodeAt(0) === 0) return true;
  return false;
}

/** A tag, or (rare) an object with escaped keys: rebuilt in order, defined (not assigned) so no key can reach a prototype. */
function decodeMarked(object: Record<string, unknown>, exactIntegers: boolean): unknown {
  const keys = Object.keys(object);
  if (keys.length === 1 && keys[0] === SET_TAG) return decodeSet(object[SET_TAG], exactIntegers);
  if (keys.length === 1 && keys[0] === INT_TAG) return decodeInteger(object[INT_TAG], exactIntegers);
  const restored: Record<string, unknown> = {};
  for (const k of keys) {
    if (k.startsWith(MARK) && !k.startsWith(MARK + MARK)) throw new HostValueError(`unknown tag ${JSON.stringify(k)}`);
    const key = k.startsWith(MARK) ? k.slice(1) : k;
    Object.defineProperty(restored, key, { value: decodeArgument(object[k], exactIntegers), enumerable: true, writable: true, configurable: true });
  }
  return restored;
}

function decodeSet(elements: unknown, exactIntegers: boolean): RegoSet {
  if (!Array.isArray(elements)) throw new HostValueError('a tagged set must hold an array');
  const set = new RegoSet();
  for (const element of elements) set.push(decodeArgument(element, exactIntegers));
  return set;
}

const INTEGER_TEXT = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Beyond this many digits an exact integer means nothing to any builtin (int64 has 19), and 1e999999999 would exhaust memory. */
const MAX_EXACT_DIGITS = 40;

/** OPA's exact integers: "123456789012345678901", or in exponent form ("1e30", "1.5e20") when they are that big. */
function decodeInteger(text: unknown, exact: boolean): number | bigint {
  const m = typeof text === 'string' ? INTEGER_TEXT.exec(text) : null;
  if (!m) throw new HostValueError(`a tagged integer must hold its digits, not ${JSON.stringify(text)}`);
  const fraction = m[2] ?? '';
  const exponent = Number(m[3] ?? '0') - fraction.length;
  if (!exact || m[1].length + fraction.length + exponent > MAX_EXACT_DIGITS) return Number(text);
  const digits = BigInt(m[1] + fraction);
  if (exponent < 0 && digits % 10n ** BigInt(-exponent) !== 0n) throw new HostValueError(`${text} is not an integer`);
  const magnitude = exponent >= 0 ? digits * 10n ** BigInt(exponent) : digits / 10n ** BigInt(-exponent);
  return (text as string).startsWith('-') ? -magnitude : magnitude;
}

const encoder = new TextEncoder();

/**
 * A builtin's result as the JSON text the SDK loads into the module as it is
 * (undefined stays undefined): RegoSets tagged (sorted, deduplicated arrays
 * for OPA's runtime), BigInts as exact digits, keys escaped when tagged. An
 * ArrayBuffer result is JSON text already (see builtins/values.ts rawJson).
 */
export function encodeResult(value: unknown, tagged: boolean): ArrayBuffer | undefined {
  if (value === undefined) return undefined;
  if (value instanceof ArrayBuffer) return value;
  const bytes = encoder.encode(jsonText(value, tagged));
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
}

/** Whether JSON.stringify would get the value wrong: a set, a BigInt, or (tagged) a key to escape somewhere in it. */
function needsOwnText(value: unknown, tagged: boolean): boolean {
  if (typeof value === 'bigint') return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    if (value instanceof RegoSet) return true;
    for (const element of value) if (needsOwnText(element, tagged)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  for (const k in object) {
    if ((tagged && k.charCodeAt(0) === 0) || needsOwnText(object[k], tagged)) return true;
  }
  return false;
}

/** JSON.stringify's text wherever it gets the value right (most of any result); written here around sets, BigInts and marked keys. */
function jsonText(value: unknown, tagged: boolean): string {
  if (!needsOwnText(value, tagged)) return JSON.stringify(value) ?? 'null';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof RegoSet) {
    const elements = tagged ? value : toSet(value);
    const list = `[${elements.map((e) => jsonText(e, tagged)).join(',')}]`;
    return tagged ? `{${JSON.stringify(SET_TAG)}:${list}}` : list;
  }
  if (Array.isArray(value)) return `[${value.map((e) => jsonText(e, tagged)).join(',')}]`;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return jsonText(withJson.toJSON(), tagged);
  const members: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const key = tagged && k.startsWith(MARK) ? MARK + k : k;
    members.push(`${JSON.stringify(key)}:${jsonText(v, tagged)}`);
  }
  return `{${members.join(',')}}`;
}
