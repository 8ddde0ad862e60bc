/**
 * Hot reload in a running proxy, with a real client and a real npm server:
 * the policy file is edited 100 times while calls keep flowing. No call may
 * fail, every edit must take effect, and a broken edit must leave the running
 * policy enforcing, be reported, and be recorded in the audit log.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditLog, policyReloadedEvent, policyReloadFailedEvent, verifyAuditLog } from '../../src/audit/index.js';
import { readAuditEvents } from '../../src/audit/read-audit-events.js';
import { handleDecider } from '../../src/policy/policy-handle.js';
import { watchPolicy } from '../../src/policy/reload/index.js';
import { policyHooks, startCommandProxy } from '../../src/proxy/index.js';
import { temporaryFolder } from '../policy/reload/policy-files.js';
import { BROKEN_POLICY_ERROR, brokenPolicy, decidedBy, echoAnswer, echoLoad, versionedPolicy } from '../policy/reload/versioned-policy.js';
import { npmServer } from './support/paths.js';
import { waitUntil } from './support/processes.js';
import { clientLink } from './support/stream-transport.js';

const [node, everything] = npmServer('@modelcontextprotocol/server-everything');
const RELOADS = 100;
const CALLERS = 4;

const folder = temporaryFolder();
afterAll(() => folder.remove());

describe('editing the policy of a running proxy under load', () => {
  it('applies 100 edits without failing a call, and keeps enforcing through a broken edit', async () => {
    const file = join(folder.dir, 'policy.yaml');
    const auditPath = join(folder.dir, 'audit.log');
    writeFileSync(file, versionedPolicy(1));
    const audit = await openAuditLog({ path: auditPath, source: 'everything' });
    const reported: string[] = [];
    let reloads = 0;
    let failures = 0;
    const handle = await watchPolicy(file, {
      debounceMs: 20,
      reloadSignal: null,
      report: (line) => reported.push(line),
      onReloaded: async (event) => {
        await audit.append(policyReloadedEvent(event));
        reloads++;
      },
      onReloadFailed: async (event) => {
        await audit.append(policyReloadFailedEvent(event));
        failures++;
      },
    });
    const link = clientLink();
    const proxy = startCommandProxy({ command: node, args: [everything], hooks: [policyHooks(handleDecider(handle))], client: link.endpoint, stderr: 'pipe' });
    const client = new Client({ name: 'reload-e2e', version: '1.0.0' });
    await client.connect(link.transport as never);
    const echo = async (message: string) => echoAnswer(await client.callTool({ name: 'echo', arguments: { message } }));

    // a denial is answered in-process over in-memory streams: let timers and file events run between calls
    const load = echoLoad(echo, CALLERS, () => new Promise((resolve) => setImmediate(resolve)));

    // the first decision is version 1's: echo denied
    expect(await echo('start')).toEqual({ allowed: false, version: 1 });
    const switched: boolean[] = [];
    for (let version = 2; version <= RELOADS + 1; version++) {
      if (version === 51) {
        writeFileSync(file, brokenPolicy(version));
        await waitUntil(() => failures === 1, 30_000, 'the failed reload');
        // version 50 (echo allowed) stays in force
        expect(await echo('after the broken edit')).toEqual({ allowed: true });
      }
      writeFileSync(file, versionedPolicy(version));
      await waitUntil(() => reloads === version - 1, 30_000, `reload ${version - 1}`);
      const answer = await echo(`after version ${version}`);
      switched.push(decidedBy(answer, version));
    }
    const { calls: loadCalls, errors: loadErrors } = await load.stop();
    await client.close();
    await proxy.done;
    await handle.close();
    await audit.close();

    expect(loadErrors).toEqual([]);
    expect(loadCalls).toBeGreaterThan(RELOADS);
    expect(switched).toEqual(Array(RELOADS).fill(true));

    const failureReports = reported.filter((line) => line.includes('reload failed'));
    expect(failureReports).toHaveLength(1);
    expect(failureReports[0]).toMatch(/^enforced policy reload failed; revision sha256:[0-9a-f]{12} stays in force:\n/);
    expect(failureReports[0]).toMatch(BROKEN_POLICY_ERROR);
    const events = [];
    for await (const event of readAuditEvents([auditPath])) events.push(event);
    const reloaded = events.filter((event) => event.type === 'policy.reloaded');
    expect(reloaded).toHaveLength(RELOADS);
    for (let i = 1; i < reloaded.length; i++) expect(reloaded[i].data.previous_revision).toBe(reloaded[i - 1].data.policy_revision);
    const failed = events.filter((event) => event.type === 'policy.reload_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toMatchObject({ policy_revision: reloaded[48].data.policy_revision, sources: [file], error: expect.stringContaining('got "dney"') });
    expect((await verifyAuditLog([auditPath])).broken).toBeUndefined();
  });
});
