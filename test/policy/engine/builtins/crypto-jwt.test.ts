import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const ecPublicJwk = JSON.stringify(ec.publicKey.export({ format: 'jwk' }));
const edPublicPem = ed.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const hmacJwk = { kty: 'oct', k: Buffer.from('secret').toString('base64url') };

const sign = (header: object, payload: object, key: object) => b['io.jwt.encode_sign'](header, payload, key) as string;

describe('crypto hashes and MACs', () => {
  it('hashes UTF-8 text to hex', () => {
    expect(b['crypto.md5']('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(b['crypto.sha1']('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(b['crypto.sha256']('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(b['crypto.hmac.sha256']('message', 'key')).toBe('6e9ef29b75fffc5b7abae527d58fdadb2fe42e7219011976917343065f58ed4a');
    expect(b['crypto.hmac.equal']('abc', 'abc')).toBe(true);
    expect(b['crypto.hmac.equal']('abc', 'abd')).toBe(false);
    expect(b['crypto.hmac.equal']('abc', 'abcd')).toBe(false);
  });
});

describe('io.jwt', () => {
  it('signs and decodes HS256 tokens, matching RFC 7515 A.1 byte for byte', () => {
    const token = sign({ alg: 'HS256', typ: 'JWT' }, {}, { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' });
    expect(token).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.6cvao8lnOu6FAdK68jQFcDMXOmaWNwWiYhCgijd-AD8');
    const [header, payload, sig] = b['io.jwt.decode'](token) as [object, object, string];
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({});
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies RSA, RSA-PSS, ECDSA and EdDSA signatures with PEM and JWK keys', () => {
    const rsJwk = rsa.privateKey.export({ format: 'jwk' });
    const rs = sign({ alg: 'RS256' }, { sub: 'x' }, rsJwk);
    expect(b['io.jwt.verify_rs256'](rs, rsaPublicPem)).toBe(true);
    expect(b['io.jwt.verify_rs384'](rs, rsaPublicPem)).toBe(false);
    const ps = sign({ alg: 'PS512' }, { sub: 'x' }, rsJwk);
    expect(b['io.jwt.verify_ps512'](ps, rsaPublicPem)).toBe(true);
    const es = sign({ alg: 'ES256' }, { sub: 'x' }, ec.privateKey.export({ format: 'jwk' }));
    expect(b['io.jwt.verify_es256'](es, ecPublicJwk)).toBe(true);
    expect(b['io.jwt.verify_es256'](es, JSON.stringify({ keys: [JSON.parse(ecPublicJwk)] }))).toBe(true);
    const eddsa = sign({ alg: 'EdDSA' }, { sub: 'x' }, ed.privateKey.export({ format: 'jwk' }));
    expect(b['io.jwt.verify_eddsa'](eddsa, edPublicPem)).toBe(true);
  });

  it('refuses algorithm confusion and unsigned tokens', () => {
    // An attacker signs HS256 with the RSA public key text as the HMAC secret.
    const forged = sign({ alg: 'HS256' }, { admin: true }, { kty: 'oct', k: Buffer.from(rsaPublicPem).toString('base64url') });
    expect(b['io.jwt.verify_rs256'](forged, rsaPublicPem)).toBe(false);
    expect(b['io.jwt.decode_verify'](forged, { cert: rsaPublicPem })).toEqual([false, {}, {}]);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"admin":true}').toString('base64url')}.`;
    expect(b['io.jwt.decode_verify'](none, { secret: 'secret' })).toEqual([false, {}, {}]);
    expect(b['io.jwt.verify_hs256'](none, 'secret')).toBe(false);
  });

  it('checks decode_verify constraints: alg, iss, aud, exp, nbf', () => {
    const token = sign({ alg: 'HS256' }, { iss: 'me', aud: ['api'], exp: 2000, nbf: 1000 }, hmacJwk);
    const at = (s: number) => s * 1e9;
    expect(b['io.jwt.decode_verify'](token, { secret: 'secret', time: at(1500) })).toEqual([false, {}, {}]);
    const ok = b['io.jwt.decode_verify'](token, { secret: 'secret', time: at(1500), aud: 'api', iss: 'me', alg: 'HS256' }) as unknown[];
    expect(ok[0]).toBe(true);
    expect(ok[2]).toMatchObject({ iss: 'me' });
    expect((b['io.jwt.decode_verify'](token, { secret: 'secret', time: at(2500), aud: 'api' }) as unknown[])[0]).toBe(false);
    expect((b['io.jwt.decode_verify'](token, { secret: 'secret', time: at(500), aud: 'api' }) as unknown[])[0]).toBe(false);
    expect((b['io.jwt.decode_verify'](token, { secret: 'secret', time: at(1500), aud: 'api', iss: 'you' }) as unknown[])[0]).toBe(false);
    expect((b['io.jwt.decode_verify'](token, { secret: 'wrong', time: at(1500), aud: 'api' }) as unknown[])[0]).toBe(false);
    expect(() => b['io.jwt.decode_verify'](token, { secret: 'secret', colour: 1 })).toThrow('unknown token validation constraint: colour');
    const badExp = sign({ alg: 'HS256' }, { exp: 'soon' }, hmacJwk);
    expect(() => b['io.jwt.decode_verify'](badExp, { secret: 'secret' })).toThrow('exp value must be a number');
  });

  it('reports malformed tokens and keys', () => {
    expect(() => b['io.jwt.decode']('abc')).toThrow('encoded JWT had no period separators');
    expect(() => b['io.jwt.decode']('a.b')).toThrow('encoded JWT must have 3 sections, found 2');
    expect(() => b['io.jwt.decode']('e30.e30.a(b')).toThrow('JWT signature had invalid encoding: illegal base64 data at input byte 1');
    const token = sign({ alg: 'RS256' }, {}, rsa.privateKey.export({ format: 'jwk' }));
    expect(() => b['io.jwt.verify_rs256'](token, '{not json')).toThrow('failed to parse a JWK key (set)');
    expect(() => b['io.jwt.verify_rs256'](token, `${rsaPublicPem}trailing`)).toThrow('extra data after a PEM certificate block');
    expect(() => b['io.jwt.encode_sign_raw']('{"alg":"dummy"}', '{}', '{"kty":"oct","k":"eA"}')).toThrow('unknown signature algorithm');
    expect(() => b['io.jwt.encode_sign_raw']('', '{}', '{}')).toThrow('unexpected end of JSON input');
  });
});
