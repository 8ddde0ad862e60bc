import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAuditLog } from '../../src/audit/audit-log.js';
import { fromStoredObject } from '../../src/audit/event-format.js';
import { logFilesInOrder } from '../../src/audit/rotated-files.js';
import { readLogLines } from '../../src/audit/read-log-lines.js';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import { makeTempDir, sampleCall } from './fixtures/audit-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => cleanup());

it('10,000 tool-call events over two runs, rotated and signed, are all there in order and verify', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const path = join(dir, 'audit.log');
  for (const run of [0, 1]) {
    const log = await openAuditLog({ path, source: 'fs', signingKey: privateKey, checkpointEvery: 1000, rotate: { maxBytes: 1_000_000 }, warn: () => undefined });
    // The proxy awaits each append before answering its call; calls run concurrently, 50 at a time here.
    for (let start = run * 5000; start < (run + 1) * 5000; start += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, k) => log.append(sampleCall(start + k, `session-${run}`))));
    }
    await log.close();
  }
  const files = await logFilesInOrder(path);
  expect(files.length).toBeGreaterThan(2);

  const calls: number[] = [];
  const types = new Map<string, number>();
  for (const file of files) {
    for await (const line of readLogLines(file)) {
      const event = fromStoredObject(JSON.parse(line.text));
      if (typeof event === 'string') throw new Error(event);
      types.set(event.type, (types.get(event.type) ?? 0) + 1);
      if (event.type !== 'audit.checkpoint') calls.push((event.data.arguments as { i: number }).i);
    }
  }
  expect(calls).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  const violations = Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 7 === 6).length;
  expect(Object.fromEntries(types)).toEqual({
    'tool.invoked': 10_000 - violations,
    'policy.violation': violations,
    // Five periodic checkpoints per run and a final one at each close.
    'audit.checkpoint': 12,
  });
  expect(await verifyAuditLog(files, { publicKey })).toMatchObject({
    intact: true, events: 10_012, firstSeq: 1, lastSeq: 10_012, checkpoints: 12, sealed: true, uncoveredEvents: 0, warnings: [],
  });
});
