import { describe, expect, it } from 'vitest';
import type { LimitSpec } from '../../../src/policy/documents.js';
import { RateLimiter } from '../../../src/guard/rate-limit/rate-limiter.js';

function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new RateLimiter({ clock: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
}

const threePerMinute: LimitSpec = { key: 'calls', requests: 3, per: 60 };

describe('RateLimiter', () => {
  it('lets the first N calls through and blocks the next with a retry-after hint', () => {
    const { limiter } = limiterAt();
    expect([1, 2, 3].map(() => limiter.check([threePerMinute], {}).allowed)).toEqual([true, true, true]);
    const blocked = limiter.check([threePerMinute], {});
    expect(blocked.allowed).toBe(false);
    expect(blocked.retryAfterSeconds).toBeCloseTo(20, 6); // one token per 20 s
    expect(blocked.exceeded).toEqual([threePerMinute]);
  });

  it('refills continuously rather than per fixed window', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.check([threePerMinute], {});
    advance(19_999);
    expect(limiter.check([threePerMinute], {}).allowed).toBe(false);
    advance(1);
    expect(limiter.check([threePerMinute], {}).allowed).toBe(true);
    expect(limiter.check([threePerMinute], {}).allowed).toBe(false);
    advance(40_000);
    expect(limiter.check([threePerMinute], {}).allowed).toBe(true);
    expect(limiter.check([threePerMinute], {}).allowed).toBe(true);
    expect(limiter.check([threePerMinute], {}).allowed).toBe(false);
  });

  it('never holds more than its capacity however long it idles', () => {
    const { limiter, advance } = limiterAt();
    limiter.check([threePerMinute], {});
    advance(3_600_000);
    expect([1, 2, 3, 4].map(() => limiter.check([threePerMinute], {}).allowed)).toEqual([true, true, true, false]);
  });

  it('consumes nothing from any bucket when one of them blocks the call', () => {
    const { limiter } = limiterAt();
    const tight: LimitSpec = { key: 'tight', requests: 1, per: 60 };
    const loose: LimitSpec = { key: 'loose', requests: 10, per: 60 };
    expect(limiter.check([tight, loose], {}).allowed).toBe(true);
    for (let i = 0; i < 5; i++) expect(limiter.check([tight, loose], {}).allowed).toBe(false);
    expect(limiter.counters({}).global.loose.remaining).toBe(9);
  });

  it('reports the longest wait when several buckets are empty', () => {
    const { limiter } = limiterAt();
    const a: LimitSpec = { key: 'a', requests: 1, per: 10 };
    const b: LimitSpec = { key: 'b', requests: 1, per: 30 };
    limiter.check([a, b], {});
    const verdict = limiter.check([a, b], {});
    expect(verdict.retryAfterSeconds).toBeCloseTo(30, 6);
    expect(verdict.exceeded?.map((l) => l.key)).toEqual(['a', 'b']);
  });

  it('keeps session buckets apart per session and identity buckets per identity', () => {
    const { limiter } = limiterAt();
    const perSession: LimitSpec = { key: 'calls', requests: 1, per: 60, scope: 'session' };
    const perIdentity: LimitSpec = { key: 'calls', requests: 1, per: 60, scope: 'identity' };
    expect(limiter.check([perSession], { session: 's1' }).allowed).toBe(true);
    expect(limiter.check([perSession], { session: 's1' }).allowed).toBe(false);
    expect(limiter.check([perSession], { session: 's2' }).allowed).toBe(true);
    expect(limiter.check([perIdentity], { session: 's1', identity: 'alice' }).allowed).toBe(true);
    expect(limiter.check([perIdentity], { session: 's9', identity: 'alice' }).allowed).toBe(false);
    expect(limiter.check([perIdentity], { session: 's1', identity: 'bob' }).allowed).toBe(true);
  });

  it('shares one bucket among callers without an identity', () => {
    const { limiter } = limiterAt();
    const perIdentity: LimitSpec = { key: 'calls', requests: 1, per: 60, scope: 'identity' };
    expect(limiter.check([perIdentity], { session: 'a' }).allowed).toBe(true);
    expect(limiter.check([perIdentity], { session: 'b' }).allowed).toBe(false);
  });

  it('shows the caller its counters per scope and key without consuming', () => {
    const { limiter } = limiterAt();
    limiter.check([threePerMinute, { key: 'calls', requests: 5, per: 1, scope: 'session' }], { session: 's1' });
    const snapshot = limiter.counters({ session: 's1' });
    expect(snapshot).toEqual({
      global: { calls: { remaining: 2, limit: 3, per: 60 } },
      session: { calls: { remaining: 4, limit: 5, per: 1 } },
      identity: {},
    });
    expect(limiter.counters({ session: 's1' })).toEqual(snapshot);
    expect(limiter.counters({ session: 'other' }).session).toEqual({});
  });

  it('follows a changed limit for the same key (policy reload) without refilling', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.check([threePerMinute], {});
    expect(limiter.check([{ key: 'calls', requests: 100, per: 60 }], {}).allowed).toBe(false);
    expect(limiter.counters({}).global.calls.limit).toBe(100);
  });

  it('ignores a clock that goes backwards', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.check([threePerMinute], {});
    advance(-60_000);
    expect(limiter.check([threePerMinute], {}).allowed).toBe(false);
  });

  it('rejects malformed limits with a message naming the problem', () => {
    const { limiter } = limiterAt();
    expect(() => limiter.check([{ key: '', requests: 1, per: 1 }], {})).toThrow(/non-empty key/);
    expect(() => limiter.check([{ key: 'x', requests: 0, per: 1 }], {})).toThrow(/'x': requests must be a positive number/);
    expect(() => limiter.check([{ key: 'x', requests: 1, per: Number.NaN }], {})).toThrow(/per must be a positive number of seconds/);
    expect(() => limiter.check([{ key: 'x', requests: 1, per: 1, scope: 'planet' as never }], {})).toThrow(/scope must be one of global, session, identity/);
  });

  it('drops idle full buckets once it holds too many', () => {
    let now = 0;
    const limiter = new RateLimiter({ clock: () => now, maxBuckets: 10 });
    for (let i = 0; i < 20; i++) limiter.check([{ key: 'k', requests: 5, per: 1, scope: 'session' }], { session: `s${i}` });
    now += 10_000;
    limiter.check([{ key: 'k', requests: 5, per: 1, scope: 'session' }], { session: 'fresh' });
    expect(limiter.size).toBeLessThanOrEqual(10);
  });
});
