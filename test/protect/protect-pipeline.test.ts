/**
 * The assembled pipeline through protect(): a real policy (YAML compiled to
 * Wasm), the real guards and the real audit log, between an in-memory client
 * and a scripted server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify-log.js';
import type { CallReport } from '../../src/protect/protect-options.js';
import { loadToolgatePolicy, type ToolgatePolicy } from '../../src/policy/toolgate-policy.js';
import { protectInMemory } from './support/in-memory-peers.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
let policy: ToolgatePolicy;
let candidate: ToolgatePolicy;
let dir: string;
let auditLog: string;

beforeAll(async () => {
  [policy, candidate] = await Promise.all([loadToolgatePolicy(join(fixtures, 'pipeline-policy.yaml')), loadToolgatePolicy(join(fixtures, 'candidate-policy.yaml'))]);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'toolgate-pipeline-'));
  auditLog = join(dir, 'audit.log');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const events = () =>
  readFileSync(auditLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
const callEvents = () => events().filter((event) => !/proxy\.(started|stopped)$/.test(event.type));
const ghToken = `ghp_${'aB3xK9mQ7pL2vR8tN4wZ6cY1'.repeat(2).slice(0, 36)}`;

describe('protect(): each call is audited before its answer reaches the client', () => {
  it('writes tool.invoked before the result is forwarded, and policy.violation before the denial', async () => {
    const seenOnArrival: Record<number, string[]> = {};
    const p = await protectInMemory({ policy, audit: { path: auditLog } }, {}, (message) => {
      seenOnArrival[message.id] = callEvents().map((event) => event.type);
    });
    const allowed = await p.client.call('echo', { text: 'hi' });
    const denied = await p.client.call('delete_file', { path: '/tmp/x' });
    expect(allowed.result.content[0].text).toBe('{"text":"hi"}');
    expect(denied.result).toEqual({ content: [{ type: 'text', text: 'Blocked by toolgate policy: deleting files is not allowed' }], isError: true });
    expect(seenOnArrival[1]).toEqual(['dev.toolgate.tool.invoked']);
    expect(seenOnArrival[2]).toEqual(['dev.toolgate.tool.invoked', 'dev.toolgate.policy.violation']);
    expect(p.server.calls.map((call) => call.name)).toEqual(['echo']);
    await p.close();

    const [started, invoked, violation, stopped] = events();
    expect(started).toMatchObject({ type: 'dev.toolgate.proxy.started', source: 'urn:toolgate:node', data: { transport: 'embedded', mode: 'enforce', policy_revision: policy.revision } });
    expect(invoked.data).toMatchObject({ tool: 'echo', decision: 'allow', mode: 'enforce', policy_revision: policy.revision, result: { is_error: false, size: Buffer.byteLength(JSON.stringify(allowed.result)), redactions: 0 } });
    expect(invoked.data.eval_us).toBeTypeOf('number');
    expect(invoked.data.upstream_ms).toBeTypeOf('number');
    expect(violation.data).toMatchObject({ tool: 'delete_file', decision: 'deny', rule: 'no-delete', reasons: ['deleting files is not allowed'] });
    expect(stopped.data).toMatchObject({ reason: 'client-closed', calls: 2, exit_code: 0 });
    expect((await verifyAuditLog([auditLog])).intact).toBe(true);
  });

  it('enforces a limit declared in the policy: the first calls pass, the next is blocked with a retry-after and recorded', async () => {
    const p = await protectInMemory({ policy, audit: { path: auditLog } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await p.client.call('limited', { i }));
    expect(answers.slice(0, 2).map((a) => a.result.isError)).toEqual([undefined, undefined]);
    expect(answers[2].result.isError).toBe(true);
    expect(answers[2].result.content[0].text).toMatch(/^Blocked by toolgate: rate limit exceeded \(.*2 per 60s\); retry after 30 s$/);
    expect(p.server.calls).toHaveLength(2);
    await p.close();
    const limited = callEvents()[2];
    expect(limited.type).toBe('dev.toolgate.ratelimit.exceeded');
    expect(limited.data.limit).toMatchObject({ requests: 2, per: 60, retry_after_s: 30 });
  });

  it('adds the operator limit (rateLimit, --rate-limit) to every decision', async () => {
    const violations: CallReport[] = [];
    const p = await protectInMemory({ policy, rateLimit: '1/hour', onViolation: (report) => violations.push(report) });
    expect((await p.client.call('echo', { n: 1 })).result.isError).toBeUndefined();
    const blocked = await p.client.call('other', { n: 2 });
    expect(blocked.result.content[0].text).toMatch(/rate limit exceeded \(--rate-limit: 1 per 3600s\); retry after 3600 s/);
    expect(violations).toMatchObject([{ tool: 'other', outcome: 'rate-limited', blocked: true, retryAfterSeconds: 3600 }]);
    await p.close();
  });

  it('redacts secrets from results as the decision asks, and counts them in the event', async () => {
    const p = await protectInMemory({ policy, audit: { path: auditLog } }, { answer: () => ({ content: [{ type: 'text', text: `token: ${ghToken}` }] }) });
    const read = await p.client.call('read_file', { path: 'notes.txt' });
    expect(read.result.content[0].text).not.toContain(ghToken);
    expect(read.result.content[0].text).toMatch(/^token: \[REDACTED/);
    await p.close();
    expect(callEvents()[0].data.result).toMatchObject({ redactions: 1 });
  });

  it('puts detector findings in the input and the event; the same traversal is caught every time', async () => {
    const p = await protectInMemory({ policy, audit: { path: auditLog } });
    for (let i = 0; i < 3; i++) expect((await p.client.call('read_file', { options: { paths: ['docs/../../etc/passwd'] } })).result.isError).toBe(true);
    await p.close();
    const denials = callEvents();
    expect(denials).toHaveLength(3);
    for (const event of denials) {
      expect(event.data.rule).toBe('detectors.path_traversal');
      expect(event.data.findings).toContainEqual(expect.objectContaining({ detector: 'path_traversal', path: ['options', 'paths', 0] }));
    }
  });

  it('runs no detectors when they are turned off (--no-sanitize)', async () => {
    const p = await protectInMemory({ policy, detectors: false, audit: { path: auditLog } });
    expect((await p.client.call('read_file', { path: '../../etc/passwd' })).result.isError).toBeUndefined();
    await p.close();
    expect(callEvents()[0].data.findings).toEqual([]);
  });

  it('stamps the identity on the input and the event', async () => {
    const p = await protectInMemory({ policy, identity: { sub: 'agent-7' }, audit: { path: auditLog } });
    await p.client.call('echo', {});
    await p.close();
    expect(callEvents()[0].data.identity).toEqual({ sub: 'agent-7' });
  });
});

describe('protect(): modes and the shadow candidate', () => {
  it('mode shadow forwards a call the policy denies, records it as a would-be denial and reports it as a violation not blocked', async () => {
    const violations: CallReport[] = [];
    const p = await protectInMemory({ policy, mode: 'shadow', audit: { path: auditLog }, onViolation: (report) => violations.push(report) });
    const answer = await p.client.call('delete_file', { path: '/tmp/x' });
    expect(answer.result.isError).toBeUndefined();
    expect(p.server.calls.map((call) => call.name)).toEqual(['delete_file']);
    await p.close();
    expect(events()[0].data.mode).toBe('shadow');
    expect(callEvents()[0]).toMatchObject({ type: 'dev.toolgate.tool.invoked', data: { decision: 'deny', mode: 'shadow', rule: 'no-delete' } });
    expect(violations).toMatchObject([{ outcome: 'shadow-deny', blocked: false, tool: 'delete_file' }]);
  });

  it('evaluates a shadow policy beside the enforced one: only the enforced acts, both are recorded', async () => {
    const decisions: CallReport[] = [];
    const p = await protectInMemory({ policy, shadowPolicy: candidate, audit: { path: auditLog }, onDecision: (report) => decisions.push(report) });
    expect((await p.client.call('echo', {})).result.isError).toBeUndefined();
    expect((await p.client.call('list_things', {})).result.isError).toBeUndefined();
    await p.close();
    const [echo, list] = callEvents();
    expect(echo.data).toMatchObject({ decision: 'allow', shadow: { decision: 'allow', rule: 'echo-only' } });
    expect(list.data).toMatchObject({ decision: 'allow', shadow: { decision: 'deny', rule: 'default_action' } });
    expect(decisions.map((d) => [d.outcome, d.shadow?.allow])).toEqual([['allowed', true], ['allowed', false]]);
  });
});

describe('protect(): tools/list', () => {
  const tools = [
    { name: 'echo', inputSchema: { type: 'object' } },
    { name: 'delete_file', inputSchema: { type: 'object' } },
  ];

  it('hides tools the policy denies whatever the arguments, unless hideTools is false or the mode is shadow', async () => {
    const listed = async (options: object) => {
      const p = await protectInMemory({ policy, ...options }, { tools });
      const names = (await p.client.request('tools/list', {})).result.tools.map((tool: { name: string }) => tool.name);
      await p.close();
      return names;
    };
    expect(await listed({})).toEqual(['echo']);
    expect(await listed({ hideTools: false })).toEqual(['echo', 'delete_file']);
    expect(await listed({ mode: 'shadow' })).toEqual(['echo', 'delete_file']);
  });
});

describe('protect(): callbacks and verbose lines', () => {
  it('calls onDecision for every call and onViolation for blocked ones; a throwing callback changes nothing', async () => {
    const decisions: string[] = [];
    const p = await protectInMemory({
      policy,
      verbose: true,
      onDecision: (report) => decisions.push(`${report.outcome}:${report.tool}`),
      onViolation: () => {
        throw new Error('host bug');
      },
    });
    expect((await p.client.call('echo', {})).result.isError).toBeUndefined();
    expect((await p.client.call('delete_file', {})).result.isError).toBe(true);
    await p.close();
    expect(decisions).toEqual(['allowed:echo', 'denied:delete_file']);
    expect(p.reports).toContain('the onViolation callback failed: host bug');
    expect(p.reports.filter((line) => /^(allowed|denied) /.test(line))).toEqual([
      expect.stringMatching(/^allowed echo \[rule default_action, \d+ µs\]$/),
      expect.stringMatching(/^denied delete_file: deleting files is not allowed \[rule no-delete, \d+ µs\]$/),
    ]);
  });
});

describe('protect(): lifecycle', () => {
  it('stop() before start() closes the log without events; stop() while serving records proxy.stopped', async () => {
    const p = await protectInMemory({ policy, audit: { path: auditLog } });
    await p.client.call('echo', {});
    const outcome = await p.gate.stop();
    expect(outcome.reason).toBe('client-closed');
    expect(events().map((event) => event.type.replace('dev.toolgate.', ''))).toEqual(['proxy.started', 'tool.invoked', 'proxy.stopped']);
  });
});
