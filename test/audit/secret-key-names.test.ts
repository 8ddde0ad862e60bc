import { describe, expect, it } from 'vitest';
import { isSecretKeyName } from '../../src/audit/secret-key-names.js';

describe('isSecretKeyName', () => {
  it.each([
    'password', 'Password', 'db_password', 'userPassword', 'passwd', 'passphrase', 'secret', 'client_secret',
    'clientSecret', 'token', 'access_token', 'refreshToken', 'GITHUB_TOKEN', 'api_key', 'apiKey', 'X-Api-Key',
    'APIKEY', 'private_key', 'privateKey', 'aws_secret_access_key', 'accessKey', 'authorization', 'Proxy-Authorization',
    'cookie', 'Set-Cookie', 'credentials', 'auth', 'jwt', 'otp', 'signing-key',
  ])('flags %s', (key) => {
    expect(isSecretKeyName(key)).toBe(true);
  });

  it.each([
    'author', 'authors', 'max_tokens', 'token_count', 'tokenizer', 'key', 'keyboard', 'public_key', 'secretary',
    'password_policy', 'next_page_token', 'pageToken', 'continuationToken', 'path', 'content', 'query', 'session',
  ])('leaves %s alone', (key) => {
    expect(isSecretKeyName(key)).toBe(false);
  });

  it('sees through zero-width characters, fullwidth letters and bidi controls in key names', () => {
    expect(isSecretKeyName('pass\u200Bword')).toBe(true);
    expect(isSecretKeyName('ｐａｓｓｗｏｒｄ')).toBe(true);
    expect(isSecretKeyName('api\u202E_key')).toBe(true);
    expect(isSecretKeyName('to\u00ADken')).toBe(true);
  });

  it('takes extra names, matched as a suffix of the compact key', () => {
    expect(isSecretKeyName('x-tenant-signature', ['signature'])).toBe(true);
    expect(isSecretKeyName('x-tenant-id', ['signature'])).toBe(false);
  });
});
