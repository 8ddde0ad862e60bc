import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, writeFile, chmod } from 'node:fs/promises';

/** Ed25519 keys for audit checkpoints: PKCS#8 PEM private key, SPKI PEM public key. */

export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

/** Short, stable name of a public key: the first 16 hex digits of SHA-256 over its raw 32 bytes. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

function requireEd25519(key: KeyObject, path: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`${path} holds a ${key.asymmetricKeyType ?? 'symmetric'} key; audit checkpoints need an Ed25519 key (toolgate keygen)`);
  }
  return key;
}

async function readKeyText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SigningKeyError(`cannot read key ${path}: ${(error as Error).message}`);
  }
}

export async function loadSigningKey(path: string): Promise<KeyObject> {
  const text = await readKeyText(path);
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new SigningKeyError(`${path} is not a PEM private key (expected the .key file written by toolgate keygen)`);
  }
  return requireEd25519(key, path);
}

/** The verification key: a public key file, or a private key file (its public half is used). */
export async function loadVerifyKey(path: string): Promise<KeyObject> {
  const text = await readKeyText(path);
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    throw new SigningKeyError(`${path} is not a PEM public or private key (expected the .pub file written by toolgate keygen)`);
  }
  return requireEd25519(key, path);
}

export interface WrittenKeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
  keyId: string;
}

/** Writes `<prefix>.key` (mode 0600) and `<prefix>.pub`; refuses to overwrite unless `force`. */
export async function writeSigningKeyPair(prefix: string, options: { force?: boolean } = {}): Promise<WrittenKeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateKeyPath = `${prefix}.key`;
  const publicKeyPath = `${prefix}.pub`;
  const flag = options.force ? 'w' : 'wx';
  try {
    await writeFile(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag });
    // An overwritten file keeps its old mode; make sure it ends up private.
    await chmod(privateKeyPath, 0o600);
    await writeFile(publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') throw new SigningKeyError(`${err.path ?? prefix} already exists (use --force to replace it)`);
    throw new SigningKeyError(`cannot write key pair ${prefix}: ${err.message}`);
  }
  return { privateKeyPath, publicKeyPath, keyId: keyIdOf(publicKey) };
}
