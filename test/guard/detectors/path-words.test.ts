import { describe, expect, it } from 'vitest';
import { pathCandidates } from '../../../src/guard/detectors/path-candidates.js';
import { mayNameSensitiveLocation, sensitiveLocationOf } from '../../../src/guard/detectors/sensitive-locations.js';
import { caseless } from '../../../src/guard/patterns/caseless.js';

/** The words of a shell command that could be paths, as found before: every match of one regex, each widened to its word. */
function referenceShellPathWords(text: string): string[] {
  const pathHint = new RegExp(
    String.raw`[/\%~\0]|[^\0-\x7f]|\.\.|` +
      caseless(String.raw`\.env|id_(?:rsa|dsa|ecdsa|ed25519)|authorized_keys|[._]netrc|\.pgpass|\.npmrc|\.yarnrc|\.pypirc|\.git-credentials|\.htpasswd|_history|ntds\.dit|\.my\.cnf`),
    'g',
  );
  const isWordEnd = (code: number) => code <= 32 || ';|&<>()`'.includes(String.fromCharCode(code));
  const words = new Set<string>();
  let coveredUntil = 0;
  for (const hint of text.matchAll(pathHint)) {
    if (hint.index < coveredUntil) continue;
    let start = hint.index;
    while (start > coveredUntil && !isWordEnd(text.charCodeAt(start - 1))) start--;
    let end = hint.index + hint[0].length;
    while (end < text.length && !isWordEnd(text.charCodeAt(end))) end++;
    coveredUntil = end;
    if (end - start > 4096) continue;
    const bare = text.slice(start, end).replace(/^["']+|["']+$/g, '');
    if (bare.length > 0) words.add(bare);
  }
  return [...words];
}

/** Hints of every kind and their near misses, in both cases, next to word ends. */
const pieces = [
  '/', '%', '~', '\0', '\\', 'é', '\u212A', '..', '.', '.env', '.ENV', '.en', 'id_rsa', 'ID_ED25519', 'id_', 'id', 'authorized_keys', 'Authorized_Keys', 'authorized_key',
  '.netrc', '_NETRC', '.pgpass', '.npmrc', '.yarnrc', '.pypirc', '.git-credentials', '.git-credential', '.htpasswd', '_history', '_hist', 'ntds.dit', 'NTDS.DIT', 'ntds',
  '.my.cnf', '.my', 'an', 'in', 'and', 'nt', 'aut', 'authorized', '_keys', 'ntds', '.dit', '_rsa', '_ed25519', 'x', 'etc', 'shadow', '"', "'", ';', '|', '&', '<', '>', '(', ')', '`', '\n', '\t', 'a'.repeat(5000),
];

function randomTexts(count: number): string[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: count }, () => {
    const parts: string[] = ['x y '];
    const size = 100 + Math.floor(random() * 2000);
    while (parts.join('').length < size) parts.push(pick(pieces), random() < 0.4 ? ' ' : '');
    return parts.join('');
  });
}

describe('words of a shell command that could be paths', () => {
  it('are the words around each match of the path-hint pattern', () => {
    let found = 0;
    for (const text of randomTexts(600)) {
      const expected = referenceShellPathWords(text);
      found += expected.length;
      expect(pathCandidates({ text, isKey: false, fieldName: 'content', reachesShell: true }).map((candidate) => candidate.text)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(5000);
  });
});

describe('the segment test before a sensitive-location lookup', () => {
  const segments = [
    '.ssh', 'id_rsa', 'ID_ED25519_SK', 'authorized_keys2', '.env', '.env.local', '.env.example', 'etc', 'shadow', 'passwd', 'master.passwd', 'sudoers.d', 'security', 'opasswd',
    'proc', 'self', '1234', 'environ', '.aws', 'credentials', 'sso', 'cache', '.config', 'gcloud', 'application_default_credentials.json', '.azure', 'accessTokens.json',
    'msal_token_cache.bin', '.kube', 'config', '.docker', 'config.json', '.git', '.git-credentials', '.npmrc', '.yarnrc.yml', '.pypirc', '.gem', '.cargo', 'credentials.toml',
    '_netrc', '.pgpass', '.my.cnf', '.htpasswd', '.bash_history', '.zhistory', '.gnupg', '.vault-token', '.terraform.d', 'credentials.tfrc.json', 'gh', 'hosts.yml',
    '.cursor', 'mcp.json', 'claude_desktop_config.json', '.claude.json', 'Windows', 'System32', 'SAM', 'ntds.dit', 'Library', 'Keychains', '.', '..', '', 'x', 'file:',
  ];
  it('lets through every path that names a sensitive location, however it is spelled', () => {
    const paths: string[] = [];
    for (const a of segments) for (const b of segments) for (const c of ['', 'x', '..', 'config', 'sam']) paths.push(`${a}/${b}/${c}`, `~/${a}/${b}`, `/${a}\\${b}`);
    let sensitive = 0;
    for (const path of paths.flatMap((p) => [p, p.toUpperCase()])) {
      if (sensitiveLocationOf(path) !== undefined) {
        sensitive++;
        expect(mayNameSensitiveLocation(path)).toBe(true);
      }
    }
    expect(sensitive).toBeGreaterThan(5000);
  });

  it('turns down plain paths and always looks up non-ASCII ones', () => {
    expect(mayNameSensitiveLocation('src/index.ts')).toBe(false);
    expect(mayNameSensitiveLocation('https://example.com/docs/api.html')).toBe(false);
    expect(mayNameSensitiveLocation('~/.\u212Aube/config')).toBe(true);
    expect(sensitiveLocationOf('~/.\u212Aube/config')).toBe('Kubernetes config');
  });

  it('looks at every segment start, "_" and non-ASCII unit, at either end of short and megabyte-long paths of odd and even lengths', () => {
    for (const pad of ['', 'x', 'x'.repeat(5000), 'x'.repeat(5001)]) {
      expect(mayNameSensitiveLocation(pad)).toBe(false);
      expect(mayNameSensitiveLocation(`${pad}/`)).toBe(false);
      expect(mayNameSensitiveLocation(`${pad}/.`)).toBe(false);
      expect(mayNameSensitiveLocation(`${pad}/.e`)).toBe(true);
      expect(mayNameSensitiveLocation(`${pad}\\id_`)).toBe(true);
      expect(mayNameSensitiveLocation(`${pad}/etc`)).toBe(true);
      expect(mayNameSensitiveLocation(`${pad}\u212A`)).toBe(true);
      expect(mayNameSensitiveLocation(`${pad}\uD800/x`)).toBe(true);
      expect(mayNameSensitiveLocation(`${pad}\u0436/x\u0436`)).toBe(false);
      expect(mayNameSensitiveLocation(`${pad}_application_default_credentials.JSON`)).toBe(true);
      expect(mayNameSensitiveLocation(`${pad}_application_default_credentials.js`)).toBe(false);
    }
    expect(mayNameSensitiveLocation(`${'ab/'.repeat(400000)}.ssh`)).toBe(true);
  });

  it('turns down segments of dots and hidden names not starting with a letter, and starts that differ in the third character', () => {
    for (const path of ['./dist/index.js', '../lib/x', 'a/./b/../c', '.', '..', '.\\x', '.../x', '..x/y', '.1/x', 'lib/', 'prefer/x', 'auto-bind', 'etcetera', 'id-x', 'liczba']) {
      expect(mayNameSensitiveLocation(path)).toBe(false);
    }
    for (const path of ['./.env', './/.ssh', '.\u212Aube', '.E', 'a\\.\\.git/config', 'x/etc/', 'ID_rsa', 'Library/Keychains', 'proc', 'ntds.dit', 'app/application_default_credentials.json']) {
      expect(mayNameSensitiveLocation(path)).toBe(true);
    }
  });
});

describe('a string taken whole as a path candidate', () => {
  const value = (text: string) => pathCandidates({ text, isKey: false, fieldName: undefined, reachesShell: false });
  const spaces = ['\t', '\n', '\u000b', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
  const notSpaces = ['\u0008', '\u000e', '\u001f', '\u0085', '\u180e', '\u200b', '\u2027', '\u202a', '\u3001', '\ufefe', '\uff00', '\u9000'];

  it('is one without white space inside it, however long, with white space around it or not', () => {
    for (const length of [10, 4095, 4096, 4097, 5000, 70001]) {
      const token = 'ab/'.repeat(length).slice(0, length);
      for (const around of ['', ' ', '\n\t', '\u3000']) expect(value(`${around}${token}${around}`)).toHaveLength(1);
      for (const other of notSpaces) expect(value(`${token}${other}${token}`)).toHaveLength(1);
    }
    expect(value(' '.repeat(5000))).toHaveLength(1);
  });

  it('is none with any kind of white space inside it, at any place of a long text', () => {
    for (const length of [4096, 5003, 70000]) {
      const token = 'x'.repeat(length);
      for (const space of spaces) {
        for (const at of [1, 8, 4095, 4096, 4097, length - 9, length - 1].filter((at) => at < length)) expect(value(`${token.slice(0, at)}${space}${token.slice(at)}`)).toEqual([]);
        expect(value(`${space}${token}${space}y`)).toEqual([]);
      }
    }
  });
});
