/** protect() refuses a configuration it cannot run safely, before anything starts, with a message naming the problem. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protect } from '../../src/protect/protect.js';
import { ProtectConfigError } from '../../src/protect/protect-errors.js';
import type { ProtectOptions, ProtectTarget } from '../../src/protect/protect-options.js';
import { fixedPolicy } from '../../src/policy/policy-handle.js';
import type { ToolgatePolicy } from '../../src/policy/toolgate-policy.js';

const streams = () => ({ readable: new PassThrough(), writable: new PassThrough() });
const target: ProtectTarget = { client: streams(), server: streams() };
const allowAll: ToolgatePolicy = { revision: 'test', mode: 'enforce', origin: 'test', decide: () => ({ allow: true, reasons: [] }), toolHidden: () => false };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toolgate-config-'));
  writeFileSync(join(dir, 'a-file'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (options: ProtectOptions, t: ProtectTarget = target) => expect(protect(t, { policy: allowAll, pins: false, ...options })).rejects;

describe('protect() configuration errors', () => {
  it.each([
    [{ mode: 'block' as never }, 'mode must be enforce or shadow, got "block"'],
    [{ denial: 'silent' as never }, 'denial must be result or error, got "silent"'],
    [{ identity: ['alice'] as never }, 'identity must be a JSON object'],
    [{ rateLimit: '100/fortnight' }, /^rate limit: invalid limit "100\/fortnight": unknown window "fortnight"/],
    [{ rateLimit: 'lots' }, /^rate limit: invalid limit "lots"/],
    [{ rateLimit: { key: 'x', requests: 0, per: 60 } }, /^rate limit: requests and per must be positive numbers/],
    [{ detectors: ['path_traversal', 'telepathy'] as never }, /^unknown detector\(s\) telepathy \(known: path_traversal, /],
    [{ roots: ['/definitely/not/here'] }, /^root \/definitely\/not\/here cannot be used: ENOENT/],
    [{ audit: { path: join(tmpdir(), 'a.log'), checkpointEvery: 10 } }, 'audit checkpoints are signed: --audit-checkpoint-every needs --audit-key'],
    [{ audit: { sink: 'file' } }, 'an audit log file path is required for the file sink'],
    [{ audit: { path: '/tmp/x.log', format: 'xml' as never } }, 'unknown audit format "xml" (cloudevents or json)'],
    [{ shadowPolicy: 'strict', policy: fixedPolicy(allowAll) }, 'shadowPolicy cannot be combined with a policy handle: give the handle its candidate'],
  ])('%j', async (options, message) => {
    const error = await protect(target, { policy: allowAll, pins: false, ...(options as ProtectOptions) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectConfigError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });

  it('a root that is a file', async () => {
    await refused({ roots: [join(dir, 'a-file')] }).toThrow(`root ${join(dir, 'a-file')} is not a directory`);
  });

  it('targets that are neither a command nor a pair of connections', async () => {
    await refused({}, { command: '' }).toThrow('the server command is empty');
    await refused({}, { command: 'node', args: [1 as never] }).toThrow('args must be a list of strings');
    await refused({}, { client: streams(), server: {} as never }).toThrow('server must be an MCP Transport (start, send, close) or streams ({ readable, writable })');
    await refused({}, null as never).toThrow('protect() needs a target');
  });

  it('a policy that does not exist', async () => {
    await expect(protect(target, { policy: join(dir, 'missing.yaml'), pins: false })).rejects.toThrow(/^policy not found: /);
  });
});
