import { generateKeyPairSync } from 'node:crypto';
import { readFile, readdir, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditConfigError } from '../../src/audit/audit-errors.js';
import { openAuditLog } from '../../src/audit/audit-log.js';
import { proxyStartedEvent, toolInvokedEvent } from '../../src/audit/event-builders.js';
import { GENESIS_HASH } from '../../src/audit/hash-chain.js';
import { logFilesInOrder } from '../../src/audit/rotated-files.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { makeTempDir, readLines, readObjects, sampleCall } from './fixtures/audit-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let warnings: string[];
const warn = (message: string) => void warnings.push(message);

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  warnings = [];
});
afterEach(async () => cleanup());

describe('openAuditLog: events', () => {
  it('writes each event as a CloudEvents 1.0 JSON line with the chain as extension attributes', async () => {
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'files server', warn });
    await log.append(sampleCall(0));
    await log.close();
    const [event] = await readObjects(path);
    expect(event).toMatchObject({
      specversion: '1.0',
      source: 'urn:toolgate:files%20server',
      type: 'dev.toolgate.tool.invoked',
      subject: 'read_file',
      datacontenttype: 'application/json',
      seq: 1,
      prevhash: GENESIS_HASH,
      data: {
        tool: 'read_file',
        arguments: { path: '/srv/data/file-0.txt', i: 0 },
        decision: 'allow',
        rule: 'read',
        mode: 'enforce',
        session: 'session-1',
        client: { name: 'test-client', version: '1.0' },
        policy_revision: 'rev-1',
        eval_us: 42,
        upstream_ms: 3,
        result: { is_error: false, size: 120, redactions: 0 },
      },
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.time as string)).not.toBeNaN();
    expect(event.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Every CloudEvents extension attribute name is lowercase alphanumeric.
    for (const key of Object.keys(event)) expect(key).toMatch(/^[a-z0-9]+$/);
  });

  it('writes flat JSON lines with the json format', async () => {
    const path = join(dir, 'audit.jsonl');
    const log = await openAuditLog({ path, source: 'fs', format: 'json', warn });
    await log.append(sampleCall(0));
    await log.close();
    const [event] = await readObjects(path);
    expect(event).toMatchObject({ seq: 1, type: 'tool.invoked', source: 'urn:toolgate:fs', tool: 'read_file', decision: 'allow' });
    expect(event.specversion).toBeUndefined();
    expect((await verifyAuditLog([path])).intact).toBe(true);
  });

  it('has the event on disk when append resolves', async () => {
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', warn });
    for (let i = 0; i < 3; i++) {
      await log.append(sampleCall(i));
      expect(await readLines(path)).toHaveLength(i + 1);
    }
    await log.close();
  });

  it('keeps the order of concurrent appends', async () => {
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', warn });
    await Promise.all(Array.from({ length: 300 }, (_, i) => log.append(sampleCall(i))));
    await log.close();
    const events = await readObjects(path);
    expect(events.map((event) => (event.data as { arguments: { i: number } }).arguments.i)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('redacts arguments and identity before anything is written', async () => {
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', warn });
    await log.append(toolInvokedEvent({
      tool: 'http_get',
      arguments: { url: 'https://admin:hunter2@intranet/', headers: { authorization: 'Bearer abc' } },
      identity: { sub: 'alice', access_token: 'eyJ...' },
      decision: { allow: true, reasons: [] },
    }));
    await log.close();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Bearer abc');
    expect(text).not.toContain('eyJ...');
    const [event] = await readObjects(path);
    expect(event.data).toMatchObject({
      arguments_redacted: [
        { path: ['url'], by: 'value', kinds: ['url-credentials'] },
        { path: ['headers', 'authorization'], by: 'key' },
      ],
      identity_redacted: [{ path: ['access_token'], by: 'key' }],
    });
  });

  it('logs arguments holding lone surrogates instead of failing to hash them', async () => {
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', warn });
    await log.append(toolInvokedEvent({ tool: 'x', arguments: JSON.parse('{"p": "\\ud800"}'), decision: { allow: true, reasons: [] } }));
    await log.close();
    expect((await readObjects(path))[0].data).toMatchObject({ arguments: { p: '\ufffd' } });
    expect((await verifyAuditLog([path])).intact).toBe(true);
  });

  it('still redacts a secret split by a lone surrogate', async () => {
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', warn });
    const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    await log.append(toolInvokedEvent({ tool: 'x', arguments: { note: `${token.slice(0, 8)}\ud800${token.slice(8)}` }, decision: { allow: true, reasons: [] } }));
    await log.close();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(token.slice(8));
    expect((await readObjects(path))[0].data).toMatchObject({ arguments: { note: '[REDACTED:github-token, obfuscated]' } });
  });

  it('rejects appends after close and events the log writes itself', async () => {
    const log = await openAuditLog({ path: join(dir, 'audit.log'), source: 'fs', warn });
    await expect(log.append({ type: 'audit.checkpoint', data: {} })).rejects.toThrow(/cannot append an event of type audit.checkpoint/);
    await log.close();
    await expect(log.append(sampleCall(0))).rejects.toThrow(/closed/);
  });

  it('rejects bad options with a clear message', async () => {
    const path = join(dir, 'audit.log');
    await expect(openAuditLog({ path, source: 'fs', format: 'xml' as never })).rejects.toThrow('unknown audit format "xml" (cloudevents or json)');
    await expect(openAuditLog({ source: 'fs' })).rejects.toThrow('an audit log file path is required');
    await expect(openAuditLog({ path, source: '' })).rejects.toThrow('non-empty string');
    await expect(openAuditLog({ path, source: 'fs', checkpointEvery: 0 })).rejects.toThrow('checkpointEvery must be a positive integer');
    await expect(openAuditLog({ path, source: 'fs', rotate: { maxBytes: -1 } })).rejects.toThrow('rotate.maxBytes must be a positive number');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(openAuditLog({ path, source: 'fs', signingKey: privateKey })).rejects.toThrow('Ed25519 private key');
  });

  it('writes to a stream sink, starting a chain per run', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const log = await openAuditLog({ sink: 'stderr', stream, source: 'fs', warn });
    await log.append(sampleCall(0));
    await log.append(sampleCall(1));
    await log.close();
    const copy = join(dir, 'stderr.log');
    await writeFile(copy, text);
    const report = await verifyAuditLog([copy]);
    expect(report).toMatchObject({ intact: true, events: 2, firstSeq: 1, lastSeq: 2 });
  });
});

describe('openAuditLog: chain continuity', () => {
  it('continues the chain across two process runs of the same log', async () => {
    const path = join(dir, 'audit.log');
    for (const run of [0, 1]) {
      const log = await openAuditLog({ path, source: 'fs', warn });
      await log.append(proxyStartedEvent({ server: { name: 'fs', command: ['node', 'server.js'] }, transport: 'stdio' }));
      for (let i = 0; i < 3; i++) await log.append(sampleCall(run * 10 + i));
      await log.close();
    }
    const events = await readObjects(path);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events[4].prevhash).toBe(events[3].hash);
    expect(await verifyAuditLog([path])).toMatchObject({ intact: true, events: 8 });
  });

  it('rotates by size; the files keep one chain and sort in chain order', async () => {
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', rotate: { maxBytes: 2000 }, warn });
    for (let i = 0; i < 20; i++) await log.append(sampleCall(i));
    await log.close();
    const files = await logFilesInOrder(path);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files.slice(0, -1)) expect((await stat(file)).size).toBeLessThanOrEqual(2000);
    expect(await verifyAuditLog(files)).toMatchObject({ intact: true, events: 20 });
    const names = (await readdir(dir)).filter((name) => name.startsWith('audit.log.'));
    expect(names).toEqual([...names].sort());
  });

  it('rotates by age of the first event in the file', async () => {
    const path = join(dir, 'audit.log');
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const now = () => new Date(clock);
    const log = await openAuditLog({ path, source: 'fs', rotate: { maxAgeMs: 60_000 }, now, warn });
    await log.append(sampleCall(0));
    clock += 30_000;
    await log.append(sampleCall(1));
    clock += 30_000;
    await log.append(sampleCall(2));
    await log.close();
    const files = await logFilesInOrder(path);
    expect(files.map((file) => file.slice(dir.length + 1))).toEqual(['audit.log.000000000001', 'audit.log']);
    expect((await readLines(files[0])).length).toBe(2);
    expect((await verifyAuditLog(files)).intact).toBe(true);
  });

  it('continues from the newest rotated file when the active file is gone', async () => {
    const path = join(dir, 'audit.log');
    const first = await openAuditLog({ path, source: 'fs', rotate: { maxBytes: 1200 }, warn });
    for (let i = 0; i < 6; i++) await first.append(sampleCall(i));
    await first.close();
    // A crash between renaming the full file and creating the next one leaves no active file.
    await rm(path);
    const second = await openAuditLog({ path, source: 'fs', rotate: { maxBytes: 1200 }, warn });
    await second.append(sampleCall(6));
    await second.close();
    const report = await verifyAuditLog(await logFilesInOrder(path));
    expect(report).toMatchObject({ intact: true, lastSeq: 6 });
  });

  it('sets aside a file whose last write was cut short and continues from its last complete event', async () => {
    const path = join(dir, 'audit.log');
    const first = await openAuditLog({ path, source: 'fs', warn });
    for (let i = 0; i < 3; i++) await first.append(sampleCall(i));
    await first.close();
    await appendFile(path, '{"specversion":"1.0","id":"half-writ');
    const second = await openAuditLog({ path, source: 'fs', warn });
    await second.append(sampleCall(3));
    await second.close();
    expect(warnings.join('\n')).toMatch(/ends with 36 bytes of an unfinished event/);
    const files = await logFilesInOrder(path);
    expect(files.map((file) => file.slice(dir.length + 1))).toEqual(['audit.log.000000000001', 'audit.log']);
    const report = await verifyAuditLog(files);
    expect(report).toMatchObject({ intact: true, events: 4 });
    expect(report.warnings.join('\n')).toMatch(/36 bytes after the last newline are not a complete event/);
  });

  it('refuses to append to a file that is not an audit log', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'shopping list\nmilk\n');
    await expect(openAuditLog({ path, source: 'fs', warn })).rejects.toThrow(AuditConfigError);
    await expect(openAuditLog({ path, source: 'fs', warn })).rejects.toThrow(/does not look like a toolgate audit log/);
    expect(await readFile(path, 'utf8')).toBe('shopping list\nmilk\n');
  });

  it('allows one writer per log, and takes over a lock left by a dead process', async () => {
    const path = join(dir, 'audit.log');
    const first = await openAuditLog({ path, source: 'fs', warn });
    await expect(openAuditLog({ path, source: 'fs', warn })).rejects.toThrow(`is in use by process ${process.pid}`);
    await first.close();
    await writeFile(`${path}.lock`, '2147483646\n');
    const second = await openAuditLog({ path, source: 'fs', warn });
    await second.append(sampleCall(0));
    await second.close();
    await expect(stat(`${path}.lock`)).rejects.toThrow(/ENOENT/);
  });
});

describe('openAuditLog: signed checkpoints', () => {
  it('signs a checkpoint every N events and a final one at close', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', signingKey: privateKey, checkpointEvery: 4, warn });
    for (let i = 0; i < 10; i++) await log.append(sampleCall(i));
    await log.close();
    const events = await readObjects(path);
    const checkpoints = events.filter((event) => event.type === 'dev.toolgate.audit.checkpoint');
    expect(checkpoints.map((event) => [event.seq, (event.data as { count: number }).count, (event.data as { final: boolean }).final])).toEqual([
      [5, 4, false],
      [10, 9, false],
      [13, 12, true],
    ]);
    expect(await verifyAuditLog([path], { publicKey })).toMatchObject({ intact: true, checkpoints: 3, sealed: true, uncoveredEvents: 0 });
  });

  it('loads the signing key from a PEM file', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyPath = join(dir, 'audit.key');
    await writeFile(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const path = join(dir, 'audit.log');
    const log = await openAuditLog({ path, source: 'fs', signingKey: keyPath, warn });
    await log.append(sampleCall(0));
    await log.close();
    expect(await verifyAuditLog([path], { publicKey })).toMatchObject({ intact: true, sealed: true });
  });
});
