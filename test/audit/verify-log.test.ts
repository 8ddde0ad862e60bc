import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { rm, truncate, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/audit/audit-log.js';
import { eventHash } from '../../src/audit/hash-chain.js';
import { logFilesInOrder } from '../../src/audit/rotated-files.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { makeTempDir, readLines, readObjects, rechain, sampleCall, writeLines } from './fixtures/audit-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
const keys = generateKeyPairSync('ed25519');

async function writeLog(events: number, options: { signingKey?: KeyObject; checkpointEvery?: number; maxBytes?: number } = {}) {
  const log = await openAuditLog({
    path,
    source: 'fs',
    signingKey: options.signingKey,
    checkpointEvery: options.checkpointEvery,
    rotate: options.maxBytes === undefined ? undefined : { maxBytes: options.maxBytes },
    warn: () => undefined,
  });
  for (let i = 0; i < events; i++) await log.append(sampleCall(i));
  await log.close();
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'audit.log');
});
afterEach(async () => cleanup());

describe('verifyAuditLog: an untouched log', () => {
  it('verifies, and reports its extent', async () => {
    await writeLog(12);
    expect(await verifyAuditLog([path])).toMatchObject({
      intact: true, events: 12, firstSeq: 1, lastSeq: 12, checkpoints: 0, sealed: false, uncoveredEvents: 12, warnings: [],
    });
  });
});

describe('verifyAuditLog: tampering without the key', () => {
  beforeEach(async () => writeLog(12));

  it('detects a modified event and names it', async () => {
    const lines = await readLines(path);
    lines[4] = lines[4].replace('/srv/data/file-4.txt', '/srv/data/other.txt');
    await writeLines(path, lines);
    const report = await verifyAuditLog([path]);
    expect(report.intact).toBe(false);
    expect(report.broken).toMatchObject({ file: path, line: 5, seq: 5 });
    expect(report.broken?.reason).toMatch(/^its content does not match its hash .*: the event was modified after it was written$/);
  });

  it('detects a modified event whose own hash was recomputed, at the event after it', async () => {
    const objects = await readObjects(path);
    (objects[4].data as { decision: string }).decision = 'deny';
    objects[4].hash = eventHash(objects[4]);
    await writeLines(path, objects.map((object) => JSON.stringify(object)));
    const report = await verifyAuditLog([path]);
    expect(report.broken).toMatchObject({ line: 6, seq: 6 });
    expect(report.broken?.reason).toMatch(/prevhash does not match the hash of the event before it \(seq 5 at .*:5\)/);
  });

  it('detects a deleted event', async () => {
    const lines = await readLines(path);
    lines.splice(4, 1);
    await writeLines(path, lines);
    const report = await verifyAuditLog([path]);
    expect(report.broken).toMatchObject({ line: 5, seq: 6 });
    expect(report.broken?.reason).toBe('expected seq 5 but found 6: 1 event(s) before this one are missing (deleted) or were moved');
  });

  it('detects an inserted event, even one chained correctly to its predecessor', async () => {
    const objects = await readObjects(path);
    const forged = { ...objects[4], id: 'forged', seq: 6, prevhash: objects[4].hash, hash: '' };
    forged.hash = eventHash(forged);
    const lines = objects.map((object) => JSON.stringify(object));
    lines.splice(5, 0, JSON.stringify(forged));
    await writeLines(path, lines);
    const report = await verifyAuditLog([path]);
    expect(report.broken).toMatchObject({ line: 7, seq: 6 });
    expect(report.broken?.reason).toBe('expected seq 7 but found 6: events are out of order or duplicated (reordered or inserted)');
  });

  it('detects reordered events', async () => {
    const lines = await readLines(path);
    [lines[4], lines[5]] = [lines[5], lines[4]];
    await writeLines(path, lines);
    const report = await verifyAuditLog([path]);
    expect(report.broken).toMatchObject({ line: 5, seq: 6 });
  });

  it('detects a removed beginning', async () => {
    const lines = await readLines(path);
    await writeLines(path, lines.slice(3));
    const report = await verifyAuditLog([path]);
    expect(report.broken?.reason).toMatch(/^the chain does not start here: the first event has seq 4/);
    expect(await verifyAuditLog([path], { allowPartialStart: true })).toMatchObject({ intact: true, firstSeq: 4 });
  });

  it('verifies events of types it does not know (written by a newer toolgate)', async () => {
    const objects = await readObjects(path);
    objects[3].type = 'dev.toolgate.session.resumed';
    await writeLines(path, rechain(objects));
    expect(await verifyAuditLog([path])).toMatchObject({ intact: true, events: 12 });
  });

  it('detects a line that is not JSON, and an empty line', async () => {
    const lines = await readLines(path);
    await writeLines(path, [...lines.slice(0, 2), '{broken', ...lines.slice(2)]);
    expect((await verifyAuditLog([path])).broken).toMatchObject({ line: 3, reason: 'the line is not valid JSON (modified or corrupted)' });
    await writeLines(path, [...lines.slice(0, 2), '', ...lines.slice(2)]);
    expect((await verifyAuditLog([path])).broken?.reason).toMatch(/^empty line/);
  });

  it('cannot see a removed end or a rewritten chain: that takes checkpoints', async () => {
    const lines = await readLines(path);
    await writeLines(path, lines.slice(0, 9));
    expect(await verifyAuditLog([path])).toMatchObject({ intact: true, lastSeq: 9, sealed: false });
    const objects = await readObjects(path);
    (objects[2].data as { decision: string }).decision = 'deny';
    await writeLines(path, rechain(objects));
    expect((await verifyAuditLog([path])).intact).toBe(true);
  });
});

describe('verifyAuditLog: tampering with a rotated log', () => {
  beforeEach(async () => writeLog(20, { maxBytes: 2500 }));

  it('verifies the files in order and rejects them out of order', async () => {
    const files = await logFilesInOrder(path);
    expect(files.length).toBeGreaterThan(2);
    expect((await verifyAuditLog(files)).intact).toBe(true);
    const swapped = [files[1], files[0], ...files.slice(2)];
    expect((await verifyAuditLog(swapped)).intact).toBe(false);
  });

  it('detects a missing middle file', async () => {
    const files = await logFilesInOrder(path);
    const report = await verifyAuditLog([files[0], ...files.slice(2)]);
    expect(report.broken?.file).toBe(files[2]);
    expect(report.broken?.reason).toMatch(/missing \(deleted\).*does not link to this file/);
  });

  it('detects a truncated middle file', async () => {
    const files = await logFilesInOrder(path);
    const lines = await readLines(files[1]);
    await writeLines(files[1], lines.slice(0, -1));
    const report = await verifyAuditLog(files);
    expect(report.broken).toMatchObject({ file: files[2], line: 1 });
  });
});

describe('verifyAuditLog: with signed checkpoints', () => {
  beforeEach(async () => writeLog(12, { signingKey: keys.privateKey, checkpointEvery: 5 }));

  it('verifies the signatures and sees the log sealed', async () => {
    expect(await verifyAuditLog([path], { publicKey: keys.publicKey })).toMatchObject({
      intact: true, signaturesChecked: true, checkpoints: 3, sealed: true, uncoveredEvents: 0,
    });
  });

  it('detects truncation after the last checkpoint: the log is no longer sealed', async () => {
    const lines = await readLines(path);
    await writeLines(path, lines.slice(0, -2));
    const report = await verifyAuditLog([path], { publicKey: keys.publicKey });
    expect(report).toMatchObject({ intact: true, sealed: false, lastCheckpointSeq: 12, lastSeq: 13, uncoveredEvents: 1 });
  });

  it('detects truncation in the middle of a line', async () => {
    const size = (await stat(path)).size;
    await truncate(path, size - 40);
    const report = await verifyAuditLog([path], { publicKey: keys.publicKey });
    expect(report).toMatchObject({ intact: true, sealed: false });
    expect(report.warnings[0]).toMatch(/bytes after the last newline are not a complete event/);
  });

  it('detects a chain rewritten with recomputed hashes: the signatures no longer match', async () => {
    const objects = await readObjects(path);
    (objects[2].data as { decision: string }).decision = 'deny';
    // The attacker even fixes the checkpoints' count and head, but cannot sign.
    const rewritten = rechain(objects).map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const event of rewritten) {
      if (event.type === 'dev.toolgate.audit.checkpoint') {
        Object.assign(event.data as object, { head: event.prevhash });
        event.hash = eventHash(event as never);
      }
    }
    await writeLines(path, rechain(rewritten as never));
    const report = await verifyAuditLog([path], { publicKey: keys.publicKey });
    expect(report.broken).toMatchObject({ seq: 6, reason: 'checkpoint signature is invalid' });
  });

  it('detects a checkpoint that does not describe the chain before it', async () => {
    const objects = await readObjects(path);
    (objects[2].data as { decision: string }).decision = 'deny';
    await writeLines(path, rechain(objects));
    const report = await verifyAuditLog([path]);
    expect(report.broken?.seq).toBe(6);
    expect(report.broken?.reason).toMatch(/^checkpoint covers 5 events ending in sha256:\w+, but the chain before it has 5 ending in sha256:\w+$/);
  });

  it('rejects checkpoints signed by another key', async () => {
    const other = generateKeyPairSync('ed25519');
    const report = await verifyAuditLog([path], { publicKey: other.publicKey });
    expect(report.broken?.reason).toMatch(/^checkpoint is signed by key [0-9a-f]{16}, not by the given key [0-9a-f]{16}$/);
  });

  it('detects a deleted last file of a rotated, sealed log: the rest is no longer sealed', async () => {
    const rotatedPath = join(dir, 'rotated.log');
    const log = await openAuditLog({ path: rotatedPath, source: 'fs', signingKey: keys.privateKey, checkpointEvery: 5, rotate: { maxBytes: 2500 }, warn: () => undefined });
    for (let i = 0; i < 20; i++) await log.append(sampleCall(i));
    await log.close();
    const files = await logFilesInOrder(rotatedPath);
    expect(await verifyAuditLog(files, { publicKey: keys.publicKey })).toMatchObject({ intact: true, sealed: true });
    await rm(files[files.length - 1]);
    expect(await verifyAuditLog(files.slice(0, -1), { publicKey: keys.publicKey })).toMatchObject({ intact: true, sealed: false });
  });
});
