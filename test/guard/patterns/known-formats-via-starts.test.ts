import { describe, expect, it } from 'vitest';
import { findKnownSecrets } from '../../../src/guard/patterns/secrets/known-formats.js';

const alnum = (length: number, seed: string) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

/** Credentials of every format, some cut short or run into neighbouring characters. */
const pieces = [
  `ghp_${alnum(36, 'aB3xK9mQ7pL2')}`, `gho_${alnum(40, 'Zz9Yy8Xx7')}`, `github_pat_${alnum(82, 'aB3_xK9')}`, `ghp_${alnum(35, 'aB3xK9')}`,
  `glpat-${alnum(20, 'aB3-xK9_')}`, `glpat-${alnum(19, 'aB3')}`, `sk_live_${alnum(24, 'aB3xK9mQ')}`, `rk_test_${alnum(16, 'Qq1')}`,
  `whsec_${alnum(32, 'aB3xK9mQ7')}`, `AIza${alnum(35, 'aB3_xK9-')}`, `sk-ant-api03-${alnum(40, 'aB3_xK9-')}`, `npm_${alnum(36, 'aB3xK9mQ')}`,
  `npm_${alnum(37, 'aB3xK9mQ')}`, 'AKIAIOSFODNN7EXAMPLE', `sk-proj-${alnum(30, 'aB3xK9')}`, 'xoxb-1234567890-abcdefABCDEF',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefgh12', 'https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/' + alnum(24, 'aB3xK9'),
  'https://hooks.slack.com/workflows/T0ABCDEFG/B0ABCDEFG/' + alnum(20, 'Zz9'), 'hooks.slack.com/services/x', 'postgres://user:s3cretPw@db', 'AccountKey=' + alnum(86, 'aB3+/') + '==',
  'xoxoxb-1234567890-abcdefABCDEF', 'eyJeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefgh12', 'AccountKey=AccountKey=' + alnum(86, 'aB3+/') + '==', 'xox', 'eyJ',
];
const glue = [' ', '\n', '.', ':', '"', '=', '/', '_', '-', 'x', '+', '(', 'é', ''];

describe('findKnownSecrets tried only where matches can start', () => {
  it('finds the same credentials at the same places as the plain scan', () => {
    let seed = 9;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    let found = 0;
    for (let n = 0; n < 40; n++) {
      const parts: string[] = [];
      while (parts.join('').length < 20_000) parts.push(random() < 0.2 ? pick(pieces) : 'lorem ipsum dolor '.repeat(1 + Math.floor(random() * 5)), pick(glue));
      const text = parts.join('');
      const plain = findKnownSecrets(text, false);
      found += plain.length;
      expect(findKnownSecrets(text, true)).toEqual(plain);
      expect(findKnownSecrets(text)).toEqual(plain);
    }
    expect(found).toBeGreaterThan(400);
  });
});

describe('findKnownSecrets in texts dense with prefixes', () => {
  it('finds the same as the plain scan when the candidates are too many to try one by one', () => {
    const key = `sk-proj-${alnum(30, 'aB3xK9')}`;
    for (const filler of ['sk-', 'ghp_', 'AKIA', 'sk_live_x']) {
      const text = `${filler.repeat(8000)} ${key} ${filler.repeat(8000)}AKIAIOSFODNN7EXAMPLE ${key}`;
      const plain = findKnownSecrets(text, false);
      expect(plain.map((m) => m.kind), filler).toContain('secret.openai_api_key');
      expect(findKnownSecrets(text, true), filler).toEqual(plain);
    }
  });
});

describe('URL passwords', () => {
  const passwords = (text: string) => findKnownSecrets(text).filter((m) => m.kind === 'secret.url_password').map((m) => text.slice(m.start, m.end));

  it('are found at both ends of the text and after CRLF, and not without a scheme character before "://"', () => {
    expect(passwords('a://user:s3cretPw@')).toEqual(['s3cretPw']);
    expect(passwords('://user:s3cretPw@host')).toEqual([]);
    expect(passwords('é://user:s3cretPw@host')).toEqual([]);
    expect(passwords('line\r\nredis://:s3cretPw@host')).toEqual([]);
    expect(passwords('line\r\nredis://u:s3cretPw@host and ftp://x:${PASS}@h')).toEqual(['s3cretPw']);
    expect(passwords('x://user:s3cretPw')).toEqual([]);
  });
});
