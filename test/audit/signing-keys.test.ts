import { sign, verify } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyIdOf, loadSigningKey, loadVerifyKey, writeSigningKeyPair } from '../../src/audit/signing-keys.js';
import { makeTempDir } from './fixtures/audit-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => cleanup());

describe('writeSigningKeyPair', () => {
  it('writes a private key only its owner can read and a matching public key', async () => {
    const written = await writeSigningKeyPair(join(dir, 'audit'));
    expect((await stat(written.privateKeyPath)).mode & 0o777).toBe(0o600);
    const privateKey = await loadSigningKey(written.privateKeyPath);
    const publicKey = await loadVerifyKey(written.publicKeyPath);
    expect(keyIdOf(publicKey)).toBe(written.keyId);
    expect(keyIdOf(privateKey)).toBe(written.keyId);
    const signature = sign(null, Buffer.from('head'), privateKey);
    expect(verify(null, Buffer.from('head'), publicKey, signature)).toBe(true);
  });

  it('refuses to overwrite an existing key unless forced, and a forced key is private again', async () => {
    const prefix = join(dir, 'audit');
    const first = await writeSigningKeyPair(prefix);
    await expect(writeSigningKeyPair(prefix)).rejects.toThrow(`${prefix}.key already exists (use --force to replace it)`);
    const { chmod } = await import('node:fs/promises');
    await chmod(first.privateKeyPath, 0o644);
    const second = await writeSigningKeyPair(prefix, { force: true });
    expect(second.keyId).not.toBe(first.keyId);
    expect((await stat(second.privateKeyPath)).mode & 0o777).toBe(0o600);
  });
});

describe('loading keys', () => {
  it('explains what is wrong with a file that is not the right key', async () => {
    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'hello');
    await expect(loadSigningKey(notes)).rejects.toThrow(`${notes} is not a PEM private key (expected the .key file written by toolgate keygen)`);
    await expect(loadVerifyKey(join(dir, 'missing.pub'))).rejects.toThrow(/^cannot read key .*missing\.pub: ENOENT/);
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = join(dir, 'rsa.pem');
    await writeFile(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(loadSigningKey(rsa)).rejects.toThrow(`${rsa} holds a rsa key; audit checkpoints need an Ed25519 key (toolgate keygen)`);
  });

  it('accepts the private key file where a public key is expected', async () => {
    const written = await writeSigningKeyPair(join(dir, 'audit'));
    expect(keyIdOf(await loadVerifyKey(written.privateKeyPath))).toBe(written.keyId);
  });
});
