/**
 * Issue 6: 10,000 calls through the built `toolgate protect` produce exactly
 * the expected events (allowed, denied by the policy, stopped by a rate
 * limit), the chain verifies, and the signed checkpoints seal it. For speed:
 * one pipelined client, a minimal server, a two-rule policy, no detectors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, toolgate } from '../protect/support/protect-cli.js';
import { LineClient } from '../protect/support/line-client.js';
import { requireBuiltCli } from './support/paths.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../protect/fixtures');
const echoServer = join(fixtures, 'echo-server.mjs');
const CALLS = 10_000;
/** Every tenth call asks for `exec`, which the policy denies; the other 9,000 share a --rate-limit of 8,500 (refilling far slower than the run). */
const LIMIT = 8_500;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toolgate-volume-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('10,000 calls through toolgate protect', () => {
  it('produce exactly the expected events, and the log verifies and is sealed', async () => {
    const keygen = await toolgate(['keygen', '-o', join(dir, 'audit')]);
    expect(keygen.exitCode).toBe(0);
    const auditLog = join(dir, 'audit.log');
    const client = new LineClient([
      process.execPath, requireBuiltCli(), 'protect', '--policy', join(fixtures, 'volume-policy.yaml'), '--no-pins', '--no-sanitize', '--rate-limit', `${LIMIT}/30d`,
      '--audit-log', auditLog, '--audit-key', join(dir, 'audit.key'), '--audit-checkpoint-every', '1000',
      '--', process.execPath, echoServer,
    ]);
    await client.initialize();
    const answers = await client.requestAll(
      Array.from({ length: CALLS }, (_, n) => ({ method: 'tools/call', params: { name: n % 10 === 0 ? 'exec' : 'echo', arguments: { n, text: 'hello' } } })),
    );
    expect(await client.close()).toBe(0);

    const expectedType = (n: number, echoIndex: number) => (n % 10 === 0 ? 'policy.violation' : echoIndex < LIMIT ? 'tool.invoked' : 'ratelimit.exceeded');
    const expected = new Map<number, string>();
    let echoes = 0;
    for (let n = 0; n < CALLS; n++) expected.set(n, expectedType(n, n % 10 === 0 ? -1 : echoes++));
    answers.forEach((answer, n) => {
      const type = expected.get(n);
      if (type === 'tool.invoked') expect(answer.result.content[0].text).toBe(`{"n":${n},"text":"hello"}`);
      else expect(answer.result.isError, `call ${n}`).toBe(true);
    });

    const events = auditEvents(auditLog);
    const types = events.map((event) => event.type.replace('dev.toolgate.', ''));
    expect(types[0]).toBe('proxy.started');
    expect(types.filter((t) => t === 'proxy.stopped')).toHaveLength(1);
    const recorded = new Map<number, string>();
    for (const event of events) {
      if (!['tool.invoked', 'policy.violation', 'ratelimit.exceeded'].includes(event.type.replace('dev.toolgate.', ''))) continue;
      const n = event.data.arguments.n as number;
      expect(recorded.has(n), `call ${n} recorded twice`).toBe(false);
      recorded.set(n, event.type.replace('dev.toolgate.', ''));
    }
    expect(recorded).toEqual(expected);
    const counts = Object.fromEntries(['tool.invoked', 'policy.violation', 'ratelimit.exceeded', 'audit.checkpoint'].map((t) => [t, types.filter((x) => x === t).length]));
    expect(counts).toEqual({ 'tool.invoked': LIMIT, 'policy.violation': 1000, 'ratelimit.exceeded': 9000 - LIMIT, 'audit.checkpoint': Math.floor((CALLS + 2) / 1000) + 1 });
    expect(events.at(-2)?.data).toMatchObject({ reason: 'client-closed', calls: CALLS, exit_code: 0 });
    expect(events.at(-1)?.data).toMatchObject({ final: true });

    const verify = await toolgate(['audit', 'verify', '--key', join(dir, 'audit.pub'), auditLog]);
    expect(verify.stdout).toMatch(/^OK: \d+ events .* sealed by the final checkpoint/);
    expect(verify.exitCode).toBe(0);
  });
});
