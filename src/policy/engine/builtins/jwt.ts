import { type KeyObject, X509Certificate, constants, createHmac, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify } from 'node:crypto';
import { decodeBase64Url } from './encoding.js';
import { builtinError, typeError } from './errors.js';
import { goJson, parseJson } from './json-text.js';
import { type JsonObject, ensureObject, ensureString, isObject, typeNameOf } from './operands.js';

/*
 * JSON Web Tokens (JWS compact serialization) with node:crypto, which is
 * synchronous as host builtins must be. Verification keys are PEM
 * certificates, PEM public keys, or JWK / JWK sets; HMAC keys are the secret
 * text. Results and messages follow OPA's io.jwt builtins.
 */

interface Algorithm {
  hash: string | null;
  kind: 'hmac' | 'rsa' | 'pss' | 'ecdsa' | 'eddsa';
}

const ALGORITHMS: Record<string, Algorithm> = {
  HS256: { hash: 'sha256', kind: 'hmac' },
  HS384: { hash: 'sha384', kind: 'hmac' },
  HS512: { hash: 'sha512', kind: 'hmac' },
  RS256: { hash: 'sha256', kind: 'rsa' },
  RS384: { hash: 'sha384', kind: 'rsa' },
  RS512: { hash: 'sha512', kind: 'rsa' },
  PS256: { hash: 'sha256', kind: 'pss' },
  PS384: { hash: 'sha384', kind: 'pss' },
  PS512: { hash: 'sha512', kind: 'pss' },
  ES256: { hash: 'sha256', kind: 'ecdsa' },
  ES384: { hash: 'sha384', kind: 'ecdsa' },
  ES512: { hash: 'sha512', kind: 'ecdsa' },
  EdDSA: { hash: null, kind: 'eddsa' },
};

interface Token {
  header: JsonObject;
  payload: JsonObject;
  signature: Buffer;
  /** The signed text: "<header>.<payload>" as it appeared. */
  signingInput: string;
}

function jsonObject(builtin: string, text: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw builtinError(builtin, `${what} is not JSON`);
  }
  if (!isObject(value)) throw builtinError(builtin, `${what} is not a JSON object`);
  return value;
}

/** Splits and decodes a token; nested tokens (cty JWT) are followed to the innermost. */
function decodeToken(builtin: string, jwt: string): Token {
  if (!jwt.includes('.')) throw builtinError(builtin, 'encoded JWT had no period separators');
  const parts = jwt.split('.');
  if (parts.length !== 3) throw builtinError(builtin, `encoded JWT must have 3 sections, found ${parts.length}`);
  const [h, p, s] = parts;
  const header = jsonObject(builtin, decodeBase64Url(builtin, h).toString('utf8'), 'JWT header');
  if (header.enc !== undefined) throw builtinError(builtin, 'JWT is a JWE object, which is not supported');
  let signature: Buffer;
  try {
    signature = decodeBase64Url(builtin, s);
  } catch (err) {
    const reason = (err as { reason?: string }).reason ?? (err as Error).message;
    throw builtinError(builtin, `JWT signature had invalid encoding: ${reason.replace(`${builtin}: `, '')}`);
  }
  const payloadText = decodeBase64Url(builtin, p).toString('utf8');
  if (header.cty === 'JWT') {
    let inner = payloadText;
    try {
      const unquoted = JSON.parse(payloadText) as unknown;
      if (typeof unquoted === 'string') inner = unquoted;
    } catch {
      // the nested token may be unquoted
    }
    return decodeToken(builtin, inner);
  }
  let payload: JsonObject;
  try {
    payload = jsonObject(builtin, payloadText, 'payload');
  } catch {
    throw builtinError(builtin, 'type is JWT but payload is not JSON');
  }
  return { header, payload, signature, signingInput: `${h}.${p}` };
}

function decode(jwt: unknown): [JsonObject, JsonObject, string] {
  const token = decodeToken('io.jwt.decode', ensureString('io.jwt.decode', 1, jwt));
  return [token.header, token.payload, token.signature.toString('hex')];
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/;

/** Public keys from a PEM certificate, a PEM public key, or a JWK / JWK set. */
function publicKeys(builtin: string, text: string): KeyObject[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(trimmed);
    } catch {
      throw builtinError(builtin, 'failed to parse a JWK key (set)');
    }
    const keys = isObject(jwk) && Array.isArray(jwk.keys) ? jwk.keys : [jwk];
    try {
      return keys.map((k) => createPublicKey({ key: k as JsonObject & { kty: string }, format: 'jwk' }));
    } catch {
      throw builtinError(builtin, 'failed to parse a JWK key (set)');
    }
  }
  const block = PEM_BLOCK.exec(trimmed);
  if (!block) throw builtinError(builtin, 'failed to find a PEM certificate block');
  if (trimmed.slice(block.index + block[0].length).trim() !== '') throw builtinError(builtin, 'extra data after a PEM certificate block');
  if (block[1] === 'CERTIFICATE') {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block[0]);
    } catch {
      throw builtinError(builtin, 'failed to parse a PEM certificate');
    }
    try {
      return [cert.publicKey];
    } catch {
      throw builtinError(builtin, 'failed to extract a Key from the PEM certificate');
    }
  }
  try {
    return [createPublicKey(block[0])];
  } catch {
    throw builtinError(builtin, 'failed to extract a Key from the PEM certificate');
  }
}

function verifySignature(alg: Algorithm, signingInput: string, signature: Buffer, key: KeyObject | Buffer): boolean {
  const data = Buffer.from(signingInput, 'utf8');
  try {
    switch (alg.kind) {
      case 'hmac': {
        const mac = createHmac(alg.hash!, key as Buffer).update(data).digest();
        return mac.length === signature.length && timingSafeEqual(mac, signature);
      }
      case 'rsa':
        return verify(alg.hash, data, key as KeyObject, signature);
      case 'pss':
        return verify(alg.hash, data, { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
      case 'ecdsa':
        return verify(alg.hash, data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' }, signature);
      case 'eddsa':
        return verify(null, data, key as KeyObject, signature);
    }
  } catch {
    return false;
  }
}

/** Whether the token's signature is valid under any of the keys, for the named algorithm. */
function verifyWith(builtin: string, algName: string, jwt: string, keyText: string): boolean {
  const token = decodeToken(builtin, jwt);
  const alg = ALGORITHMS[algName];
  if (token.header.alg !== algName) return false;
  if (alg.kind === 'hmac') return verifySignature(alg, token.signingInput, token.signature, Buffer.from(keyText, 'utf8'));
  return publicKeys(builtin, keyText).some((k) => verifySignature(alg, token.signingInput, token.signature, k));
}

function verifier(algName: string) {
  const builtin = `io.jwt.verify_${algName === 'EdDSA' ? 'eddsa' : algName.toLowerCase()}`;
  return (jwt: unknown, key: unknown): boolean => verifyWith(builtin, algName, ensureString(builtin, 1, jwt), ensureString(builtin, 2, key));
}

const CONSTRAINTS = new Set(['cert', 'secret', 'alg', 'iss', 'aud', 'time']);

function claimNumber(builtin: string, payload: JsonObject, claim: string): number | undefined {
  const v = payload[claim];
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw builtinError(builtin, `${claim} value must be a number`);
  return v;
}

/**
 * io.jwt.decode_verify: [valid, header, payload], or [false, {}, {}] when the
 * signature, algorithm, issuer, audience or validity window does not check out.
 */
function decodeVerify(jwt: unknown, constraints: unknown): [boolean, JsonObject, JsonObject] {
  const builtin = 'io.jwt.decode_verify';
  const token = ensureString(builtin, 1, jwt);
  const c = ensureObject(builtin, 2, constraints);
  for (const key of Object.keys(c)) {
    if (!CONSTRAINTS.has(key)) throw builtinError(builtin, `unknown token validation constraint: ${key}`);
  }
  if ((c.cert === undefined) === (c.secret === undefined)) throw builtinError(builtin, 'exactly one of cert or secret must be given');
  if (c.time !== undefined && typeof c.time !== 'number') throw typeError(builtin, `operand 2 "time" must be number but got ${typeNameOf(c.time)}`);
  const invalid: [boolean, JsonObject, JsonObject] = [false, {}, {}];
  const decoded = decodeToken(builtin, token);
  const algName = decoded.header.alg;
  if (typeof algName !== 'string' || !Object.hasOwn(ALGORITHMS, algName)) return invalid;
  if (c.alg !== undefined && c.alg !== algName) return invalid;
  if (decoded.header.crit !== undefined) return invalid;
  const alg = ALGORITHMS[algName];
  let valid: boolean;
  if (c.secret !== undefined) {
    const secret = String(c.secret);
    valid = alg.kind === 'hmac' && verifySignature(alg, decoded.signingInput, decoded.signature, Buffer.from(secret, 'utf8'));
  } else {
    valid = alg.kind !== 'hmac' && publicKeys(builtin, String(c.cert)).some((k) => verifySignature(alg, decoded.signingInput, decoded.signature, k));
  }
  if (!valid) return invalid;
  const nowSeconds = (c.time as number | undefined ?? Date.now() * 1e6) / 1e9;
  const exp = claimNumber(builtin, decoded.payload, 'exp');
  if (exp !== undefined && nowSeconds >= exp) return invalid;
  const nbf = claimNumber(builtin, decoded.payload, 'nbf');
  if (nbf !== undefined && nowSeconds < nbf) return invalid;
  if (c.iss !== undefined && decoded.payload.iss !== c.iss) return invalid;
  const aud = decoded.payload.aud;
  if (aud !== undefined) {
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (c.aud === undefined || !audiences.includes(c.aud)) return invalid;
  } else if (c.aud !== undefined) {
    return invalid;
  }
  return [true, decoded.header, decoded.payload];
}

function signingKey(builtin: string, alg: Algorithm, jwk: JsonObject): KeyObject | Buffer {
  if (alg.kind === 'hmac') {
    if (typeof jwk.k !== 'string') throw builtinError(builtin, 'failed to parse a JWK key: an oct key needs "k"');
    return Buffer.from(jwk.k, 'base64url');
  }
  try {
    return createPrivateKey({ key: jwk as JsonObject & { kty: string }, format: 'jwk' });
  } catch (err) {
    throw builtinError(builtin, `failed to parse a JWK key: ${(err as Error).message}`);
  }
}

function signatureOf(alg: Algorithm, input: string, key: KeyObject | Buffer): Buffer {
  const data = Buffer.from(input, 'utf8');
  switch (alg.kind) {
    case 'hmac':
      return createHmac(alg.hash!, key as Buffer).update(data).digest();
    case 'rsa':
      return sign(alg.hash, data, key as KeyObject);
    case 'pss':
      return sign(alg.hash, data, { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
    case 'ecdsa':
      return sign(alg.hash, data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' });
    case 'eddsa':
      return sign(null, data, key as KeyObject);
  }
}

/** Signs header and payload text exactly as given (both must be JSON objects). */
function signRaw(builtin: string, headerText: string, payloadText: string, keyText: string): string {
  let header: unknown;
  try {
    header = parseJson(headerText);
  } catch (err) {
    throw builtinError(builtin, (err as Error).message);
  }
  if (!isObject(header)) throw builtinError(builtin, 'JWT header is not a JSON object');
  if (header.typ === 'JWT' || header.typ === undefined) {
    try {
      if (!isObject(JSON.parse(payloadText))) throw new Error();
    } catch {
      throw builtinError(builtin, 'type is JWT but payload is not JSON');
    }
  }
  if (header.alg === undefined) throw builtinError(builtin, 'unsupported signature algorithm');
  const alg = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!alg) throw builtinError(builtin, 'unknown signature algorithm');
  let jwk: unknown;
  try {
    jwk = JSON.parse(keyText);
  } catch {
    throw builtinError(builtin, 'failed to parse a JWK key');
  }
  if (!isObject(jwk)) throw builtinError(builtin, 'failed to parse a JWK key');
  const input = `${Buffer.from(headerText, 'utf8').toString('base64url')}.${Buffer.from(payloadText, 'utf8').toString('base64url')}`;
  return `${input}.${signatureOf(alg, input, signingKey(builtin, alg, jwk)).toString('base64url')}`;
}

function encodeSignRaw(header: unknown, payload: unknown, key: unknown): string {
  const builtin = 'io.jwt.encode_sign_raw';
  return signRaw(builtin, ensureString(builtin, 1, header), ensureString(builtin, 2, payload), ensureString(builtin, 3, key));
}

function encodeSign(header: unknown, payload: unknown, key: unknown): string {
  const builtin = 'io.jwt.encode_sign';
  const h = ensureObject(builtin, 1, header);
  const p = ensureObject(builtin, 2, payload);
  const k = ensureObject(builtin, 3, key);
  return signRaw(builtin, goJson(h), goJson(p), goJson(k));
}

export const jwtBuiltins = {
  'io.jwt.decode': decode,
  'io.jwt.decode_verify': decodeVerify,
  'io.jwt.encode_sign': encodeSign,
  'io.jwt.encode_sign_raw': encodeSignRaw,
  'io.jwt.verify_rs256': verifier('RS256'),
  'io.jwt.verify_rs384': verifier('RS384'),
  'io.jwt.verify_rs512': verifier('RS512'),
  'io.jwt.verify_ps256': verifier('PS256'),
  'io.jwt.verify_ps384': verifier('PS384'),
  'io.jwt.verify_ps512': verifier('PS512'),
  'io.jwt.verify_es256': verifier('ES256'),
  'io.jwt.verify_es384': verifier('ES384'),
  'io.jwt.verify_es512': verifier('ES512'),
  'io.jwt.verify_eddsa': verifier('EdDSA'),
  'io.jwt.verify_hs256': verifier('HS256'),
  'io.jwt.verify_hs384': verifier('HS384'),
  'io.jwt.verify_hs512': verifier('HS512'),
};
