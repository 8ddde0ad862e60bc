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
