/** A log that cannot be written: --audit-required blocks calls with a clear message; without it calls continue and the operator is told why nothing is logged. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallReport } from '../../src/protect/protect-options.js';
import { loadToolgatePolicy, type ToolgatePolicy } from '../../src/policy/toolgate-policy.js';
import { protectInMemory } from './support/in-memory-peers.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
let policy: ToolgatePolicy;
beforeAll(async () => {
  policy = await loadToolgatePolicy(join(fixtures, 'pipeline-policy.yaml'));
});

const BLOCKED = 'audit log /dev/full cannot be written (ENOSPC: no space left on device, write); the call is blocked because the audit log is required';

describe('a full disk (/dev/full) as the audit log', () => {
  it('with required: every call is blocked with the reason and never reaches the server', async () => {
    const violations: CallReport[] = [];
    const p = await protectInMemory({ policy, audit: { path: '/dev/full', required: true }, onViolation: (report) => violations.push(report) });
    for (let i = 0; i < 3; i++) {
      const answer = await p.client.call('echo', { i });
      expect(answer.result).toEqual({ content: [{ type: 'text', text: BLOCKED }], isError: true });
    }
    const denied = await p.client.call('delete_file', {});
    expect(denied.result.content[0].text).toBe('Blocked by toolgate policy: deleting files is not allowed');
    expect(p.server.calls).toEqual([]);
    await p.close();
    expect(violations.map((v) => [v.outcome, v.blocked])).toEqual([
      ['audit-unavailable', true],
      ['audit-unavailable', true],
      ['audit-unavailable', true],
      ['denied', true],
    ]);
    expect(p.reports.filter((line) => line.startsWith('AUDIT LOG NOT WRITABLE'))).toEqual([
      'AUDIT LOG NOT WRITABLE: /dev/full: ENOSPC: no space left on device, write. Tool calls are BLOCKED because the audit log is required (--audit-required) until it can be written again.',
    ]);
  });

  it('with required and errors as JSON-RPC errors: the same message as an error', async () => {
    const p = await protectInMemory({ policy, denial: 'error', audit: { path: '/dev/full', required: true } });
    const answer = await p.client.call('echo', {});
    expect(answer.error).toEqual({ code: -32603, message: BLOCKED });
    await p.close();
  });

  it('without required: calls are served, and stderr says once why nothing is logged', async () => {
    const p = await protectInMemory({ policy, audit: { path: '/dev/full' } });
    for (let i = 0; i < 3; i++) expect((await p.client.call('echo', { i })).result.content[0].text).toBe(`{"i":${i}}`);
    expect(p.server.calls).toHaveLength(3);
    await p.close();
    expect(p.reports.filter((line) => line.includes('AUDIT LOG NOT WRITABLE'))).toEqual([
      'AUDIT LOG NOT WRITABLE: /dev/full: ENOSPC: no space left on device, write. Tool calls continue WITHOUT an audit trail (use --audit-required to block them instead). This is reported once until writing works again.',
    ]);
  });
});
