import { describe, expect, it } from 'vitest';
import { assignment, assignmentMatches } from '../../../src/guard/patterns/secrets/generic.js';

/** The plain scan the separator-first search must agree with. */
const reference = (text: string) => [...text.matchAll(new RegExp(assignment, 'dg'))];
const summary = (matches: RegExpExecArray[]) => matches.map((m) => [m.index, m[0], m.indices![2]]);

describe('assignmentMatches', () => {
  it('finds the same matches as scanning with the assignment pattern', () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['password', 'PassWord', 'pwd', 'secret', 'assword', 'passphrase', 'PASSWD', 'ken', 'oken', 'version', 'ecret', 'SECRET_KEY', 'client_secret', 'client-Secret', 'api_key', 'apiKey', 'refresh_token', 'token', 'x', 'my', '_', '"', "'", ' ', '    ', '\t', ':', '=', ':=', '=>', 'aB3dE6gH9', 'value', 'zz', ',', '\n', '1'];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(summary(assignmentMatches(text)), JSON.stringify(text)).toEqual(summary(reference(text)));
    }
  });

  it('finds keys at the full distance from their separator, chained assignments and values holding keys', () => {
    for (const text of [
      'client_secret"    = "s3cr3tValue99"',
      'refresh_token\t\t\t\t:=abcdefgh12',
      'token=password=abcdefghij token: qwertyuiop12',
      'xtoken=abcdefghijk, token = "abc"token=zyxwvutsr1',
      "API_KEY: 'k3y-v4lue-0001' pwd=>hunter2hunter2",
    ]) {
      expect(summary(assignmentMatches(text)), text).toEqual(summary(reference(text)));
      expect(assignmentMatches(text).length, text).toBeGreaterThan(0);
    }
  });
});
