import { describe, expect, it } from 'vitest';
import { findSecrets, redactSecretsInText } from '../../src/audit/secret-value-matcher.js';

const GITHUB = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('findSecrets', () => {
  it.each([
    ['github-token', `token is ${GITHUB} ok`],
    ['github-token', 'github_pat_11ABCDEFG0123456789abcdefghijklmnop'],
    ['aws-access-key-id', `AWS_ACCESS_KEY_ID=${AWS}`],
    ['slack-token', 'xoxb-123456789012-abcdefABCDEF'],
    ['stripe-key', 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc'],
    ['api-key', 'OPENAI_API_KEY sk-proj-abcdefghijklmnopqrstuvwxyz012345'],
    ['google-api-key', 'key=AIza' + 'SyA1234567890abcdefghijklmnopqrstuv'],
    ['jwt', `cookie ${JWT}`],
    ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----'],
    ['bearer-credential', 'curl -H "Authorization: Bearer abc.DEF-123_456"'],
    ['url-credentials', 'postgres://admin:hunter2@db.internal:5432/app'],
    ['assigned-secret', 'mysql --password=hunter2 -u root'],
    ['assigned-secret', 'DB_PASSWORD=s3cr3t node server.js'],
    ['assigned-secret', '{"password": "correct horse battery staple"}'],
    ['high-entropy', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY9x'],
  ])('finds a %s', (kind, text) => {
    expect(findSecrets(text).map((match) => match.kind)).toContain(kind);
  });

  it.each([
    ['a git commit hash', 'git show 3f786850e387550fdab836ed7e6dc881de23001b'],
    ['a UUID', 'session 123e4567-e89b-12d3-a456-426614174000'],
    ['a long path', '/Users/Alice2/Documents/Reports/Quarterly2024/summary-final-v3.docx'],
    ['node_modules path', '/usr/local/lib/node_modules/typescript/lib/typescript.js'],
    ['prose about passwords', 'Password: click the reset link to choose a new one'],
    ['prose about basic auth', 'Basic authentication sends credentials with every request'],
    ['a sha256 digest', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['max_tokens', 'max_tokens=4096 temperature=0.2'],
    ['a camelCase identifier', 'getUserAccountPreferencesForDisplayInSettingsPage'],
    ['a URL without credentials', 'https://example.com/path?query=value&page=2'],
  ])('does not flag %s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
  });
});

describe('redactSecretsInText', () => {
  it('cuts out only the secret, keeping the text around it', () => {
    expect(redactSecretsInText(`git push https://x:${GITHUB}@github.com/o/r`).text).toBe(
      'git push https://x:[REDACTED:github-token]@github.com/o/r',
    );
    expect(redactSecretsInText('PGPASSWORD=hunter2 psql').text).toBe('PGPASSWORD=[REDACTED:assigned-secret] psql');
  });

  it('replaces the whole string when zero-width characters hide a secret', () => {
    const hidden = GITHUB.slice(0, 10) + '\u200B' + GITHUB.slice(10);
    const result = redactSecretsInText(`echo ${hidden}`);
    expect(result.text).toBe('[REDACTED:github-token, obfuscated]');
    expect(result.text).not.toContain(GITHUB.slice(12));
  });

  it('replaces the whole string when fullwidth characters hide a secret', () => {
    const fullwidth = [...AWS].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
    expect(redactSecretsInText(`key ${fullwidth}`).text).toBe('[REDACTED:aws-access-key-id, obfuscated]');
  });

  it('replaces the whole string when percent-encoding hides a secret', () => {
    const encoded = `https://api.example.com/?q=${encodeURIComponent(`password=hunter2 ${AWS}`)}`;
    const result = redactSecretsInText(encoded);
    expect(result.text).toBe('[REDACTED:assigned-secret, percent-encoded]');
  });

  it('leaves benign text untouched and reports no kinds', () => {
    const text = 'read /home/alice/notes.txt and summarize paragraph 3';
    expect(redactSecretsInText(text)).toEqual({ text, kinds: [] });
  });
});
