import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

const sign = b['providers.aws.sign_req'];
const S3 = { aws_access_key: 'AKID', aws_secret_access_key: 'SECRET', aws_service: 's3', aws_region: 'us-east-1' };
const T2015 = 1451311705000000000; // 2015-12-28T14:08:25Z
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

type Signed = { headers: Record<string, string> } & Record<string, unknown>;

describe('providers.aws.sign_req', () => {
  it('matches the AWS SigV4 test suite (get-vanilla)', () => {
    const config = {
      aws_access_key: 'AKIDEXAMPLE',
      aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      aws_service: 'service',
      aws_region: 'us-east-1',
    };
    const signed = sign({ method: 'GET', url: 'https://example.amazonaws.com/' }, config, Date.UTC(2015, 7, 30, 12, 36) * 1e6) as Signed;
    expect(signed.headers).toEqual({
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders=host;x-amz-date,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    });
  });

  it('adds the payload hash for S3, signs request headers and keeps the rest of the request', () => {
    const signed = sign({ method: 'get', url: 'http://example.com', headers: { Foo: 'bar', 'User-Agent': 'x' }, timeout: '1s' }, S3, T2015) as Signed;
    expect(signed.timeout).toBe('1s');
    expect(signed.headers).toMatchObject({ Foo: 'bar', 'User-Agent': 'x', host: 'example.com', 'x-amz-date': '20151228T140825Z', 'x-amz-content-sha256': EMPTY_SHA256 });
    expect(signed.headers.Authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/20151228\/us-east-1\/s3\/aws4_request,SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/);
  });

  it('hashes raw_body before body, and body as Go JSON', () => {
    const withBody = sign({ method: 'put', url: 'http://example.com/k', body: { b: 1, a: '<' } }, S3, T2015) as Signed;
    const withRaw = sign({ method: 'put', url: 'http://example.com/k', body: { x: 1 }, raw_body: '{"a":"\\u003c","b":1}' }, S3, T2015) as Signed;
    expect(withBody.headers['x-amz-content-sha256']).toBe(withRaw.headers['x-amz-content-sha256']);
    expect(withBody.headers.Authorization).toBe(withRaw.headers.Authorization);
  });

  it('signs the session token and, when asked, an unsigned payload', () => {
    const signed = sign({ method: 'get', url: 'http://example.com' }, { ...S3, aws_session_token: 'TOKEN', disable_payload_signing: true }, T2015) as Signed;
    expect(signed.headers['x-amz-security-token']).toBe('TOKEN');
    expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(signed.headers.Authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,');
  });

  it('signs with a different key each day and region', () => {
    const a = (sign({ method: 'get', url: 'http://example.com' }, S3, T2015) as Signed).headers.Authorization;
    const nextDay = (sign({ method: 'get', url: 'http://example.com' }, S3, T2015 + 86400e9) as Signed).headers.Authorization;
    const otherRegion = (sign({ method: 'get', url: 'http://example.com' }, { ...S3, aws_region: 'eu-west-1' }, T2015) as Signed).headers.Authorization;
    expect(new Set([a, nextDay, otherRegion]).size).toBe(3);
  });

  it('escapes paths like Go and keeps an empty path empty', () => {
    const path = (url: string) => (sign({ method: 'get', url }, { ...S3, aws_service: 'execute-api' }, T2015) as Signed).headers.Authorization;
    expect(path('https://h/a b')).toBe(path('https://h/a%20b'));
    expect(path('https://h/é')).toBe(path('https://h/%C3%A9'));
    expect(path('https://h')).not.toBe(path('https://h/'));
  });

  it('reports missing and mistyped parameters in OPA wording', () => {
    expect(() => sign({}, S3, T2015)).toThrow('eval_type_error: providers.aws.sign_req: operand 1 missing required request parameters(s): {"method", "url"}');
    expect(() => sign({ method: [], url: 1 }, S3, T2015)).toThrow('operand 1 invalid values for required request parameters(s): {"method", "url"}');
    expect(() => sign({ method: 'get', url: 'http://x' }, { aws_region: 'r' }, T2015)).toThrow(
      'operand 2 missing required AWS config parameters(s): {"aws_access_key", "aws_secret_access_key", "aws_service"}',
    );
    expect(() => sign({ method: 'get', url: 'http://x' }, { ...S3, aws_region: 5 }, T2015)).toThrow('operand 2 invalid values for required AWS config parameters(s): {"aws_region"}');
    expect(() => sign({ method: 'get', url: 'http://x' }, { ...S3, disable_payload_signing: 'false' }, T2015)).toThrow(
      "operand 2 invalid value for 'disable_payload_signing' in AWS config",
    );
    expect(() => sign({ method: 'get', url: 'http://x' }, S3, -1e9)).toThrow('operand 3 could not convert time_ns value into a unix timestamp');
    expect(() => sign({ method: 'get', url: 'http://x' }, S3, 1.5)).toThrow('operand 3 could not convert time_ns value into a unix timestamp');
    expect(() => sign({ method: 'get', url: 'http://x' }, S3, '1')).toThrow('operand 3 must be number but got string');
    expect(() => sign('req', S3, T2015)).toThrow('operand 1 must be object but got string');
    expect(() => sign({ method: 'get', url: 'not a url' }, S3, T2015)).toThrow('providers.aws.sign_req: invalid url: "not a url"');
    expect(() => sign({ method: 'get', url: 'http://x', headers: { a: 1 } }, S3, T2015)).toThrow('operand 1 headers must be strings');
  });
});
