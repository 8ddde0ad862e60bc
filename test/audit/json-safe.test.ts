import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { DEPTH_MARKER, toJsonSafe, toWellFormed } from '../../src/audit/json-safe.js';

describe('toJsonSafe', () => {
  it('replaces lone surrogates in values and keys so the event can still be hashed', () => {
    const hostile = JSON.parse('{"path": "/tmp/\\ud800x", "\\udfffkey": "\\ud83d\\ude00 ok"}');
    const safe = toJsonSafe(hostile);
    expect(safe).toEqual({ path: '/tmp/\ufffdx', '\ufffdkey': '\ud83d\ude00 ok' });
    expect(() => canonicalJson(safe)).not.toThrow();
  });

  it('keeps valid surrogate pairs', () => {
    expect(toWellFormed('a\ud83d\ude00b')).toBe('a\ud83d\ude00b');
    expect(toWellFormed('\ude00\ud83d')).toBe('\ufffd\ufffd');
  });

  it('turns values JSON cannot hold into strings or drops them', () => {
    expect(toJsonSafe({ n: Number.NaN, inf: Infinity, big: 12n, when: new Date(0), gone: undefined, fn: () => 1 })).toEqual({
      n: 'NaN',
      inf: 'Infinity',
      big: '12',
      when: '1970-01-01T00:00:00.000Z',
    });
  });

  it('cuts cycles and absurd nesting instead of failing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(toJsonSafe(cyclic)).toEqual({ a: 1, self: '[CIRCULAR]' });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = [deep];
    let cursor = toJsonSafe(deep);
    let depth = 0;
    while (Array.isArray(cursor)) {
      cursor = cursor[0];
      depth++;
    }
    expect(depth).toBe(64);
    expect(cursor).toBe(DEPTH_MARKER);
  });
});
