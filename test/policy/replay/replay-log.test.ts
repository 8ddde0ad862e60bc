import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog, toolInvokedEvent } from '../../../src/audit/index.js';
import { formatReplay, gateFails, replayLog, type ReplayReport } from '../../../src/policy/replay/index.js';
import { loadToolgatePolicy } from '../../../src/policy/toolgate-policy.js';
import { temporaryFolder } from '../reload/policy-files.js';
import { SESSION, writeRecordedLog } from './recorded-log.js';

const folder = temporaryFolder();
afterAll(() => folder.remove());

const rule = (id: string, tool: string, action: string) => `  - id: ${id}\n    tool: ${tool}\n    action: ${action}\n`;
/** Allows shells, which were denied, and no longer allows writes, which were. */
const CANDIDATE = `version: "1.0"\ndefault_action: deny\nrules:\n${rule('echo-ok', 'echo', 'allow')}${rule('reads', 'read_file', 'allow')}${rule('shell-ok', 'run_shell', 'allow')}`;
/** Decides as the recorded policy did. */
const SAME = `version: "1.0"\ndefault_action: allow\nrules:\n${rule('no-shell', 'run_shell', 'deny')}`;

let log: string;
let candidate: ReplayReport;
beforeAll(async () => {
  log = await writeRecordedLog(folder.dir);
  writeFileSync(join(folder.dir, 'candidate.yaml'), CANDIDATE);
  candidate = await replayLog([log], await loadToolgatePolicy(join(folder.dir, 'candidate.yaml')));
});

describe('replaying a recorded log with another policy', () => {
  it('lists the calls the policy would newly deny and newly allow', () => {
    expect(candidate).toMatchObject({ calls: 4, unchanged: 2, redactedCalls: 1, skippedLines: 0, files: [log] });
    expect(candidate.newlyDenied.map(({ call, now }) => [call.tool, call.recorded.rule, now.rule])).toEqual([['write_file', 'writes', 'default_action']]);
    expect(candidate.newlyAllowed.map(({ call, now }) => [call.tool, call.recorded.rule, now.rule])).toEqual([['run_shell', 'no-shell', 'shell-ok']]);
    expect(candidate.policy.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('finds nothing to report when the policy decides as the recorded one did', async () => {
    writeFileSync(join(folder.dir, 'same.yaml'), SAME);
    const report = await replayLog([log], await loadToolgatePolicy(join(folder.dir, 'same.yaml')));
    expect(report).toMatchObject({ calls: 4, unchanged: 4, newlyDenied: [], newlyAllowed: [] });
    for (const failOn of ['new-denies', 'any-change', 'none'] as const) expect(gateFails(report, failOn)).toBe(false);
  });

  it('fails the gate on new denials, on any change, or never, as asked', async () => {
    expect(gateFails(candidate, 'new-denies')).toBe(true);
    expect(gateFails(candidate, 'any-change')).toBe(true);
    expect(gateFails(candidate, 'none')).toBe(false);
    const onlyAllowsMore = { ...candidate, newlyDenied: [] };
    expect(gateFails(onlyAllowsMore, 'new-denies')).toBe(false);
    expect(gateFails(onlyAllowsMore, 'any-change')).toBe(true);
  });

  it('prints a table of both lists, marks calls replayed with redacted values, and ends with the gate', () => {
    const text = formatReplay(candidate, 'table', 'new-denies');
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Replayed 4 recorded call(s) with ${join(folder.dir, 'candidate.yaml')} (${candidate.policy.revision.slice(0, 19)}): 1 newly denied, 1 newly allowed, 2 unchanged.`);
    expect(text).toContain('Newly denied (1):\ntime');
    expect(lines.find((line) => line.includes('write_file *'))).toMatch(new RegExp(`^\\S+ +4 +write_file \\* +${SESSION} +writes +default_action +no rule matched: default_action deny \\(candidate\\.yaml:2\\)$`));
    expect(text).toContain('Newly allowed (1):');
    expect(lines.find((line) => line.includes('run_shell'))).toMatch(new RegExp(`^\\S+ +5 +run_shell +${SESSION} +no-shell +shell-ok +allowed by rule shell-ok \\(candidate\\.yaml:10\\)$`));
    expect(text).toContain('\nNote: 1 call(s) had arguments or identity redacted in the log and were replayed with the redacted values (marked *).\n');
    expect(lines.at(-2)).toBe('FAIL: the policy changes recorded decisions (--fail-on new-denies).');
    expect(formatReplay({ ...candidate, newlyDenied: [] }, 'table', 'new-denies').trimEnd().split('\n').at(-1)).toBe('PASS: no newly denied calls (--fail-on new-denies).');
  });

  it('prints JSON with each changed call, its arguments as logged, both decisions and the gate', () => {
    const json = JSON.parse(formatReplay(candidate, 'json', 'any-change'));
    expect(json).toMatchObject({ calls: 4, unchanged: 2, redacted_calls: 1, skipped_lines: 0, gate: { fail_on: 'any-change', failed: true } });
    expect(json.newly_denied).toEqual([
      {
        time: expect.any(String),
        seq: 4,
        file: log,
        line: 4,
        tool: 'write_file',
        session: SESSION,
        arguments: { path: '/srv/data/out.csv', api_key: '[REDACTED]' },
        identity: { sub: 'agent-7', groups: ['dev'] },
        redacted: true,
        recorded: { decision: 'allow', rule: 'writes', policy_revision: 'sha256:1' },
        now: { decision: 'deny', rule: 'default_action', reasons: expect.any(Array) },
      },
    ]);
    expect(json.newly_allowed[0]).toMatchObject({ tool: 'run_shell', recorded: { decision: 'deny', rule: 'no-shell' }, now: { decision: 'allow', rule: 'shell-ok' } });
  });

  it('shows control characters and bidi overrides from recorded calls as escapes in the table', async () => {
    const path = join(folder.dir, 'hostile.log');
    const audit = await openAuditLog({ path, source: 'x' });
    await audit.append(toolInvokedEvent({ tool: 'echo\u001b[2J\u202etxt.exe', arguments: {}, session: 's\u001b]0;pwned\u0007', decision: { allow: true, reasons: [] } }));
    await audit.close();
    const text = formatReplay(await replayLog([path], await loadToolgatePolicy(join(folder.dir, 'candidate.yaml'))), 'table', 'none');
    expect(text).toContain('echo\\u001b[2J\\u202etxt.exe');
    expect(text).toContain('s\\u001b]0;pwned\\u0007');
    expect(text).not.toMatch(/[\u001b\u202e\u0007]/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('Gate: none (--fail-on none).');
  });

  it('counts lines that are not events, and reads rotated files in order', async () => {
    const second = await writeRecordedLog(folder.dir, 'cloudevents', 'second.log');
    appendFileSync(second, 'not an event\n');
    const report = await replayLog([log, second], await loadToolgatePolicy(join(folder.dir, 'candidate.yaml')));
    expect(report).toMatchObject({ calls: 8, unchanged: 4, skippedLines: 1 });
    expect(report.newlyDenied.map(({ call }) => call.file)).toEqual([log, second]);
  });
});
