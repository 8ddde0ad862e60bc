import { describe, expect, it } from 'vitest';
import { REDACTED, redactForAudit } from '../../src/audit/redact-arguments.js';

const GITHUB = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

describe('redactForAudit', () => {
  it('redacts values under credential keys at any depth, whatever their type', () => {
    const { value, redactions } = redactForAudit({
      url: 'https://api.example.com',
      headers: { Authorization: 'anything', 'X-Api-Key': 12345 },
      nested: [{ config: { db: { password: { plain: 'x' } } } }],
    });
    expect(value).toEqual({
      url: 'https://api.example.com',
      headers: { Authorization: REDACTED, 'X-Api-Key': REDACTED },
      nested: [{ config: { db: { password: REDACTED } } }],
    });
    expect(redactions).toEqual([
      { path: ['headers', 'Authorization'], by: 'key' },
      { path: ['headers', 'X-Api-Key'], by: 'key' },
      { path: ['nested', 0, 'config', 'db', 'password'], by: 'key' },
    ]);
  });

  it('redacts secret-looking values under innocent keys, including in arrays', () => {
    const { value, redactions } = redactForAudit({ command: ['git', 'clone', `https://u:${GITHUB}@github.com/o/r`] });
    expect(value).toEqual({ command: ['git', 'clone', 'https://u:[REDACTED:github-token]@github.com/o/r'] });
    expect(redactions).toEqual([{ path: ['command', 2], by: 'value', kinds: ["github-token"] }]);
  });

  it('redacts inside JSON serialized into a string argument, keys included', () => {
    const { value, redactions } = redactForAudit({ body: JSON.stringify({ user: 'alice', password: 'hunter2' }) });
    expect(JSON.parse((value as { body: string }).body)).toEqual({ user: 'alice', password: REDACTED });
    expect(redactions).toEqual([{ path: ['body'], by: 'value', kinds: ['embedded-json'] }]);
  });

  it('redacts JSON nested in JSON nested in a string', () => {
    const inner = JSON.stringify({ token: 'abc' });
    const { value } = redactForAudit({ payload: JSON.stringify({ wrapped: inner }) });
    const outer = JSON.parse((value as { payload: string }).payload) as { wrapped: string };
    expect(JSON.parse(outer.wrapped)).toEqual({ token: REDACTED });
  });

  it('redacts a secret used as an object key and keeps siblings distinct', () => {
    const { value } = redactForAudit({ [GITHUB]: 1, [`${GITHUB.slice(0, -1)}Z`]: 2 });
    expect(Object.keys(value as object)).toEqual(['[REDACTED:github-token]', '[REDACTED:github-token]#2']);
  });

  it('keeps null and empty credential values (nothing to hide) and leaves benign arguments alone', () => {
    const args = { path: '/home/alice/report.md', max_tokens: 100, token: '', password: null, author: 'Alice' };
    const { value, redactions } = redactForAudit(args);
    expect(value).toEqual(args);
    expect(redactions).toEqual([]);
  });

  it('truncates very long strings, keeping a prefix, the length and a digest', () => {
    const { value, redactions } = redactForAudit({ content: 'a'.repeat(20_000) }, { maxStringLength: 1000 });
    expect((value as { content: string }).content).toMatch(/^a{256}…\[TRUNCATED: 20000 chars, sha256:[0-9a-f]{64}\]$/);
    expect(redactions).toEqual([{ path: ['content'], by: 'truncated' }]);
  });

  it('takes extra key names', () => {
    expect(redactForAudit({ ssn: '123' }, { extraKeys: ['ssn'] }).value).toEqual({ ssn: REDACTED });
  });
});
