import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/guard/redact/redact-result.js';
import { Redactor } from '../../../src/guard/redact/redactor.js';

const githubToken = `ghp_${'aB3xK9mQ7pL2vR8tN4wZ6cY1'.repeat(2).slice(0, 36)}`;
const awsKey = 'AKIAIOSFODNN7EXAMPLE';

describe('redact', () => {
  it('replaces secrets in text content and counts them per kind', () => {
    const result = { content: [{ type: 'text', text: `token=${githubToken} key ${awsKey}` }] };
    const outcome = redact(result, ['secrets']);
    expect(outcome.result.content[0].text).toBe('token=[REDACTED:secret.github_token] key [REDACTED:secret.aws_access_key_id]');
    expect(outcome.count).toBe(2);
    expect(outcome.byKind).toEqual({ 'secret.github_token': 1, 'secret.aws_access_key_id': 1 });
  });

  it('leaves the original result untouched', () => {
    const result = { content: [{ type: 'text', text: `x ${awsKey}` }], structuredContent: { key: awsKey } };
    const snapshot = structuredClone(result);
    redact(result, ['secrets']);
    expect(result).toEqual(snapshot);
  });

  it('redacts only the PII kinds asked for', () => {
    const text = 'mail alice@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111';
    const onlyEmail = redact({ content: [{ type: 'text', text }] }, ['pii.email']);
    expect(onlyEmail.result.content[0].text).toBe('mail [REDACTED:pii.email], call +44 20 7946 0958, card 4111 1111 1111 1111');
    const allPii = redact({ content: [{ type: 'text', text }] }, ['pii']);
    expect(allPii.result.content[0].text).toBe('mail [REDACTED:pii.email], call [REDACTED:pii.phone], card [REDACTED:pii.card]');
    expect(allPii.count).toBe(3);
  });

  it('redacts structured content at any depth, including secret-named fields', () => {
    const result = {
      content: [],
      structuredContent: { users: [{ email: 'bob@example.com', profile: { notes: [`key ${awsKey}`] } }], password: 'Sup3r-Secret-99', count: 3 },
    };
    const outcome = redact(result, ['secrets', 'pii.email']);
    expect(outcome.result.structuredContent).toEqual({
      users: [{ email: '[REDACTED:pii.email]', profile: { notes: ['key [REDACTED:secret.aws_access_key_id]'] } }],
      password: '[REDACTED:secret.assigned]',
      count: 3,
    });
    expect(outcome.count).toBe(3);
  });

  it('redacts embedded resources: text and text blobs, not binary blobs', () => {
    const textBlob = Buffer.from(`aws_access_key_id=${awsKey}\n`).toString('base64');
    const binaryBlob = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
    const result = {
      content: [
        { type: 'resource', resource: { uri: 'file:///a.env', mimeType: 'text/plain', text: `TOKEN=${githubToken}` } },
        { type: 'resource', resource: { uri: 'file:///b.env', blob: textBlob } },
        { type: 'image', data: binaryBlob, mimeType: 'image/png' },
        { type: 'resource', resource: { uri: 'file:///c.png', blob: binaryBlob } },
      ],
    };
    const outcome = redact(result, ['secrets']);
    const [a, b, image, c] = outcome.result.content as Array<Record<string, any>>;
    expect(a.resource.text).toBe('TOKEN=[REDACTED:secret.github_token]');
    expect(Buffer.from(b.resource.blob, 'base64').toString()).toBe('aws_access_key_id=[REDACTED:secret.aws_access_key_id]\n');
    expect(image.data).toBe(binaryBlob);
    expect(c.resource.blob).toBe(binaryBlob);
    expect(outcome.count).toBe(2);
  });

  it('applies custom patterns in linear time with RE2', () => {
    const outcome = redact({ content: [{ type: 'text', text: 'ticket INC-12345 and inc-99' }] }, ['/INC-\\d+/i']);
    expect(outcome.result.content[0].text).toBe('ticket [REDACTED:custom] and [REDACTED:custom]');
    const pathological = 'a'.repeat(20_000) + '!';
    expect(redact({ content: [{ type: 'text', text: pathological }] }, ['/(a+)+$/']).count).toBe(0);
  });

  it('rejects unknown kinds and malformed patterns with a clear error', () => {
    expect(() => new Redactor(['pii.passport'])).toThrow(/unknown redaction kind 'pii.passport'/);
    expect(() => new Redactor(['/unclosed'])).toThrow(/must be written \/regex\/flags/);
    expect(() => new Redactor(['/a(b/'])).toThrow(/not a valid RE2 expression/);
    expect(() => new Redactor(['/a/g'])).toThrow(/unknown flag 'g'/);
    expect(() => new Redactor(['/(a)\\1/'])).toThrow(/not a valid RE2 expression/);
  });

  it('passes a result through unchanged when nothing matches or nothing is asked', () => {
    const result = { content: [{ type: 'text', text: 'nothing to see' }], isError: false };
    expect(redact(result, ['secrets', 'pii'])).toEqual({ result, count: 0, byKind: {} });
    expect(redact(result, []).result).toBe(result);
  });

  it('redacts the same secret every time (no state carried between calls)', () => {
    const result = { content: [{ type: 'text', text: awsKey }] };
    const counts = [1, 2, 3].map(() => redact(result, ['secrets']).count);
    expect(counts).toEqual([1, 1, 1]);
  });
});
