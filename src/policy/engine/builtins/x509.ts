import { X509Certificate, createPrivateKey } from 'node:crypto';
import { builtinError } from './errors.js';
import { type JsonObject, ensureObject, ensureString } from './operands.js';

/*
 * X.509 certificates and private keys with node:crypto. Certificates are
 * reported with the field names of Go's x509.Certificate that policies read
 * (Subject, Issuer, SerialNumber, NotBefore, NotAfter, DNSNames, URIStrings,
 * ...); private keys as JWKs. Input is PEM text, or base64 of PEM or of DER
 * (one certificate or several concatenated).
 */

export const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function base64Bytes(builtin: string, text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
    const at = [...compact].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
    // Like Go, a short final quantum is reported at its start.
    throw builtinError(builtin, `illegal base64 data at input byte ${at === -1 ? compact.length - (compact.length % 4) : at}`);
  }
  return Buffer.from(compact, 'base64');
}

/** The PEM blocks of a text, or of the text base64-decoded; undefined when it holds none. */
function pemBlocks(text: string, label: RegExp): Buffer[] | undefined {
  const blocks = [...text.matchAll(PEM)].filter((m) => label.test(m[1])).map((m) => Buffer.from(m[2].replace(/\s+/g, ''), 'base64'));
  return blocks.length > 0 ? blocks : undefined;
}

/** Splits concatenated DER structures (each a SEQUENCE with a definite length). */
function splitDer(builtin: string, der: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < der.length) {
    if (der[i] !== 0x30 || i + 2 > der.length) throw builtinError(builtin, 'x509: malformed certificate');
    let length = der[i + 1];
    let header = 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 4 || i + 2 + n > der.length) throw builtinError(builtin, 'x509: malformed certificate');
      length = [...der.subarray(i + 2, i + 2 + n)].reduce((a, b) => a * 256 + b, 0);
      header += n;
    }
    if (i + header + length > der.length) throw builtinError(builtin, 'x509: malformed certificate');
    out.push(der.subarray(i, i + header + length));
    i += header + length;
  }
  return out;
}

function certificates(builtin: string, text: string): X509Certificate[] {
  let ders = pemBlocks(text, /^CERTIFICATE$/);
  if (!ders) {
    const decoded = base64Bytes(builtin, text);
    ders = pemBlocks(decoded.toString('latin1'), /^CERTIFICATE$/) ?? splitDer(builtin, decoded);
  }
  return ders.map((der) => {
    try {
      return new X509Certificate(der);
    } catch {
      throw builtinError(builtin, 'x509: malformed certificate');
    }
  });
}

const NAME_FIELDS: Record<string, string> = {
  C: 'Country',
  O: 'Organization',
  OU: 'OrganizationalUnit',
  L: 'Locality',
  ST: 'Province',
  street: 'StreetAddress',
  postalCode: 'PostalCode',
};

/** A distinguished name as Go's pkix.Name, from (short attribute name, value) pairs in order. */
export function pkixNameOf(attributes: Iterable<[string, string]>): JsonObject {
  const name: JsonObject = { CommonName: '', SerialNumber: '' };
  for (const field of Object.values(NAME_FIELDS)) name[field] = null;
  for (const [key, value] of attributes) {
    if (key === 'CN') name.CommonName = value;
    else if (key === 'serialNumber') name.SerialNumber = value;
    else if (NAME_FIELDS[key]) name[NAME_FIELDS[key]] = [...((name[NAME_FIELDS[key]] as string[] | null) ?? []), value];
  }
  return name;
}

/** A distinguished name as node:crypto prints it ("C=US\nCN=example.com"). */
function pkixName(dn: string): JsonObject {
  const pairs = dn.split('\n').flatMap((line): [string, string][] => {
    const eq = line.indexOf('=');
    return eq === -1 ? [] : [[line.slice(0, eq), line.slice(eq + 1)]];
  });
  return pkixNameOf(pairs);
}

function altNames(cert: X509Certificate, kind: string): string[] | null {
  const names = (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith(`${kind}:`))
    .map((entry) => entry.slice(kind.length + 1).replace(/^"|"$/g, ''));
  return names.length > 0 ? names : null;
}

const PUBLIC_KEY_ALGORITHMS: Record<string, number> = { rsa: 1, dsa: 2, ec: 3, ed25519: 4 };

function describeCertificate(cert: X509Certificate): JsonObject {
  return {
    Raw: cert.raw.toString('base64'),
    Version: 3,
    SerialNumber: Number(BigInt(`0x${cert.serialNumber}`)),
    Issuer: pkixName(cert.issuer),
    Subject: pkixName(cert.subject),
    NotBefore: new Date(cert.validFrom).toISOString().replace('.000Z', 'Z'),
    NotAfter: new Date(cert.validTo).toISOString().replace('.000Z', 'Z'),
    IsCA: cert.ca,
    PublicKeyAlgorithm: PUBLIC_KEY_ALGORITHMS[cert.publicKey.asymmetricKeyType ?? ''] ?? 0,
    DNSNames: altNames(cert, 'DNS'),
    EmailAddresses: altNames(cert, 'email'),
    IPAddresses: altNames(cert, 'IP Address'),
    URIStrings: altNames(cert, 'URI'),
  };
}

function parseCertificates(text: unknown): JsonObject[] {
  const builtin = 'crypto.x509.parse_certificates';
  return certificates(builtin, ensureString(builtin, 1, text)).map(describeCertificate);
}

/** The chain runs leaf first, root last: each certificate is signed by the next, the root by itself, all valid now. */
function chainIsValid(chain: X509Certificate[], now: Date): boolean {
  if (chain.length < 2) return false;
  return chain.every((cert, i) => {
    const issuer = chain[i + 1] ?? cert;
    const inValidity = new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
    return inValidity && cert.checkIssued(issuer) && cert.verify(issuer.publicKey) && (i === chain.length - 1 || issuer.ca);
  });
}

function verifyCertificates(builtin: string, text: unknown, now: Date): [boolean, JsonObject[]] {
  let chain: X509Certificate[];
  try {
    // Given root first and leaf last; checked and reported leaf first.
    chain = certificates(builtin, ensureString(builtin, 1, text)).reverse();
  } catch {
    return [false, []];
  }
  return chainIsValid(chain, now) ? [true, chain.map(describeCertificate)] : [false, []];
}

function parseAndVerify(text: unknown): [boolean, JsonObject[]] {
  return verifyCertificates('crypto.x509.parse_and_verify_certificates', text, new Date());
}

/** Options: CurrentTime (ns since the epoch) to verify at; other Go VerifyOptions are not supported. */
function parseAndVerifyWithOptions(text: unknown, options: unknown): [boolean, JsonObject[]] {
  const builtin = 'crypto.x509.parse_and_verify_certificates_with_options';
  const opts = ensureObject(builtin, 2, options);
  for (const key of Object.keys(opts)) {
    if (key !== 'CurrentTime') throw builtinError(builtin, `unsupported verification option ${JSON.stringify(key)}`);
  }
  const now = typeof opts.CurrentTime === 'number' ? new Date(opts.CurrentTime / 1e6) : new Date();
  return verifyCertificates(builtin, text, now);
}

function privateKeyDers(builtin: string, text: string): { der: Buffer; label: string }[] {
  const found = [...text.matchAll(PEM)].filter((m) => /PRIVATE KEY$/.test(m[1]));
  if (found.length > 0) return found.map((m) => ({ der: Buffer.from(m[2].replace(/\s+/g, ''), 'base64'), label: m[1] }));
  const decoded = base64Bytes(builtin, text).toString('latin1');
  return [...decoded.matchAll(PEM)].filter((m) => /PRIVATE KEY$/.test(m[1])).map((m) => ({ der: Buffer.from(m[2].replace(/\s+/g, ''), 'base64'), label: m[1] }));
}

function keyToJwk(der: Buffer, label: string): JsonObject {
  const type = label === 'RSA PRIVATE KEY' ? 'pkcs1' : label === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8';
  return createPrivateKey({ key: der, format: 'der', type }).export({ format: 'jwk' }) as JsonObject;
}

function parseRsaPrivateKey(text: unknown): JsonObject {
  const builtin = 'crypto.x509.parse_rsa_private_key';
  const keys = privateKeyDers(builtin, ensureString(builtin, 1, text));
  if (keys.length === 0) throw builtinError(builtin, 'failed to parse PEM block containing the key');
  try {
    return keyToJwk(keys[0].der, keys[0].label);
  } catch (err) {
    throw builtinError(builtin, (err as Error).message);
  }
}

/** Every private key in the text as a JWK; null for an empty text, [] when nothing parses. */
function parsePrivateKeys(text: unknown): JsonObject[] | null {
  const builtin = 'crypto.parse_private_keys';
  const s = ensureString(builtin, 1, text);
  if (s === '') return null;
  let keys: { der: Buffer; label: string }[];
  try {
    keys = privateKeyDers(builtin, s);
  } catch {
    return [];
  }
  return keys.flatMap(({ der, label }) => {
    try {
      return [keyToJwk(der, label)];
    } catch {
      return [];
    }
  });
}

/** A certificate chain with its private key, as Go's tls.Certificate: {Certificate: [base64 DER, ...], PrivateKey}. */
function parseKeypair(certText: unknown, keyText: unknown): JsonObject {
  const builtin = 'crypto.x509.parse_keypair';
  const certs = certificates(builtin, ensureString(builtin, 1, certText));
  const keys = privateKeyDers(builtin, ensureString(builtin, 2, keyText));
  if (keys.length === 0) throw builtinError(builtin, 'tls: failed to find any PEM data in key input');
  let key: JsonObject;
  try {
    key = keyToJwk(keys[0].der, keys[0].label);
  } catch (err) {
    throw builtinError(builtin, `tls: failed to parse private key: ${(err as Error).message}`);
  }
  if (!certs[0].checkPrivateKey(createPrivateKey({ key: key as JsonObject & { kty: string }, format: 'jwk' }))) {
    throw builtinError(builtin, 'tls: private key does not match public key');
  }
  return { Certificate: certs.map((c) => c.raw.toString('base64')), PrivateKey: key, Leaf: describeCertificate(certs[0]) };
}

export const x509Builtins = {
  'crypto.x509.parse_certificates': parseCertificates,
  'crypto.x509.parse_and_verify_certificates': parseAndVerify,
  'crypto.x509.parse_and_verify_certificates_with_options': parseAndVerifyWithOptions,
  'crypto.x509.parse_rsa_private_key': parseRsaPrivateKey,
  'crypto.x509.parse_keypair': parseKeypair,
  'crypto.parse_private_keys': parsePrivateKeys,
};
