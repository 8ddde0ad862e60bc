import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { JsonValue } from './json-safe.js';

/** Every stored event carries `seq`, `prevhash` and `hash`; `hash` covers everything else. */
export const HASH_PREFIX = 'sha256:';
export const GENESIS_HASH = `${HASH_PREFIX}${'0'.repeat(64)}`;
const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

export interface ChainHead {
  /** Sequence number of the last event in the chain; 0 before the first event. */
  seq: number;
  hash: string;
}

export const EMPTY_CHAIN: ChainHead = { seq: 0, hash: GENESIS_HASH };

export function isChainHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

/** SHA-256 of the RFC 8785 canonical JSON of the stored event without its own `hash` member. */
export function eventHash(stored: { [key: string]: JsonValue }): string {
  const { hash: _ownHash, ...covered } = stored;
  return HASH_PREFIX + createHash('sha256').update(canonicalJson(covered), 'utf8').digest('hex');
}
