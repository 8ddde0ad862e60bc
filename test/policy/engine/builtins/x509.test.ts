import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

const CASES = join(import.meta.dirname, '../../../../../shared/opa-conformance/v1');

/** Certificates are read from OPA's conformance data by path (never copied); node:crypto cannot mint them. */
function certsFrom(dir: string): string {
  const file = readdirSync(join(CASES, dir))[0];
  const module = (parse(readFileSync(join(CASES, dir, file), 'utf8')) as { cases: { modules: string[] }[] }).cases[0].modules[0];
  return /certs := `([\s\S]*?)`/.exec(module)![1];
}

describe('x509 and private keys', () => {
  it.skipIf(!existsSync(CASES))('parses and verifies a root-first chain, reporting it leaf first', () => {
    const chain = certsFrom('cryptox509parseandverifycertificates');
    const parsed = b['crypto.x509.parse_certificates'](chain) as { Subject: { CommonName: string }; DNSNames: string[] | null; IsCA: boolean }[];
    expect(parsed.map((c) => c.Subject.CommonName)).toEqual(['OPA Test Root CA', 'OPA Test Intermediate CA', 'notarealsite.opa.localhost']);
    const [valid, certs] = b['crypto.x509.parse_and_verify_certificates'](chain) as [boolean, typeof parsed];
    expect(valid).toBe(true);
    expect(certs.map((c) => [c.Subject.CommonName, c.DNSNames, c.IsCA])).toEqual([
      ['notarealsite.opa.localhost', ['notarealsite.opa.localhost'], false],
      ['OPA Test Intermediate CA', null, true],
      ['OPA Test Root CA', null, true],
    ]);
    const blocks = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)!;
    expect(b['crypto.x509.parse_and_verify_certificates']([blocks[0], blocks[2]].join('\n'))).toEqual([false, []]);
    expect(b['crypto.x509.parse_and_verify_certificates_with_options'](chain, { CurrentTime: Date.UTC(2040, 0, 1) * 1e6 })).toEqual([false, []]);
  });

  it('reports undecodable certificate input', () => {
    expect(() => b['crypto.x509.parse_certificates']('foobar')).toThrow('illegal base64');
    expect(() => b['crypto.x509.parse_certificates']('YmFkc3RyaW5n')).toThrow('x509: malformed certificate');
    expect(b['crypto.x509.parse_and_verify_certificates']('foobar')).toEqual([false, []]);
  });

  it('parses private keys to JWKs', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const jwk = privateKey.export({ format: 'jwk' });
    expect(b['crypto.x509.parse_rsa_private_key'](pkcs1)).toEqual(jwk);
    expect(b['crypto.x509.parse_rsa_private_key'](Buffer.from(pkcs8).toString('base64'))).toEqual(jwk);
    expect(b['crypto.parse_private_keys'](pkcs1 + pkcs8)).toEqual([jwk, jwk]);
    expect(b['crypto.parse_private_keys']('nope')).toEqual([]);
    expect(b['crypto.parse_private_keys']('')).toBeNull();
    expect(() => b['crypto.x509.parse_rsa_private_key']('invalid')).toThrow('illegal base64');
  });
});

describe('crypto.x509.parse_certificate_request', () => {
  const FIXTURES = join(import.meta.dirname, 'fixtures/csr');
  const csr = (name: string) => readFileSync(join(FIXTURES, `${name}.csr`), 'utf8');
  const parse = b['crypto.x509.parse_certificate_request'];
  type Request = Record<string, unknown> & { Subject: Record<string, unknown>; Raw: string };

  it('parses an openssl RSA request with its subject, algorithms and alternative names', () => {
    const r = parse(csr('rsa-sha256')) as Request;
    expect(r).toMatchObject({
      Version: 0,
      SignatureAlgorithm: 4,
      PublicKeyAlgorithm: 1,
      Subject: {
        CommonName: 'example.com',
        SerialNumber: '42',
        Country: ['US'],
        Province: ['CA'],
        Locality: ['San Francisco'],
        Organization: ['Example Org'],
        OrganizationalUnit: ['Platform'],
        StreetAddress: null,
        PostalCode: null,
      },
      DNSNames: ['example.com', 'www.example.com'],
      EmailAddresses: ['ops@example.com'],
      IPAddresses: ['192.0.2.1', '2001:db8::1'],
      Extensions: [{ Id: [2, 5, 29, 17], Critical: false }],
    });
    const pem = csr('rsa-sha256');
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(r.Raw).toBe(der.toString('base64'));
  });

  it('accepts PEM, base64 of PEM and base64 of DER alike', () => {
    const pem = csr('rsa-sha256');
    const derBase64 = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const fromPem = parse(pem);
    expect(parse(Buffer.from(pem).toString('base64'))).toEqual(fromPem);
    expect(parse(derBase64)).toEqual(fromPem);
  });

  it("reports Go's algorithm numbers for ECDSA, RSA-PSS and Ed25519", () => {
    expect(parse(csr('ecdsa-sha384'))).toMatchObject({ SignatureAlgorithm: 11, PublicKeyAlgorithm: 3, Subject: { CommonName: 'ec.example' }, DNSNames: null });
    expect(parse(csr('rsa-pss-sha512'))).toMatchObject({ SignatureAlgorithm: 15, PublicKeyAlgorithm: 1 });
    expect(parse(csr('ed25519'))).toMatchObject({ SignatureAlgorithm: 16, PublicKeyAlgorithm: 4, Subject: { Organization: ['A', 'B'] } });
  });

  it('reports undecodable input with Go wording', () => {
    expect(() => parse('foobar')).toThrow('crypto.x509.parse_certificate_request: illegal base64 data at input byte 4');
    expect(() => parse('YmFkc3RyaW5n')).toThrow('crypto.x509.parse_certificate_request: asn1: structure error');
    const certificatePem = Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n').toString('base64');
    expect(() => parse(certificatePem)).toThrow('invalid PEM-encoded certificate signing request');
    expect(() => parse('-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----')).toThrow('asn1: structure error');
    expect(() => parse(7)).toThrow('crypto.x509.parse_certificate_request: operand 1 must be string but got number');
  });
});
