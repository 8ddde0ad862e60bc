/** A configuration toolgate protect cannot run is refused before the server starts: the reason on stderr, exit code 2. */
import { describe, expect, it } from 'vitest';
import { toolgate } from '../protect/support/protect-cli.js';

describe('toolgate protect refuses a bad configuration', () => {
  it.each([
    [['--root', '/definitely/not/here'], "toolgate: root /definitely/not/here cannot be used: ENOENT: no such file or directory, stat '/definitely/not/here'"],
    [['--audit-required'], 'toolgate: --audit-required needs an audit log: add --audit-log <path> (or --audit-sink stderr)'],
    [['--policy', '/definitely/not/here.yaml'], 'toolgate: policy not found: /definitely/not/here.yaml (give a file, a folder, a bundle or one of minimal, standard, strict, enterprise)'],
    [['--rate-limit', 'often'], 'toolgate: rate limit: invalid limit "often": expected "<requests>/<window>", e.g. "100/hour" or "5/30s"'],
  ])('%j', async (flags, message) => {
    const run = await toolgate(['protect', ...flags, '--', process.execPath, '-e', 'process.exit(9)']);
    expect(run.stderr.trim()).toBe(message);
    expect(run.exitCode).toBe(2);
  });
});
