import { createHash, createHmac } from 'node:crypto';
import { builtinError, typeError } from './errors.js';
import { goJson } from './json-text.js';
import { type JsonObject, ensureObject, ensureOneOf, isObject } from './operands.js';

/*
 * providers.aws.sign_req: AWS Signature Version 4 for an http.send request
 * object, as OPA signs it. Every request header is signed (lower-cased) except
 * the few AWS leaves out; the request's own x-amz-* values are what gets
 * signed, the computed ones are what the returned request carries. The body is
 * `raw_body` when given, else `body` written as Go's JSON.
 */

const BUILTIN = 'providers.aws.sign_req';
const REQUEST_KEYS = ['method', 'url'];
const CONFIG_KEYS = ['aws_access_key', 'aws_region', 'aws_secret_access_key', 'aws_service'];
const UNSIGNED_HEADERS = new Set(['authorization', 'user-agent', 'x-amzn-trace-id']);
/** Only these services take the payload hash as a header. */
const CONTENT_SHA256_SERVICES = new Set(['s3', 'glacier']);

function quotedSet(keys: string[]): string {
  return `{${keys.map((k) => JSON.stringify(k)).join(', ')}}`;
}

/** The named string fields of an operand, or a type error listing the missing or mistyped ones (OPA's wording). */
function requiredStrings(operand: JsonObject, pos: number, keys: string[], what: string): Record<string, string> {
  const missing = keys.filter((k) => !(k in operand));
  if (missing.length > 0) throw typeError(BUILTIN, `operand ${pos} missing required ${what} parameters(s): ${quotedSet(missing)}`);
  const invalid = keys.filter((k) => typeof operand[k] !== 'string');
  if (invalid.length > 0) throw typeError(BUILTIN, `operand ${pos} invalid values for required ${what} parameters(s): ${quotedSet(invalid)}`);
  return Object.fromEntries(keys.map((k) => [k, operand[k] as string]));
}

function optional<T>(config: JsonObject, key: string, type: 'string' | 'boolean', fallback: T): T {
  const v = config[key];
  if (v === undefined) return fallback;
  if (typeof v !== type) throw typeError(BUILTIN, `operand 2 invalid value for '${key}' in AWS config`);
  return v as T;
}

function signingDate(ns: unknown): Date {
  ensureOneOf(BUILTIN, 3, ns, ['number']);
  const n = ns as number;
  if (!Number.isInteger(n) || n < 0) throw typeError(BUILTIN, 'operand 3 could not convert time_ns value into a unix timestamp');
  return new Date(Math.floor(n / 1e6));
}

interface SplitUrl {
  host: string;
  path: string;
  query: string;
}

// Characters Go's url.URL.EscapedPath leaves as they are.
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@!'()*]/;

/** Host, escaped path and raw query of an absolute URL, as Go's net/url reports them (an empty path stays empty). */
function splitUrl(url: string): SplitUrl {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s.exec(url);
  if (!m) throw builtinError(BUILTIN, `invalid url: ${JSON.stringify(url)}`);
  let path = '';
  for (let i = 0; i < m[2].length; i++) {
    const c = m[2][i];
    if (PATH_SAFE.test(c)) path += c;
    else if (c === '%' && /^%[0-9A-Fa-f]{2}/.test(m[2].slice(i))) path += c;
    else {
      const cp = m[2].codePointAt(i) as number;
      if (cp > 0xffff) i++;
      path += [...Buffer.from(String.fromCodePoint(cp), 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    }
  }
  return { host: m[1].replace(/^[^@]*@/, ''), path, query: m[3] ?? '' };
}

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  throw typeError(BUILTIN, 'operand 1 headers must be strings');
}

function signRequest(request: unknown, awsConfig: unknown, timeNs: unknown): JsonObject {
  const req = ensureObject(BUILTIN, 1, request);
  const config = ensureObject(BUILTIN, 2, awsConfig);
  const { method, url } = requiredStrings(req, 1, REQUEST_KEYS, 'request');
  const creds = requiredStrings(config, 2, CONFIG_KEYS, 'AWS config');
  const sessionToken = optional(config, 'aws_session_token', 'string', '');
  const unsignedPayload = optional(config, 'disable_payload_signing', 'boolean', false);
  const date = signingDate(timeNs);
  const requestHeaders = req.headers === undefined ? {} : req.headers;
  if (!isObject(requestHeaders)) throw typeError(BUILTIN, 'operand 1 headers must be an object');

  let body = '';
  if (typeof req.raw_body === 'string') body = req.raw_body;
  else if (req.body !== undefined) body = goJson(req.body);
  const payloadHash = unsignedPayload ? 'UNSIGNED-PAYLOAD' : sha256Hex(Buffer.from(body, 'utf8'));

  const { host, path, query } = splitUrl(url);
  const iso = date.toISOString();
  const day = iso.slice(0, 10).replaceAll('-', '');
  const stamp = `${day}T${iso.slice(11, 19).replaceAll(':', '')}Z`;
  const service = creds.aws_service;
  const region = creds.aws_region;

  const awsHeaders: Record<string, string> = { host, 'x-amz-date': stamp };
  if (CONTENT_SHA256_SERVICES.has(service)) awsHeaders['x-amz-content-sha256'] = payloadHash;
  if (sessionToken !== '') awsHeaders['x-amz-security-token'] = sessionToken;

  const signed = new Map(Object.entries(awsHeaders));
  for (const [name, value] of Object.entries(requestHeaders)) {
    const lower = name.toLowerCase();
    if (!UNSIGNED_HEADERS.has(lower)) signed.set(lower, headerText(value));
  }
  const names = [...signed.keys()].sort();
  const canonicalRequest = [method, path, query, ...names.map((n) => `${n}:${signed.get(n)}`), '', names.join(';'), payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${creds.aws_secret_access_key}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = hmac(key, stringToSign).toString('hex');

  return {
    ...req,
    headers: {
      ...requestHeaders,
      ...awsHeaders,
      Authorization: `AWS4-HMAC-SHA256 Credential=${creds.aws_access_key}/${scope},SignedHeaders=${names.join(';')},Signature=${signature}`,
    },
  };
}

export const awsBuiltins = {
  [BUILTIN]: signRequest,
};
