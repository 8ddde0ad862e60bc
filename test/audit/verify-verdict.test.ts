import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/audit/verify-log.js';
import { verifyVerdict } from '../../src/audit/verify-verdict.js';

const intact: VerifyReport = {
  intact: true, files: ['a.log'], events: 10, firstSeq: 1, lastSeq: 10, checkpoints: 2, signaturesChecked: true,
  lastCheckpointSeq: 10, sealed: true, uncoveredEvents: 0, warnings: [],
};

describe('verifyVerdict', () => {
  it('exits 0 for an intact, sealed log', () => {
    expect(verifyVerdict(intact, { keyId: 'abcd' })).toEqual({
      exitCode: 0,
      message: 'OK: 10 events (seq 1..10) in 1 file(s), chain intact; 2 checkpoint(s) signed by key abcd; sealed by the final checkpoint at seq 10.',
    });
  });

  it('exits 1 naming the first broken event', () => {
    const broken = { ...intact, intact: false, events: 4, broken: { file: 'a.log', line: 5, seq: 5, id: 'e5', reason: 'its content does not match its hash' } };
    expect(verifyVerdict(broken, {})).toEqual({
      exitCode: 1,
      message: 'BROKEN: a.log:5: event seq 5 (id e5): its content does not match its hash\n4 event(s) before it verified.',
    });
  });

  it('exits 3 with a key when the end is not covered by a signature, unless allowed', () => {
    const open = { ...intact, sealed: false, lastSeq: 13, lastCheckpointSeq: 10, uncoveredEvents: 3 };
    const verdict = verifyVerdict(open, { keyId: 'abcd' });
    expect(verdict.exitCode).toBe(3);
    expect(verdict.message).toMatch(/^NOT SEALED: .* 3 event\(s\) after the last checkpoint \(seq 10\) are not covered by a signature/);
    expect(verifyVerdict(open, { keyId: 'abcd', allowUnsealed: true }).exitCode).toBe(0);
  });

  it('says what cannot be detected without a key', () => {
    const verdict = verifyVerdict({ ...intact, sealed: false, checkpoints: 0, lastCheckpointSeq: undefined, uncoveredEvents: 10 }, {});
    expect(verdict).toEqual({
      exitCode: 0,
      message: 'OK: 10 events (seq 1..10) in 1 file(s), chain intact; no checkpoints; without --key, events removed from the end or a rewritten chain cannot be detected.',
    });
  });
});
