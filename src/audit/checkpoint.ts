import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ChainHead } from './hash-chain.js';
import type { JsonValue } from './json-safe.js';
import { keyIdOf } from './signing-keys.js';

/**
 * A checkpoint is an event in the chain whose data is an Ed25519 signature
 * over the chain head before it: the number of events and the hash of the last
 * one. `final` marks the checkpoint written when the log was closed; a log
 * ending in one is sealed, so removing events from its end is detectable.
 */
export interface CheckpointData {
  count: number;
  head: string;
  final: boolean;
  alg: 'Ed25519';
  keyid: string;
  signature: string;
}

function signedMessage(source: string, count: number, head: string, final: boolean, keyid: string): Buffer {
  const message = { type: 'toolgate.audit.checkpoint.v1', source, count, head, final, keyid };
  return Buffer.from(canonicalJson(message), 'utf8');
}

export function signCheckpoint(source: string, head: ChainHead, final: boolean, privateKey: KeyObject): CheckpointData {
  const keyid = keyIdOf(privateKey);
  const signature = sign(null, signedMessage(source, head.seq, head.hash, final, keyid), privateKey).toString('base64url');
  return { count: head.seq, head: head.hash, final, alg: 'Ed25519', keyid, signature };
}

export type CheckpointCheck = { ok: true; final: boolean } | { ok: false; reason: string };

/**
 * Checks a stored checkpoint: it must describe the chain exactly as it stands
 * before it (count = seq - 1, head = prevhash), and, when a key is given, carry
 * that key's valid signature.
 */
export function checkCheckpoint(
  event: { seq: number; prevhash: string; source: string; data: { [key: string]: JsonValue } },
  publicKey: KeyObject | undefined,
): CheckpointCheck {
  const { count, head, final, alg, keyid, signature } = event.data;
  if (typeof count !== 'number' || typeof head !== 'string' || typeof final !== 'boolean' || alg !== 'Ed25519'
    || typeof keyid !== 'string' || typeof signature !== 'string') {
    return { ok: false, reason: 'checkpoint is missing count, head, final, alg, keyid or signature' };
  }
  if (count !== event.seq - 1 || head !== event.prevhash) {
    return { ok: false, reason: `checkpoint covers ${count} events ending in ${head}, but the chain before it has ${event.seq - 1} ending in ${event.prevhash}` };
  }
  if (publicKey === undefined) return { ok: true, final };
  const expectedKeyId = keyIdOf(publicKey);
  if (keyid !== expectedKeyId) {
    return { ok: false, reason: `checkpoint is signed by key ${keyid}, not by the given key ${expectedKeyId}` };
  }
  const valid = verify(null, signedMessage(event.source, count, head, final, keyid), publicKey, Buffer.from(signature, 'base64url'));
  return valid ? { ok: true, final } : { ok: false, reason: 'checkpoint signature is invalid' };
}
