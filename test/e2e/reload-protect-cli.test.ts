/**
 * Hot reload through the built `toolgate protect`, with an SDK client over
 * stdio and server-everything: 100 edits of the policy file while calls keep
 * flowing, a broken edit in the middle, and SIGHUP.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, connectThroughProtect } from '../protect/support/protect-cli.js';
import { temporaryFolder } from '../policy/reload/policy-files.js';
import { BROKEN_POLICY_ERROR, brokenPolicy, decidedBy, echoAnswer, echoLoad, versionedPolicy } from '../policy/reload/versioned-policy.js';
import { npmServer } from './support/paths.js';
import { isAlive, waitUntil } from './support/processes.js';

const RELOADS = 100;
const CALLERS = 4;
const BROKEN_AT = 51;

const folder = temporaryFolder();
afterAll(() => folder.remove());

const count = (text: string, part: string) => text.split(part).length - 1;

describe('toolgate protect with a policy file being edited', () => {
  it('applies 100 edits under load without failing a call, survives a broken edit and reloads on SIGHUP', async () => {
    const dir = realpathSync(folder.dir);
    const file = join(dir, 'policy.yaml');
    const auditLog = join(dir, 'audit.log');
    writeFileSync(file, versionedPolicy(1));
    const server = await connectThroughProtect(npmServer('@modelcontextprotocol/server-everything'), ['--policy', file, '--no-pins', '--audit-log', auditLog]);
    const stderr = () => server.transport.stderr;
    const echo = async (message: string) => echoAnswer(await server.client.callTool({ name: 'echo', arguments: { message } }));

    const load = echoLoad(echo, CALLERS);

    expect(await echo('start')).toEqual({ allowed: false, version: 1 });
    const switched: boolean[] = [];
    for (let version = 2; version <= RELOADS + 1; version++) {
      if (version === BROKEN_AT) {
        writeFileSync(file, brokenPolicy(version));
        await waitUntil(() => stderr().includes('reload failed'), 30_000, 'the failed reload');
        expect(await echo('after the broken edit')).toEqual({ allowed: true });
      }
      writeFileSync(file, versionedPolicy(version));
      await waitUntil(() => count(stderr(), 'enforced policy reloaded') === version - 1, 30_000, `reload ${version - 1}`);
      switched.push(decidedBy(await echo(`after version ${version}`), version));
    }
    const { calls: loadCalls, errors: loadErrors } = await load.stop();

    const pid = server.transport.process.pid!;
    process.kill(pid, 'SIGHUP');
    await waitUntil(() => stderr().includes('SIGHUP: enforced policy unchanged'), 30_000, 'the answer to SIGHUP');
    expect(isAlive(pid)).toBe(true);
    expect(decidedBy(await echo('after SIGHUP'), RELOADS + 1)).toBe(true);
    expect(await server.close()).toEqual({ code: 0, signal: null });

    expect(loadErrors).toEqual([]);
    expect(loadCalls).toBeGreaterThan(RELOADS);
    expect(switched).toEqual(Array(RELOADS).fill(true));
    expect(count(stderr(), 'reload failed')).toBe(1);
    expect(stderr()).toMatch(/toolgate: enforced policy reload failed; revision sha256:[0-9a-f]{12} stays in force:\n/);
    expect(stderr()).toMatch(BROKEN_POLICY_ERROR);

    // the audit log: every reload chained to the one before, the failure, and each call stamped with the revision that decided it
    const events = auditEvents(auditLog);
    const ofType = (type: string) => events.filter((event) => event.type === `dev.toolgate.${type}`);
    const started = ofType('proxy.started')[0].data.policy_revision as string;
    const reloaded = ofType('policy.reloaded');
    expect(reloaded).toHaveLength(RELOADS);
    const versionOf = new Map<string, number>([[started, 1]]);
    reloaded.forEach((event, i) => {
      expect(event.data.previous_revision).toBe(i === 0 ? started : reloaded[i - 1].data.policy_revision);
      versionOf.set(event.data.policy_revision, i + 2);
    });
    expect(ofType('policy.reload_failed').map((event) => event.data)).toEqual([
      { error: expect.stringMatching(BROKEN_POLICY_ERROR), sources: [file], policy_revision: reloaded[BROKEN_AT - 3].data.policy_revision },
    ]);
    const calls = events.filter((event) => event.data.tool === 'echo');
    expect(calls.length).toBeGreaterThan(loadCalls);
    for (const call of calls) {
      const version = versionOf.get(call.data.policy_revision);
      expect(version, 'a call decided by an unknown revision').toBeDefined();
      expect(call.data.decision).toBe(version! % 2 === 0 ? 'allow' : 'deny');
    }
  });
});
