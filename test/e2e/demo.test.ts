import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireBuiltCli } from './support/paths.js';

describe('toolgate demo', () => {
  it('allows reads inside the root and blocks reads outside it, secrets, traversal evasions and writes, with a verifiable audit log', () => {
    const cli = requireBuiltCli();
    const output = execFileSync(process.execPath, [cli, 'demo'], { encoding: 'utf8', timeout: 60_000 });
    const decisions = Object.fromEntries(
      output
        .split('\n')
        .map((line) => /^(\d+)\s{2}(.+?)\s{2,}\S+\s+(allowed|BLOCKED)\s/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[2].trim(), m[3]]),
    );
    expect(decisions).toEqual({
      'list the workspace': 'allowed',
      'read a file inside the root': 'allowed',
      'read a nested file': 'allowed',
      'read outside the root': 'BLOCKED',
      'read a secrets file': 'BLOCKED',
      'traversal out of the root': 'BLOCKED',
      'percent-encoded traversal (evasion)': 'BLOCKED',
      'backslash traversal (evasion)': 'BLOCKED',
      'overwrite a file': 'BLOCKED',
    });
    expect(output).toContain('Quarterly numbers look good.');
    const auditLog = /^audit log: (.+)$/m.exec(output)?.[1];
    expect(auditLog).toBeDefined();
    const verified = execFileSync(process.execPath, [cli, 'audit', 'verify', auditLog!], { encoding: 'utf8' });
    expect(verified).toMatch(/^OK: \d+ events/);
  });
});
