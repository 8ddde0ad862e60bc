/**
 * Rolling a policy out in shadow, through the built `toolgate protect` with an
 * SDK client and server-everything: mode shadow (flag and policy file) forwards
 * what the policy would block and records it; a candidate (`--shadow-policy`)
 * is evaluated beside the enforced policy, only the enforced one acts, every
 * disagreement is in the audit log and in `toolgate audit --shadow-diff`, and
 * the candidate can be edited while it runs.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, connectThroughProtect, firstText, toolgate } from '../protect/support/protect-cli.js';
import { temporaryFolder } from '../policy/reload/policy-files.js';
import { npmServer } from './support/paths.js';
import { waitUntil } from './support/processes.js';

const everything = npmServer('@modelcontextprotocol/server-everything');
const folder = temporaryFolder();
const dir = realpathSync(folder.dir);
afterAll(() => folder.remove());

function policy(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const rule = (id: string, tool: string, action: 'allow' | 'deny', reason?: string) =>
  [`  - id: ${id}`, `    tool: ${tool}`, `    action: ${action}`, ...(reason ? [`    reason: "${reason}"`] : [])].join('\n');

const NO_MATH = ['version: "1.0"', 'default_action: allow', 'rules:', rule('no-math', 'get-sum', 'deny', 'arithmetic is not allowed')];

const sum = { name: 'get-sum', arguments: { a: 1, b: 2 } };

async function violations(log: string) {
  const { stdout, exitCode } = await toolgate(['audit', log, '--violations-only', '--format', 'json']);
  expect(exitCode).toBe(0);
  return (JSON.parse(stdout) as Array<Record<string, unknown>>).map(({ tool, outcome, rule }) => ({ tool, outcome, rule }));
}

describe('shadow rollout with a real server and client', () => {
  it('--mode shadow forwards a call the policy denies and records it as a would-be denial', async () => {
    const log = join(dir, 'mode-flag.log');
    const server = await connectThroughProtect(everything, ['--policy', policy('no-math.yaml', NO_MATH), '--mode', 'shadow', '--no-pins', '--audit-log', log]);
    const answer = await server.client.callTool(sum);
    expect(answer.isError).not.toBe(true);
    expect(firstText(answer)).toContain('3');
    await server.close();
    const call = auditEvents(log).find((event) => event.data.tool === 'get-sum')!;
    expect(call).toMatchObject({ type: 'dev.toolgate.tool.invoked', data: { decision: 'deny', mode: 'shadow', rule: 'no-math', reasons: ['arithmetic is not allowed'] } });
    expect(await violations(log)).toEqual([{ tool: 'get-sum', outcome: 'shadow-deny', rule: 'no-math' }]);
  });

  it('mode: shadow in the policy file does the same, and the flag --mode enforce overrides it', async () => {
    const file = policy('no-math-shadow.yaml', ['mode: shadow', ...NO_MATH]);
    const log = join(dir, 'mode-file.log');
    const shadowed = await connectThroughProtect(everything, ['--policy', file, '--no-pins', '--audit-log', log]);
    expect(firstText(await shadowed.client.callTool(sum))).toContain('3');
    await shadowed.close();
    const enforced = await connectThroughProtect(everything, ['--policy', file, '--mode', 'enforce', '--no-pins', '--audit-log', log]);
    const blocked = await enforced.client.callTool(sum);
    expect(blocked).toMatchObject({ isError: true, content: [{ text: 'Blocked by toolgate policy: arithmetic is not allowed' }] });
    await enforced.close();
    expect(await violations(log)).toEqual([
      { tool: 'get-sum', outcome: 'shadow-deny', rule: 'no-math' },
      { tool: 'get-sum', outcome: 'denied', rule: 'no-math' },
    ]);
  });

  it('--shadow-policy evaluates a candidate beside the enforced policy, records every disagreement, and follows edits of the candidate', async () => {
    const enforcedPolicy = policy('enforced.yaml', ['version: "1.0"', 'default_action: allow', 'rules:', rule('no-env', 'get-env', 'deny', 'the environment holds secrets')]);
    const candidateLines = (sumAction: 'allow' | 'deny') => [
      'version: "1.0"',
      'default_action: deny',
      'rules:',
      rule('echo-ok', 'echo', 'allow'),
      rule('env-ok', 'get-env', 'allow'),
      rule('sum-rule', 'get-sum', sumAction, sumAction === 'deny' ? 'no arithmetic in the candidate' : undefined),
    ];
    const candidate = policy('candidate.yaml', candidateLines('deny'));
    const log = join(dir, 'candidate.log');
    const server = await connectThroughProtect(everything, ['--policy', enforcedPolicy, '--shadow-policy', candidate, '--no-pins', '--audit-log', log]);

    // only the enforced policy acts: get-sum runs although the candidate would deny it, get-env is blocked although the candidate allows it
    expect(firstText(await server.client.callTool({ name: 'echo', arguments: { message: 'same answer' } }))).toBe('Echo: same answer');
    expect(firstText(await server.client.callTool(sum))).toContain('3');
    expect(await server.client.callTool({ name: 'get-env', arguments: {} })).toMatchObject({ isError: true, content: [{ text: 'Blocked by toolgate policy: the environment holds secrets' }] });

    // the candidate is edited while it runs: from now on it agrees about get-sum
    writeFileSync(candidate, `${candidateLines('allow').join('\n')}\n`);
    await waitUntil(() => server.transport.stderr.includes('candidate policy reloaded'), 30_000, 'the candidate reload');
    expect(firstText(await server.client.callTool(sum))).toContain('3');
    await server.close();

    const events = auditEvents(log);
    const calls = events.filter((event) => typeof event.data.tool === 'string');
    expect(calls.map((event) => [event.data.tool, event.data.decision, event.data.shadow?.decision, event.data.shadow?.rule])).toEqual([
      ['echo', 'allow', 'allow', 'echo-ok'],
      ['get-sum', 'allow', 'deny', 'sum-rule'],
      ['get-env', 'deny', 'allow', 'env-ok'],
      ['get-sum', 'allow', 'allow', 'sum-rule'],
    ]);
    const reload = events.find((event) => event.type === 'dev.toolgate.policy.reloaded')!;
    expect(reload.data).toMatchObject({ sources: [candidate], policy_revision: expect.stringMatching(/^sha256:/) });
    // the enforced revision stamps every call, before and after the candidate changed
    expect(new Set(calls.map((event) => event.data.policy_revision)).size).toBe(1);

    const diff = await toolgate(['audit', log, '--shadow-diff', '--format', 'json']);
    expect(diff.exitCode).toBe(0);
    expect((JSON.parse(diff.stdout) as Array<Record<string, unknown>>).map(({ tool, enforced, shadow, enforced_rule, shadow_rule }) => ({ tool, enforced, shadow, enforced_rule, shadow_rule }))).toEqual([
      { tool: 'get-sum', enforced: 'allow', shadow: 'deny', enforced_rule: 'default_action', shadow_rule: 'sum-rule' },
      { tool: 'get-env', enforced: 'deny', shadow: 'allow', enforced_rule: 'no-env', shadow_rule: 'env-ok' },
    ]);
    const table = await toolgate(['audit', log, '--shadow-diff']);
    expect(table.stdout).toContain('Calls where the enforced and the shadow policy disagree: 2');
    expect(table.stdout).toContain('no arithmetic in the candidate');
  });
});
