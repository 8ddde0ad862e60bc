import { generateKeyPairSync } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/audit/audit-log.js';
import {
  policyReloadedEvent, proxyStartedEvent, proxyStoppedEvent, rateLimitExceededEvent, toolInvokedEvent, type AuditEvent,
} from '../../src/audit/event-builders.js';
import { makeTempDir, readLines, sampleCall, writeLines } from './fixtures/audit-fixtures.js';
import { runCli } from './fixtures/run-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;

const recent = Date.now();
const at = (minutesAgo: number) => new Date(recent - minutesAgo * 60_000);

function timed(event: AuditEvent, minutesAgo: number): AuditEvent {
  return { ...event, time: at(minutesAgo) };
}

async function recordSession(options: { signingKey?: ReturnType<typeof generateKeyPairSync>['privateKey'] } = {}) {
  const log = await openAuditLog({ path, source: 'fs', signingKey: options.signingKey, warn: () => undefined });
  await log.append(timed(proxyStartedEvent({ server: { name: 'fs', command: ['node', 'fs.js'] }, transport: 'stdio' }), 180));
  for (let i = 0; i < 10; i++) await log.append(timed(sampleCall(i, i < 5 ? 'old' : 'new'), i < 5 ? 120 : 10));
  await log.append(timed(rateLimitExceededEvent({
    tool: 'read_file', arguments: { path: '/srv/x' }, session: 'new', decision: { allow: true, reasons: [] },
    limit: { key: 'tool:read_file', requests: 10, per: 60 }, retryAfterSeconds: 4,
  }), 5));
  await log.append(timed(toolInvokedEvent({
    tool: 'write_file', arguments: { path: '/srv/y' }, session: 'new', decision: { allow: true, reasons: [], rule: 'writes' },
    shadowDecision: { allow: false, reasons: ['candidate denies writes'], rule: 'no-writes' },
  }), 4));
  await log.append(timed(toolInvokedEvent({
    tool: 'read_file', arguments: { path: '/srv/z' }, session: 'new', decision: { allow: false, reasons: ['outside roots'], rule: 'roots', mode: 'shadow' },
    shadowDecision: { allow: false, reasons: ['outside roots'], rule: 'roots' },
  }), 3));
  await log.append(timed(policyReloadedEvent({ revision: 'rev-2', previousRevision: 'rev-1', sources: ['p.yaml'] }), 2));
  await log.append(timed(proxyStoppedEvent({ reason: 'client closed' }), 1));
  await log.close();
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'audit.log');
});
afterEach(async () => cleanup());

describe('toolgate audit <files>', () => {
  beforeEach(async () => recordSession());

  it('prints per-tool totals and every event as tables', async () => {
    const run = await runCli(['audit', path]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^16 events in 1 file\(s\) from \S+ to \S+; 16 match\.\n/);
    expect(run.stdout).toContain('tool            calls  allowed  denied  rate_limited  shadow_deny  upstream_errors');
    expect(run.stdout).toMatch(/read_file\s+10\s+7\s+1\s+1\s+1\s+0/);
    expect(run.stdout).toMatch(/proxy\.started\s+fs via stdio/);
    expect(run.stdout).toMatch(/policy\.reloaded\s+revision rev-2 \(was rev-1\)/);
    expect(run.stdout).toMatch(/ratelimit\.exceeded\s+read_file\s+new\s+rate-limited\s+limit tool:read_file: 10\/60s/);
  });

  it('--violations-only --format json: denied, rate-limited and would-deny calls', async () => {
    const run = await runCli(['audit', path, '--violations-only', '--format', 'json']);
    const rows = JSON.parse(run.stdout) as Array<{ event: string; outcome: string; tool: string }>;
    expect(rows.map((row) => [row.event, row.outcome, row.tool])).toEqual([
      ['policy.violation', 'denied', 'read_file'],
      ['ratelimit.exceeded', 'rate-limited', 'read_file'],
      ['tool.invoked', 'shadow-deny', 'read_file'],
    ]);
  });

  it('--tool, --session and --since filter, --format csv writes RFC 4180', async () => {
    const byTool = await runCli(['audit', path, '--tool', 'list_directory', '--format', 'csv']);
    expect(byTool.stdout.split('\r\n')[0]).toBe('time,seq,event,tool,session,outcome,rule,detail');
    expect(byTool.stdout.split('\r\n').filter((line) => line.includes('list_directory'))).toHaveLength(2);
    const bySession = JSON.parse((await runCli(['audit', path, '--session', 'old', '--format', 'json'])).stdout) as unknown[];
    expect(bySession).toHaveLength(5);
    const since = JSON.parse((await runCli(['audit', path, '--since', '30m', '--format', 'json'])).stdout) as Array<{ event: string }>;
    expect(since.map((row) => row.event)).toEqual(['tool.invoked', 'policy.violation', 'tool.invoked', 'tool.invoked', 'tool.invoked', 'ratelimit.exceeded', 'tool.invoked', 'tool.invoked', 'policy.reloaded', 'proxy.stopped']);
  });

  it('--shadow-diff lists the calls where the enforced and shadow policies disagree', async () => {
    const run = await runCli(['audit', path, '--shadow-diff', '--format', 'json']);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ tool: 'write_file', enforced: 'allow', shadow: 'deny', enforced_rule: 'writes', shadow_rule: 'no-writes', shadow_reasons: 'candidate denies writes' }),
    ]);
    expect((await runCli(['audit', path, '--shadow-diff'])).stdout).toContain('Calls where the enforced and the shadow policy disagree: 1');
  });

  it('rejects a bad --since or --format with a clear message', async () => {
    const since = await runCli(['audit', path, '--since', 'yesterday']);
    expect(since.exitCode).toBe(1);
    expect(since.stderr).toContain('--since "yesterday": expected a duration like 30m');
    const format = await runCli(['audit', path, '--format', 'xml']);
    expect(format.exitCode).toBe(1);
    expect(format.stderr).toContain("argument 'xml' is invalid. Allowed choices are table, json, csv.");
  });

  it('skips lines that are not events and says so', async () => {
    const lines = await readLines(path);
    await writeLines(path, [lines[0], 'garbage', ...lines.slice(1)]);
    const run = await runCli(['audit', path, '--format', 'json']);
    expect(JSON.parse(run.stdout)).toHaveLength(16);
    expect(run.stderr).toContain('1 line(s) are not audit events and were skipped: run toolgate audit verify');
  });
});

describe('toolgate audit verify', () => {
  const keys = generateKeyPairSync('ed25519');
  let publicKeyPath: string;

  beforeEach(async () => {
    await recordSession({ signingKey: keys.privateKey });
    publicKeyPath = join(dir, 'audit.pub');
    await writeFile(publicKeyPath, keys.publicKey.export({ type: 'spki', format: 'pem' }));
  });

  it('exits 0 for an intact log', async () => {
    const run = await runCli(['audit', 'verify', '--key', publicKeyPath, path]);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(run.stdout).toMatch(/^OK: 17 events \(seq 1\.\.17\) in 1 file\(s\), chain intact; 1 checkpoint\(s\) signed by key [0-9a-f]{16}; sealed by the final checkpoint at seq 17\.\n$/);
  });

  it('exits 1 naming the first modified event', async () => {
    const lines = await readLines(path);
    lines[3] = lines[3].replace('"decision":"allow"', '"decision":"deny"');
    await writeLines(path, lines);
    const run = await runCli(['audit', 'verify', path]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^BROKEN: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: event seq 4 \\(id [0-9a-f-]+\\): its content does not match its hash`));
  });

  it('exits 3 with --key when the end was cut off, and 0 with --allow-unsealed', async () => {
    const lines = await readLines(path);
    await writeLines(path, lines.slice(0, -2));
    const run = await runCli(['audit', 'verify', '--key', publicKeyPath, path]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/^NOT SEALED: the chain of 15 events .* is intact, but the log is not sealed: 15 event\(s\) after no checkpoint at all/);
    expect((await runCli(['audit', 'verify', '--key', publicKeyPath, '--allow-unsealed', path])).exitCode).toBe(0);
  });

  it('exits 2 when a file or the key cannot be read, or the command line is wrong', async () => {
    const missing = await runCli(['audit', 'verify', join(dir, 'nope.log')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^toolgate audit verify: ENOENT: no such file or directory/);
    const badKey = await runCli(['audit', 'verify', '--key', path, path]);
    expect(badKey.exitCode).toBe(2);
    expect(badKey.stderr).toContain('is not a PEM public or private key');
    const usage = await runCli(['audit', 'verify', '--no-such-flag', path]);
    expect(usage.exitCode).toBe(2);
  });

  it('--json prints the report with the exit code', async () => {
    const run = await runCli(['audit', 'verify', '--json', '--key', publicKeyPath, path]);
    expect(JSON.parse(run.stdout)).toMatchObject({ intact: true, sealed: true, events: 17, exitCode: 0 });
  });

  it('hints at rotated files when only the active file is given', async () => {
    const rotatedPath = join(dir, 'rotated.log');
    const log = await openAuditLog({ path: rotatedPath, source: 'fs', rotate: { maxBytes: 1500 }, warn: () => undefined });
    for (let i = 0; i < 8; i++) await log.append(sampleCall(i));
    await log.close();
    const run = await runCli(['audit', 'verify', rotatedPath]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`hint: ${rotatedPath} has rotated files; verify them all, oldest first: toolgate audit verify ${rotatedPath}.* ${rotatedPath}`);
  });
});

describe('toolgate keygen', () => {
  it('writes the key pair and refuses to overwrite it', async () => {
    const prefix = join(dir, 'signing');
    const run = await runCli(['keygen', '--out', prefix]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/key id:\s+[0-9a-f]{16}/);
    expect((await stat(`${prefix}.key`)).mode & 0o777).toBe(0o600);
    expect(await readFile(`${prefix}.pub`, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = await runCli(['keygen', '--out', prefix]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain(`${prefix}.key already exists (use --force to replace it)`);
  });
});

describe('toolgate policy generate', () => {
  beforeEach(async () => recordSession());

  it('prints the learned policy, or writes it with -o without overwriting', async () => {
    const printed = await runCli(['policy', 'generate', path]);
    expect(printed.stdout).toContain('mode: shadow');
    const out = join(dir, 'learned.yaml');
    expect((await runCli(['policy', 'generate', path, '-o', out])).exitCode).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(printed.stdout);
    const again = await runCli(['policy', 'generate', path, '-o', out]);
    expect(again.stderr).toContain(`${out} already exists; choose another file or remove it`);
    const headroom = await runCli(['policy', 'generate', path, '--headroom', '0.5']);
    expect(headroom.stderr).toContain('headroom must be a number of at least 1, not 0.5');
  });
});
