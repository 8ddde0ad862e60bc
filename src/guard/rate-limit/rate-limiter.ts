import type { LimitSpec } from '../../policy/documents.js';
import { TokenBucket } from './token-bucket.js';

export type LimitScope = NonNullable<LimitSpec['scope']>;
const scopes: readonly LimitScope[] = ['global', 'session', 'identity'];

/** Who a call comes from, for limits kept per session or per identity. */
export interface ScopeKeys {
  session?: string;
  identity?: string;
}

/** Callers without an identity share one bucket per limit: they are one unknown caller as far as limits go. */
export const anonymousIdentity = 'anonymous';
/** Calls outside any session (a stateless HTTP request) share one bucket per limit. */
export const noSession = 'none';

export interface RateLimitVerdict {
  allowed: boolean;
  /** When blocked: seconds until every exhausted bucket has a token again. */
  retryAfterSeconds?: number;
  /** When blocked: the limits that had no token. */
  exceeded?: LimitSpec[];
}

export interface CounterState {
  /** Whole calls left right now. */
  remaining: number;
  limit: number;
  per: number;
}

/** What the policy sees as `input.counters`: per scope, per limit key. */
export type CounterSnapshot = Record<LimitScope, Record<string, CounterState>>;

export interface RateLimiterOptions {
  /** Milliseconds since the epoch; injectable so tests and replays control time. Default Date.now. */
  clock?: () => number;
  /** Beyond this many buckets, full ones (same as fresh) are dropped, then the least recently used. Default 100,000. */
  maxBuckets?: number;
}

function validateLimit(limit: LimitSpec): LimitScope {
  const scope = limit.scope ?? 'global';
  if (typeof limit.key !== 'string' || limit.key.length === 0) throw new RangeError(`rate limit needs a non-empty key, got ${JSON.stringify(limit.key)}`);
  if (!(typeof limit.requests === 'number' && Number.isFinite(limit.requests) && limit.requests > 0)) {
    throw new RangeError(`rate limit '${limit.key}': requests must be a positive number, got ${JSON.stringify(limit.requests)}`);
  }
  if (!(typeof limit.per === 'number' && Number.isFinite(limit.per) && limit.per > 0)) {
    throw new RangeError(`rate limit '${limit.key}': per must be a positive number of seconds, got ${JSON.stringify(limit.per)}`);
  }
  if (!scopes.includes(scope)) throw new RangeError(`rate limit '${limit.key}': scope must be one of ${scopes.join(', ')}, got ${JSON.stringify(scope)}`);
  return scope;
}

function scopeValue(scope: LimitScope, keys: ScopeKeys): string {
  if (scope === 'global') return '';
  if (scope === 'session') return keys.session || noSession;
  return keys.identity || anonymousIdentity;
}

function bucketId(scope: LimitScope, value: string, key: string): string {
  return `${scope}\u0000${value}\u0000${key}`;
}

/**
 * Token buckets for the limits a decision names (`limits: [{key, requests,
 * per, scope}]`), one per limit key and per session, identity or globally.
 * A call passes only if every one of its buckets has a token, and only then
 * is a token taken from each: a blocked call consumes nothing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly clock: () => number;
  private readonly maxBuckets: number;

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.maxBuckets = options.maxBuckets ?? 100_000;
  }

  check(limits: readonly LimitSpec[], keys: ScopeKeys, now = this.clock()): RateLimitVerdict {
    const involved = new Map<string, { bucket: TokenBucket; limit: LimitSpec }>();
    for (const limit of limits) {
      const scope = validateLimit(limit);
      const id = bucketId(scope, scopeValue(scope, keys), limit.key);
      if (involved.has(id)) continue;
      involved.set(id, { bucket: this.bucketFor(id, limit, now), limit });
    }
    const exhausted = [...involved.values()].filter(({ bucket }) => !bucket.hasToken());
    if (exhausted.length > 0) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(...exhausted.map(({ bucket }) => bucket.secondsUntilToken())),
        exceeded: exhausted.map(({ limit }) => limit),
      };
    }
    for (const { bucket } of involved.values()) bucket.take();
    this.prune(now);
    return { allowed: true };
  }

  /** The buckets this caller's calls draw from, as the policy's `input.counters`. Read-only. */
  counters(keys: ScopeKeys, now = this.clock()): CounterSnapshot {
    const snapshot: CounterSnapshot = { global: {}, session: {}, identity: {} };
    for (const [id, bucket] of this.buckets) {
      const [scope, value, key] = id.split('\u0000') as [LimitScope, string, string];
      if (value !== scopeValue(scope, keys)) continue;
      bucket.refill(now);
      snapshot[scope][key] = { remaining: Math.floor(bucket.tokens + 1e-9), limit: bucket.capacity, per: bucket.perSeconds };
    }
    return snapshot;
  }

  get size(): number {
    return this.buckets.size;
  }

  private bucketFor(id: string, limit: LimitSpec, now: number): TokenBucket {
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = new TokenBucket(limit.requests, limit.per, now);
    } else {
      bucket.reconfigure(limit.requests, limit.per, now);
      bucket.refill(now);
      this.buckets.delete(id); // re-inserted below: the map's order is least recently used first
    }
    this.buckets.set(id, bucket);
    return bucket;
  }

  private prune(now: number): void {
    if (this.buckets.size <= this.maxBuckets) return;
    // Down to 90%, so the sweep runs once per many calls rather than on every call at the limit.
    const target = Math.floor(this.maxBuckets * 0.9);
    for (const [id, bucket] of this.buckets) {
      bucket.refill(now);
      if (bucket.isFull()) this.buckets.delete(id);
    }
    for (const id of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(id);
    }
  }
}
