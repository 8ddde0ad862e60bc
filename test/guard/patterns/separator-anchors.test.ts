import { describe, expect, it } from 'vitest';
import { caseless } from '../../../src/guard/patterns/caseless.js';
import { assignmentAnchor, authorizationAnchor, awsSecretAnchor, awsSecretNames, matchesBeforeSeparators, schemeSeparators } from '../../../src/guard/patterns/secrets/separator-anchors.js';
import { findKnownSecrets } from '../../../src/guard/patterns/secrets/known-formats.js';
import { assignment } from '../../../src/guard/patterns/secrets/generic.js';
import { findSecrets } from '../../../src/guard/patterns/secrets/index.js';

/** The AWS secret key and Authorization patterns of known-formats.ts, scanned plainly as the reference. */
const awsSecret = new RegExp(awsSecretNames + String.raw`["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`, 'dg');
const authorization = new RegExp(
  caseless('authorization') + String.raw`["']?\s{0,4}[:=]\s{0,4}["']?` + caseless('(?:bearer|basic|token)') + String.raw`\s{1,4}([A-Za-z0-9._~+/=-]{16,})`,
  'dg',
);
const summary = (matches: RegExpExecArray[]) => matches.map((m) => [m.index, m[0], m.indices![1]]);
const value = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** One to three secret-like names (and near misses), blanks (Unicode ones too), separators and values. */
function namedValues(random: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const names = ['aws_secret_access_key', 'AWS_SECRET_KEY', 'aws_secreT', 'xion', 'authorizatioN', 'AWS_SECRET', 'awssecretkey', 'secret_access_key', 'SecretAccessKey', 'Authorization', 'AUTHORIZATION', 'xauthorization', 'password', 'uthorization', 'version', 'description', 'aUtHoRiZaTiOn', 'secret', 'PassPhrase', 'api_key', 'pwd', 'refresh-token', 'passwd', 'client_secret', 'APIKEY', 'private-key', 'auth_token'];
  const quotes = ['', '', '"', "'"];
  // Unicode blanks count as `\s` for these names: the quick check before the regex must let them through.
  const blanks = ['', ' ', '    ', '     ', '\n', '\t ', '\u00a0', '\u3000\u2028', '\ufeff ', '\u200b'];
  const separators = [':', '=', '::', '=>', ':=', '', '-'];
  const schemes = ['', 'Bearer ', 'basic  ', 'Token\t', 'bearer'];
  const values = [value, value.slice(0, 39), `${value}x`, `${value}/`, 'abcdefghijklmnop12', 'abc', `${value.slice(0, 20)}aws_secret=${value}`];
  const parts: string[] = [];
  for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
    parts.push(pick(['', ' ', 'x', '1', '_']), pick(names), pick(quotes), pick(blanks), pick(separators), pick(blanks), pick(quotes), pick(schemes), pick(values));
  }
  return parts.join('');
}

describe('matchesBeforeSeparators', () => {
  it('finds what scanning with the AWS secret key and Authorization patterns finds', () => {
    const random = seeded(31);
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      const text = namedValues(random);
      for (const [pattern, anchor] of [[awsSecret, awsSecretAnchor], [authorization, authorizationAnchor]] as const) {
        const expected = summary([...text.matchAll(pattern)] as RegExpExecArray[]);
        found += expected.length;
        expect(summary(matchesBeforeSeparators(pattern, anchor, text)), JSON.stringify(text)).toEqual(expected);
      }
    }
    expect(found).toBeGreaterThan(300);
  });

  it('finds the same in large texts, where a kernel rules out separators after other names, and at both ends of the text', () => {
    const random = seeded(5);
    const glue = ['', '\r\n', ' ', '\ud800', '\udc00', '\u00e9', 'xversion', 'monkey', 'token', '"', ':', '='];
    const assigned = new RegExp(assignment.source, 'dg');
    let found = 0;
    for (let n = 0; n < 8; n++) {
      const parts: string[] = [];
      for (let length = 0; length < 20_000; length += parts[parts.length - 1].length) parts.push(namedValues(random), glue[Math.floor(random() * glue.length)]);
      const text = `${n % 2 === 0 ? 'password' : 'Authorization'}${parts.join('')}${n % 2 === 0 ? 'TOKEN' : 'aws_secret\u3000'}`;
      for (const [pattern, anchor] of [[awsSecret, awsSecretAnchor], [authorization, authorizationAnchor], [assigned, assignmentAnchor]] as const) {
        const expected = summary([...text.matchAll(pattern)] as RegExpExecArray[]);
        found += expected.length;
        expect(summary(matchesBeforeSeparators(pattern, anchor, text)), `case ${n} ${pattern.source.slice(0, 20)}`).toEqual(expected);
      }
      expect(summary(matchesBeforeSeparators(assigned, assignmentAnchor, `${text}:`))).toEqual(summary([...`${text}:`.matchAll(assigned)] as RegExpExecArray[]));
    }
    expect(found).toBeGreaterThan(300);
  });

  it('finds both kinds and assignments in one text, whatever was scanned before', () => {
    const text = `aws_secret_access_key = ${value}\nAuthorization: Bearer abcdefghijklmnop12\npassword=hunter2hunter2`;
    findKnownSecrets('password: another text scanned first');
    expect(findKnownSecrets(text).map((m) => m.kind)).toEqual(['secret.aws_secret_access_key', 'secret.bearer_token']);
  });
});

describe('secret names in large texts', () => {
  it('let their separator through the kernel for every name the patterns know, in any case', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(800);
    const names = ['password', 'PASSWD', 'pwd', 'passphrase', 'secret', 'secret_key', 'client-secret', 'api_key', 'ApiKey', 'access_token', 'auth_token', 'refresh_token', 'private_key', 'token'];
    const assignments = [
      ...names.map((name) => `${name} = "Xk29dLq8Zp3vT7wQ"`),
      `aws_secret_access_key: ${value}`,
      `SecretAccessKey = ${value}`,
      'Authorization: Bearer abcdefghijklmnop12',
    ];
    for (const assignment of assignments) {
      const kinds = findSecrets(assignment).map((match) => match.kind);
      expect(kinds, assignment).not.toEqual([]);
      expect(findSecrets(`${filler}${assignment} ${filler}`).map((match) => match.kind), assignment).toEqual(kinds);
    }
  });
});

describe('schemeSeparators', () => {
  it('finds every "://" as indexOf does, at the ends of the text, doubled, and next to other separators', () => {
    const reference = (text: string) => {
      const found: number[] = [];
      for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) found.push(at);
      return found;
    };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['://', ':/', '/', ':', '=', 'password=', 'https', ' ', '\r\n', 'é', '\ud800', '::///'];
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: Math.floor(random() * 20) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(schemeSeparators(text), JSON.stringify(text)).toEqual(reference(text));
    }
    expect(schemeSeparators('://')).toEqual([0]);
    expect(schemeSeparators('a:/')).toEqual([]);
    expect(schemeSeparators('')).toEqual([]);
  });

  it('finds the same in large texts, whose separators a kernel lists, around Cyrillic letters whose units share a byte with ":" and "="', () => {
    const reference = (text: string) => [...text.matchAll(/:\/\//g)].map((m) => m.index);
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['://', ':/', ':', '=', '\u043a', '\u043d', '\u3a3a', ' ', '\r\n', '\ud800', 'password=hunter2hunter2', 'x'.repeat(500)];
    for (let n = 0; n < 10; n++) {
      const parts: string[] = ['://'];
      for (let length = 0; length < 20_000; length += parts[parts.length - 1].length) parts.push(pieces[Math.floor(random() * pieces.length)]);
      parts.push('://');
      const text = parts.join('');
      expect(schemeSeparators(text), `case ${n}`).toEqual(reference(text));
      const withKeys = `aws_secret_access_key=${value}${text}\u043aAWS_SECRET: ${value}`;
      const expected = summary([...withKeys.matchAll(awsSecret)] as RegExpExecArray[]);
      expect(expected).toHaveLength(2);
      expect(summary(matchesBeforeSeparators(awsSecret, awsSecretAnchor, withKeys)), `case ${n}`).toEqual(expected);
    }
  });
});
