import { describe, expect, it } from 'vitest';
import { holdsPemBegin } from '../../../src/guard/patterns/secrets/pem-marker.js';
import { findSecrets } from '../../../src/guard/patterns/secrets/index.js';

describe('holdsPemBegin', () => {
  it('answers for each text, whichever was asked about before', () => {
    expect(holdsPemBegin('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(holdsPemBegin('no marker here')).toBe(false);
    expect(holdsPemBegin('no marker here')).toBe(false);
    expect(holdsPemBegin('BEGIN')).toBe(true);
    expect(holdsPemBegin('begin')).toBe(false);
    expect(holdsPemBegin('')).toBe(false);
    // "GIN" is looked for first: texts holding it without "BEGIN", and Cyrillic letters sharing a low byte with "B".
    expect(holdsPemBegin('LOGIN ORIGIN PLUGIN')).toBe(false);
    expect(holdsPemBegin('\u0442\u0442\u0442 BEGIN')).toBe(true);
    expect(holdsPemBegin('\u0442EGIN')).toBe(false);
  });

  it('lets the private key scan find keys in one text after another without markers', () => {
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEowIBAAKCAQEA'.repeat(4)}\n-----END RSA PRIVATE KEY-----`;
    expect(findSecrets('a text without any marker at all').map((m) => m.kind)).toEqual([]);
    expect(findSecrets(key).map((m) => m.kind)).toEqual(['secret.private_key']);
    expect(findSecrets(`prefix ${key}`).map((m) => m.kind)).toEqual(['secret.private_key']);
  });
});
