import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ensureString } from './operands.js';

function digest(builtin: string, algorithm: string) {
  return (value: unknown): string => createHash(algorithm).update(ensureString(builtin, 1, value), 'utf8').digest('hex');
}

function hmac(builtin: string, algorithm: string) {
  return (value: unknown, key: unknown): string => {
    const x = ensureString(builtin, 1, value);
    const k = ensureString(builtin, 2, key);
    return createHmac(algorithm, Buffer.from(k, 'utf8')).update(x, 'utf8').digest('hex');
  };
}

/** Constant-time comparison of two MACs. */
function hmacEqual(a: unknown, b: unknown): boolean {
  const x = Buffer.from(ensureString('crypto.hmac.equal', 1, a), 'utf8');
  const y = Buffer.from(ensureString('crypto.hmac.equal', 2, b), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const cryptoBuiltins = {
  'crypto.md5': digest('crypto.md5', 'md5'),
  'crypto.sha1': digest('crypto.sha1', 'sha1'),
  'crypto.sha256': digest('crypto.sha256', 'sha256'),
  'crypto.hmac.md5': hmac('crypto.hmac.md5', 'md5'),
  'crypto.hmac.sha1': hmac('crypto.hmac.sha1', 'sha1'),
  'crypto.hmac.sha256': hmac('crypto.hmac.sha256', 'sha256'),
  'crypto.hmac.sha512': hmac('crypto.hmac.sha512', 'sha512'),
  'crypto.hmac.equal': hmacEqual,
};
