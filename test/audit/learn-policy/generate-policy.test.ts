import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openAuditLog } from '../../../src/audit/audit-log.js';
import { policyViolationEvent, toolInvokedEvent, type AuditEvent } from '../../../src/audit/event-builders.js';
import { generatePolicyFromAudit } from '../../../src/audit/learn-policy/index.js';
import { toolPattern } from '../../../src/audit/learn-policy/policy-yaml.js';
import { readAuditEvents } from '../../../src/audit/read-audit-events.js';
import { callInput } from '../../../src/policy/dialect/call-input.js';
import { compilePolicy, loadPolicyFile } from '../../../src/policy/dialect/index.js';
import type { DecisionDocument } from '../../../src/policy/documents.js';
import { buildBundle, loadBundle, type LoadedBundle } from '../../../src/policy/engine/index.js';
import { makeTempDir } from '../fixtures/audit-fixtures.js';

const START = Date.parse('2026-03-02T09:00:00Z');

function forwarded(tool: string, args: Record<string, unknown>, second: number, session = 's1'): AuditEvent {
  return { ...toolInvokedEvent({ tool, arguments: args, session, decision: { allow: true, reasons: [] } }), time: new Date(START + second * 1000) };
}

/** A recorded session against a filesystem-like server, with one call the policy blocked. */
function recordedSession(): AuditEvent[] {
  const events: AuditEvent[] = [];
  // A burst: 12 reads within 30 seconds, under two folders.
  for (let i = 0; i < 12; i++) events.push(forwarded('read_file', { path: i % 3 === 0 ? `/home/alice/docs/n${i}.md` : `/srv/data/${i}.csv` }, i * 2.5));
  events.push(forwarded('read_multiple_files', { paths: ['/srv/data/a.csv', '/srv/data/more/b.csv'] }, 100));
  events.push(forwarded('move_file', { source: '/srv/data/in/x.csv', destination: '/srv/archive/x.csv' }, 130, 's2'));
  events.push(forwarded('search_files', { path: '/srv/data', pattern: '*.csv' }, 160, 's2'));
  events.push(forwarded('search_files', { path: '/srv/data/more', pattern: 'b*', excludePatterns: ['tmp'] }, 170, 's2'));
  events.push(forwarded('list_directory', { path: '/srv/data/../data/more' }, 200));
  events.push(forwarded('git*log', { max_count: 5 }, 230));
  events.push(forwarded('write_file', { content: 'hello' }, 240));
  events.push(forwarded('write_file', { path: '/tmp/out/report.txt', content: 'hello' }, 250));
  events.push({ ...policyViolationEvent({ tool: 'run_shell', arguments: { command: 'ls' }, decision: { allow: false, reasons: ['no shell'] } }), time: new Date(START + 260_000) });
  return events;
}

let dir: string;
let cleanup: () => Promise<void>;
let logPath: string;
let yaml: string;
let policyPath: string;
let bundle: LoadedBundle;
let entrypoint: string;

function decide(tool: string, args: Record<string, unknown>, session = 's1'): DecisionDocument {
  return bundle.evaluate(callInput({ tool, arguments: args, session }), entrypoint)[0]?.result as DecisionDocument;
}

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  logPath = join(dir, 'audit.log');
  const log = await openAuditLog({ path: logPath, source: 'fs', warn: () => undefined });
  for (const event of recordedSession()) await log.append(event);
  await log.close();
  yaml = await generatePolicyFromAudit([logPath]);
  policyPath = join(dir, 'learned.yaml');
  await writeFile(policyPath, yaml);
  const compiled = compilePolicy(loadPolicyFile(policyPath));
  entrypoint = compiled.entrypoint;
  bundle = await loadBundle(await buildBundle({ modules: compiled.modules, data: compiled.data, entrypoints: [compiled.entrypoint, compiled.toolHiddenEntrypoint] }));
});
afterAll(async () => cleanup());

describe('toolgate policy generate', () => {
  it('writes a shadow-mode, default-deny policy with one allow rule per forwarded tool', () => {
    const policy = parse(yaml) as { version: string; mode: string; default_action: string; rules: Array<{ id: string; tool: string; action: string }> };
    expect(policy).toMatchObject({ version: '1.0', mode: 'shadow', default_action: 'deny' });
    expect(policy.rules.map((rule) => [rule.id, rule.tool, rule.action])).toEqual([
      ['learned-git-log', '/^git\\*log$/', 'allow'],
      ['learned-list_directory', 'list_directory', 'allow'],
      ['learned-move_file', 'move_file', 'allow'],
      ['learned-read_file', 'read_file', 'allow'],
      ['learned-read_multiple_files', 'read_multiple_files', 'allow'],
      ['learned-search_files', 'search_files', 'allow'],
      ['learned-write_file', 'write_file', 'allow'],
    ]);
  });

  it('learns folders per path argument, lists as [all], optional arguments as any-of-absent', () => {
    const rules = (parse(yaml) as { rules: Array<{ id: string; conditions?: unknown[] }> }).rules;
    const conditions = Object.fromEntries(rules.map((rule) => [rule.id, rule.conditions]));
    expect(conditions['learned-read_file']).toEqual([{ 'arguments.path': { within: ['/home/alice/docs', '/srv/data'] } }]);
    expect(conditions['learned-read_multiple_files']).toEqual([{ 'arguments.paths[all]': { within: ['/srv/data'] } }]);
    expect(conditions['learned-move_file']).toEqual([
      { 'arguments.destination': { within: ['/srv/archive'] } },
      { 'arguments.source': { within: ['/srv/data/in'] } },
    ]);
    expect(conditions['learned-list_directory']).toEqual([{ 'arguments.path': { prefix: ['/srv/data/../data/'] } }]);
    expect(conditions['learned-search_files']).toEqual([{ 'arguments.path': { within: ['/srv'] } }]);
    expect(conditions['learned-write_file']).toEqual([
      { any: [{ 'arguments.path': { exists: false } }, { 'arguments.path': { within: ['/tmp/out'] } }] },
    ]);
    expect(conditions['learned-git-log']).toBeUndefined();
  });

  it('says in comments what was observed, and that blocked calls were not learned from', () => {
    expect(yaml).toContain('# read_file: 12 call(s)');
    expect(yaml).toContain('# argument path: 12 path(s) seen, all within /home/alice/docs, /srv/data');
    expect(yaml).toContain('# 1 blocked call(s) in the log were not learned from.');
    expect(yaml).toMatch(/global: 24\/minute # busiest minute: 12 call\(s\)/);
    expect(yaml).toMatch(/read_file: 24\/minute # busiest minute: 12 call\(s\)/);
    expect(yaml).toContain('    /^git\\*log$/: 5/minute # busiest minute: 1 call(s)');
  });

  it('validates against the dialect and, replayed against the recorded session, allows every forwarded call', async () => {
    let replayed = 0;
    for await (const event of readAuditEvents([logPath])) {
      if (event.type !== 'tool.invoked') continue;
      const decision = decide(event.data.tool as string, event.data.arguments as Record<string, unknown>, event.data.session as string);
      expect({ tool: event.data.tool, arguments: event.data.arguments, allow: decision.allow, reasons: decision.reasons }).toMatchObject({ allow: true });
      expect(decision.mode).toBe('shadow');
      replayed++;
    }
    expect(replayed).toBe(20);
  });

  it('gives every tool a rate limit at least as high as its busiest minute', () => {
    const decision = decide('read_file', { path: '/srv/data/1.csv' });
    expect(decision.limits).toEqual(expect.arrayContaining([
      { key: 'global', requests: 24, per: 60 },
      { key: 'tool:read_file', requests: 24, per: 60 },
    ]));
  });

  it('would deny what the session never did', () => {
    expect(decide('read_file', { path: '/etc/passwd' }).allow).toBe(false);
    expect(decide('read_file', { path: '/srv/data/../../etc/passwd' }).allow).toBe(false);
    expect(decide('read_multiple_files', { paths: ['/srv/data/a.csv', '/etc/shadow'] }).allow).toBe(false);
    expect(decide('run_shell', { command: 'ls' }).allow).toBe(false);
    expect(decide('delete_file', { path: '/srv/data/a.csv' }).allow).toBe(false);
    expect(decide('gitXlog', {}).allow).toBe(false);
  });
});

describe('toolPattern', () => {
  it('writes names with glob or regex syntax as anchored, escaped regexes', () => {
    expect(toolPattern('read_file')).toBe('read_file');
    expect(toolPattern('a?b')).toBe('/^a\\?b$/');
    expect(toolPattern('/x/')).toBe('/^/x/$/');
    expect(toolPattern('/')).toBe('/');
  });
});
