import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Extensions, GeneralNames, type Name, id_ce_subjectAltName } from '@peculiar/asn1-x509';
import { builtinError } from './errors.js';
import { type JsonObject, ensureString } from './operands.js';
import { PEM, base64Bytes, pkixNameOf } from './x509.js';

/*
 * crypto.x509.parse_certificate_request: a PKCS #10 certificate signing
 * request (PEM, or base64 of PEM or DER) as Go's x509.CertificateRequest,
 * parsed with @peculiar/asn1-csr. Raw parts are base64; algorithms are Go's
 * enum numbers; names from the extension request's subjectAltName.
 */

const BUILTIN = 'crypto.x509.parse_certificate_request';
const PEM_HEADER = '-----BEGIN CERTIFICATE REQUEST-----';
const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.17': 'postalCode',
};

/** Go's x509.SignatureAlgorithm numbers by OID; RSA-PSS is told apart by its hash. */
const SIGNATURE_ALGORITHMS: Record<string, number> = {
  '1.2.840.113549.1.1.4': 2,
  '1.2.840.113549.1.1.5': 3,
  '1.2.840.113549.1.1.11': 4,
  '1.2.840.113549.1.1.12': 5,
  '1.2.840.113549.1.1.13': 6,
  '1.2.840.10040.4.3': 7,
  '2.16.840.1.101.3.4.3.2': 8,
  '1.2.840.10045.4.1': 9,
  '1.2.840.10045.4.3.2': 10,
  '1.2.840.10045.4.3.3': 11,
  '1.2.840.10045.4.3.4': 12,
  '1.3.101.112': 16,
};
const RSA_PSS = '1.2.840.113549.1.1.10';
/** RSA-PSS by the DER-encoded OID of its hash (SHA-256, SHA-384, SHA-512) inside the parameters. */
const PSS_BY_HASH: [Buffer, number][] = [
  [Buffer.from('0609608648016503040201', 'hex'), 13],
  [Buffer.from('0609608648016503040202', 'hex'), 14],
  [Buffer.from('0609608648016503040203', 'hex'), 15],
];

/** Go's x509.PublicKeyAlgorithm numbers by OID. */
const PUBLIC_KEY_ALGORITHMS: Record<string, number> = {
  '1.2.840.113549.1.1.1': 1,
  '1.2.840.10040.4.1': 2,
  '1.2.840.10045.2.1': 3,
  '1.3.101.112': 4,
};

function requestDer(text: string): Buffer {
  const bytes = text.startsWith(PEM_HEADER) ? Buffer.from(text, 'utf8') : base64Bytes(BUILTIN, text);
  const block = [...bytes.toString('latin1').matchAll(PEM)][0];
  if (block === undefined) return bytes;
  if (block[1] !== 'CERTIFICATE REQUEST') throw builtinError(BUILTIN, 'invalid PEM-encoded certificate signing request');
  return Buffer.from(block[2].replace(/\s+/g, ''), 'base64');
}

function parseRequest(der: Buffer): CertificationRequest {
  try {
    return AsnConvert.parse(der, CertificationRequest);
  } catch (err) {
    throw builtinError(BUILTIN, `asn1: structure error: ${(err as Error).message}`);
  }
}

const base64 = (data: ArrayBuffer): string => Buffer.from(data).toString('base64');

function subjectOf(name: Name): JsonObject {
  const pairs = name.flatMap((rdn) => rdn.map((atv): [string, string] => [NAME_ATTRIBUTES[atv.type] ?? atv.type, atv.value.toString()]));
  return pkixNameOf(pairs);
}

function signatureAlgorithm(csr: CertificationRequest): number {
  const { algorithm, parameters } = csr.signatureAlgorithm;
  if (algorithm !== RSA_PSS) return SIGNATURE_ALGORITHMS[algorithm] ?? 0;
  const params = parameters ? Buffer.from(parameters) : Buffer.alloc(0);
  return PSS_BY_HASH.find(([oid]) => params.includes(oid))?.[1] ?? 13;
}

function extensionsOf(csr: CertificationRequest): Extensions {
  const request = csr.certificationRequestInfo.attributes?.find((a) => a.type === EXTENSION_REQUEST);
  return request?.values[0] ? AsnConvert.parse(request.values[0], Extensions) : new Extensions();
}

function alternativeNames(extensions: Extensions): Record<'DNSNames' | 'EmailAddresses' | 'IPAddresses', string[] | null> {
  const names = { DNSNames: [] as string[], EmailAddresses: [] as string[], IPAddresses: [] as string[] };
  for (const ext of extensions.filter((e) => e.extnID === id_ce_subjectAltName)) {
    for (const n of AsnConvert.parse(ext.extnValue, GeneralNames)) {
      if (n.dNSName !== undefined) names.DNSNames.push(n.dNSName);
      if (n.rfc822Name !== undefined) names.EmailAddresses.push(n.rfc822Name);
      if (n.iPAddress !== undefined) names.IPAddresses.push(n.iPAddress);
    }
  }
  const orNull = (list: string[]) => (list.length > 0 ? list : null);
  return { DNSNames: orNull(names.DNSNames), EmailAddresses: orNull(names.EmailAddresses), IPAddresses: orNull(names.IPAddresses) };
}

function parseCertificateRequest(text: unknown): JsonObject {
  const der = requestDer(ensureString(BUILTIN, 1, text));
  const csr = parseRequest(der);
  const info = csr.certificationRequestInfo;
  let extensions: Extensions;
  try {
    extensions = extensionsOf(csr);
  } catch (err) {
    throw builtinError(BUILTIN, `x509: failed to parse extension request: ${(err as Error).message}`);
  }
  return {
    Raw: der.toString('base64'),
    RawTBSCertificateRequest: base64(csr.certificationRequestInfoRaw ?? AsnConvert.serialize(info)),
    RawSubjectPublicKeyInfo: base64(AsnConvert.serialize(info.subjectPKInfo)),
    RawSubject: base64(AsnConvert.serialize(info.subject)),
    Version: info.version,
    Signature: base64(csr.signature),
    SignatureAlgorithm: signatureAlgorithm(csr),
    PublicKeyAlgorithm: PUBLIC_KEY_ALGORITHMS[info.subjectPKInfo.algorithm.algorithm] ?? 0,
    Subject: subjectOf(info.subject),
    Extensions:
      extensions.length > 0 ? extensions.map((e) => ({ Id: e.extnID.split('.').map(Number), Critical: e.critical, Value: base64(e.extnValue.buffer) })) : null,
    ...alternativeNames(extensions),
  };
}

export const x509CsrBuiltins = {
  [BUILTIN]: parseCertificateRequest,
};
