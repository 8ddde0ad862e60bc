import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callInput } from '../../../src/policy/dialect/call-input.js';
import { compilePolicy, loadPolicyFile, profilePath } from '../../../src/policy/dialect/index.js';
import { policyFolder } from './policy-files.js';
import { runnerFor, type PolicyRunner } from './rego-harness.js';

const folder = policyFolder();
afterAll(() => folder.remove());
const fixtures = join(import.meta.dirname, '../../fixtures/policies');

const runners = new Map<string, PolicyRunner>();
function runner(yaml: string, files: Record<string, string> = {}): PolicyRunner {
  const key = JSON.stringify([yaml, files]);
  let r = runners.get(key);
  if (!r) {
    const dir = `p${runners.size}`;
    for (const [name, text] of Object.entries(files)) folder.write(`${dir}/${name}`, text);
    r = runnerFor(compilePolicy(loadPolicyFile(folder.write(`${dir}/policy.yaml`, yaml))));
    runners.set(key, r);
  }
  return r;
}
function fileRunner(path: string): PolicyRunner {
  let r = runners.get(path);
  if (!r) runners.set(path, (r = runnerFor(compilePolicy(loadPolicyFile(path)))));
  return r;
}

interface Decision {
  allow: boolean;
  rule: string;
  reasons: string[];
  limits: Array<{ key: string }>;
  redact: string[];
}
const decide = (r: PolicyRunner, call: Record<string, unknown>, data?: unknown) =>
  (r.evaluate(callInput(call), 'toolgate/decision', data) as { result: Decision }).result;

/** Each case: a policy, a call, and the decision's allow and deciding rule (and a reason when it matters). */
interface Case {
  name: string;
  yaml: string;
  call: Record<string, unknown>;
  allow: boolean;
  rule: string;
  reason?: string;
}

const rules = (...lines: string[]) => `rules:\n${lines.join('\n')}\n`;
const deny = (id: string, tool: string, ...when: string[]) =>
  `  - id: ${id}\n    tool: ${tool}\n    action: deny${when.length ? `\n    conditions:\n${when.map((w) => `      - ${w}`).join('\n')}` : ''}`;
const allow = (id: string, tool: string, ...conditions: string[]) =>
  `  - id: ${id}\n    tool: ${tool}\n    action: allow${conditions.length ? `\n    conditions:\n${conditions.map((w) => `      - ${w}`).join('\n')}` : ''}`;

const semantics: Case[] = [
  { name: 'first matching rule decides (deny above allow)', yaml: rules(deny('d', 'a'), allow('al', 'a')), call: { tool: 'a' }, allow: false, rule: 'd' },
  { name: 'first matching rule decides (allow above deny)', yaml: rules(allow('al', 'a'), deny('d', 'a')), call: { tool: 'a' }, allow: true, rule: 'al' },
  { name: 'no rule matches: default deny', yaml: rules(allow('al', 'a')), call: { tool: 'b' }, allow: false, rule: 'default_action', reason: 'no rule matched: default_action deny' },
  { name: 'no rule matches: default_action allow', yaml: `default_action: allow\n${rules(deny('d', 'a'))}`, call: { tool: 'b' }, allow: true, rule: 'default_action' },
  {
    name: 'failed requirement of an allow rule denies, naming rule, condition and line',
    yaml: rules(allow('reads', 'read_file', 'arguments.path: { prefix: "/data/" }'), allow('rest', '"*"')),
    call: { tool: 'read_file', arguments: { path: '/etc/passwd' } },
    allow: false,
    rule: 'reads',
    reason: 'denied by rule reads (policy.yaml:2): requirement arguments.path prefix "/data/" not met (policy.yaml:6)',
  },
  { name: 'failed trigger of a deny rule falls through to the next rule', yaml: rules(deny('d', 'a', 'arguments.x: 1'), allow('rest', '"*"')), call: { tool: 'a', arguments: { x: 2 } }, allow: true, rule: 'rest' },
  { name: 'deny rule denies when every trigger holds', yaml: rules(deny('d', 'a', 'arguments.x: 1', 'arguments.y: 2'), allow('rest', '"*"')), call: { tool: 'a', arguments: { x: 1, y: 2 } }, allow: false, rule: 'd' },
  { name: 'deny rule with one trigger failing does not deny', yaml: rules(deny('d', 'a', 'arguments.x: 1', 'arguments.y: 2'), allow('rest', '"*"')), call: { tool: 'a', arguments: { x: 1, y: 3 } }, allow: true, rule: 'rest' },
  {
    name: 'when selects the rule: failing when tries the next rule',
    yaml: 'rules:\n  - id: cursor-only\n    tool: a\n    action: allow\n    when:\n      - client.name: cursor\n  - id: others\n    tool: a\n    action: deny\n',
    call: { tool: 'a', client: { name: 'claude' } },
    allow: false,
    rule: 'others',
  },
  { name: 'tool glob matches', yaml: rules(deny('g', '"git_*"'), allow('rest', '"*"')), call: { tool: 'git_push' }, allow: false, rule: 'g' },
  { name: 'tool glob is anchored', yaml: rules(deny('g', '"git_*"'), allow('rest', '"*"')), call: { tool: 'my_git_push' }, allow: true, rule: 'rest' },
  { name: 'tool glob: . is literal', yaml: rules(deny('g', '"fs.*"'), allow('rest', '"*"')), call: { tool: 'fsXread' }, allow: true, rule: 'rest' },
  { name: 'tool glob: [ ] are literal', yaml: rules(deny('g', '"a[b]*"'), allow('rest', '"*"')), call: { tool: 'ab' }, allow: true, rule: 'rest' },
  { name: 'tool glob with brackets matches literally', yaml: rules(deny('g', '"a[b]*"'), allow('rest', '"*"')), call: { tool: 'a[b]x' }, allow: false, rule: 'g' },
  { name: 'tool glob with a leading * matches the end', yaml: rules(deny('g', '"*_file"'), allow('rest', '"*"')), call: { tool: 'read_file' }, allow: false, rule: 'g' },
  { name: 'tool glob with a leading * is anchored', yaml: rules(deny('g', '"*_file"'), allow('rest', '"*"')), call: { tool: 'read_file_x' }, allow: true, rule: 'rest' },
  { name: 'tool glob * may match nothing', yaml: rules(deny('g', '"git_*"'), allow('rest', '"*"')), call: { tool: 'git_' }, allow: false, rule: 'g' },
  { name: 'tool glob ** is any tool', yaml: rules(deny('g', '"**"')), call: { tool: 'anything' }, allow: false, rule: 'g' },
  {
    name: 'requirements of a rule whose when fails are not checked',
    yaml: 'rules:\n  - id: cursor\n    tool: a\n    action: allow\n    when:\n      - client.name: cursor\n    conditions:\n      - arguments.x: 1\n  - id: others\n    tool: a\n    action: allow\n',
    call: { tool: 'a', client: { name: 'claude' } },
    allow: true,
    rule: 'others',
  },
  { name: 'tool list', yaml: rules(deny('l', '[x, y]'), allow('rest', '"*"')), call: { tool: 'y' }, allow: false, rule: 'l' },
  { name: 'tool regex is a search unless anchored', yaml: rules(deny('r', '"/shell/"'), allow('rest', '"*"')), call: { tool: 'run_shell_now' }, allow: false, rule: 'r' },
  { name: 'tool regex anchors hold', yaml: rules(deny('r', '"/^shell$/"'), allow('rest', '"*"')), call: { tool: 'run_shell' }, allow: true, rule: 'rest' },
  { name: 'tool regex with i flag', yaml: rules(deny('r', '"/^SHELL$/i"'), allow('rest', '"*"')), call: { tool: 'shell' }, allow: false, rule: 'r' },
  { name: 'tool names are case-sensitive', yaml: rules(deny('r', 'Shell'), allow('rest', '"*"')), call: { tool: 'shell' }, allow: true, rule: 'rest' },
  { name: 'nested argument path', yaml: rules(deny('n', 'a', 'arguments.options.target.path: { prefix: /etc }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { options: { target: { path: '/etc/shadow' } } } }, allow: false, rule: 'n' },
  { name: 'array index', yaml: rules(deny('n', 'a', 'arguments.paths[1]: { suffix: .pem }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { paths: ['x', 'k.pem'] } }, allow: false, rule: 'n' },
  { name: '[any] element triggers a deny', yaml: rules(deny('n', 'a', 'arguments.paths[any]: { contains: .env }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { paths: ['/ok', '/app/.env'] } }, allow: false, rule: 'n' },
  { name: '[all] elements required by an allow', yaml: rules(allow('al', 'a', 'arguments.paths[all]: { prefix: /data/ }')), call: { tool: 'a', arguments: { paths: ['/data/a', '/etc/passwd'] } }, allow: false, rule: 'al' },
  { name: '[all] holds for every element', yaml: rules(allow('al', 'a', 'arguments.paths[all]: { prefix: /data/ }')), call: { tool: 'a', arguments: { paths: ['/data/a', '/data/b'] } }, allow: true, rule: 'al' },
  { name: '[all] fails on a missing array', yaml: rules(allow('al', 'a', 'arguments.paths[all]: { prefix: /data/ }')), call: { tool: 'a' }, allow: false, rule: 'al' },
  { name: '[any] elements of nested objects', yaml: rules(deny('n', 'a', 'arguments.edits[any].newText: { contains: "rm -rf" }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { edits: [{ newText: 'ok' }, { newText: 'x; rm -rf /' }] } }, allow: false, rule: 'n' },
  { name: 'missing field fails a positive test', yaml: rules(allow('al', 'a', 'arguments.path: { prefix: /data }')), call: { tool: 'a' }, allow: false, rule: 'al' },
  { name: 'missing field passes a negated test', yaml: rules(allow('al', 'a', 'arguments.path: { not_contains: .env }')), call: { tool: 'a' }, allow: true, rule: 'al' },
  { name: 'equals on a number', yaml: rules(deny('d', 'a', 'arguments.n: 3'), allow('rest', '"*"')), call: { tool: 'a', arguments: { n: 3 } }, allow: false, rule: 'd' },
  { name: 'equals does not coerce types', yaml: rules(deny('d', 'a', 'arguments.n: 3'), allow('rest', '"*"')), call: { tool: 'a', arguments: { n: '3' } }, allow: true, rule: 'rest' },
  { name: 'not_equals', yaml: rules(allow('al', 'a', 'arguments.mode: { not_equals: write }')), call: { tool: 'a', arguments: { mode: 'write' } }, allow: false, rule: 'al' },
  { name: 'in', yaml: rules(allow('al', 'a', 'arguments.mode: { in: [read, list] }')), call: { tool: 'a', arguments: { mode: 'list' } }, allow: true, rule: 'al' },
  { name: 'not_in', yaml: rules(allow('al', 'a', 'arguments.mode: { not_in: [write, delete] }')), call: { tool: 'a', arguments: { mode: 'delete' } }, allow: false, rule: 'al' },
  { name: 'suffix list', yaml: rules(deny('d', 'a', 'arguments.f: { suffix: [.pem, .key] }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { f: 'server.key' } }, allow: false, rule: 'd' },
  { name: 'not_prefix', yaml: rules(allow('al', 'a', 'arguments.url: { not_prefix: "http://" }')), call: { tool: 'a', arguments: { url: 'http://x' } }, allow: false, rule: 'al' },
  { name: 'contains with ignore_case catches .ENV', yaml: rules(deny('d', 'a', 'arguments.path: { contains: .env, ignore_case: true }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { path: '/app/.ENV' } }, allow: false, rule: 'd' },
  { name: 'contains is case-sensitive by default', yaml: rules(deny('d', 'a', 'arguments.path: { contains: .env }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { path: '/app/.ENV' } }, allow: true, rule: 'rest' },
  { name: 'regex is a search', yaml: rules(deny('d', 'a', 'arguments.q: { regex: "(?i)drop\\\\s+table" }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { q: 'select 1; DROP  TABLE x' } }, allow: false, rule: 'd' },
  { name: 'regex anchors', yaml: rules(allow('al', 'a', 'arguments.q: { regex: "^select\\\\b" }')), call: { tool: 'a', arguments: { q: ' select 1' } }, allow: false, rule: 'al' },
  { name: 'not_regex', yaml: rules(allow('al', 'a', 'arguments.q: { not_regex: ";" }')), call: { tool: 'a', arguments: { q: 'select 1' } }, allow: true, rule: 'al' },
  { name: 'regex on a non-string fails', yaml: rules(allow('al', 'a', 'arguments.q: { regex: "1" }')), call: { tool: 'a', arguments: { q: 1 } }, allow: false, rule: 'al' },
  { name: 'glob: * stays inside a folder', yaml: rules(allow('al', 'a', 'arguments.path: { glob: "/data/*.txt" }')), call: { tool: 'a', arguments: { path: '/data/sub/a.txt' } }, allow: false, rule: 'al' },
  { name: 'glob: ** crosses folders', yaml: rules(allow('al', 'a', 'arguments.path: { glob: "/data/**/*.txt" }')), call: { tool: 'a', arguments: { path: '/data/sub/a.txt' } }, allow: true, rule: 'al' },
  { name: 'not_glob', yaml: rules(allow('al', 'a', 'arguments.path: { not_glob: "**/*.pem" }')), call: { tool: 'a', arguments: { path: '/x/y.pem' } }, allow: false, rule: 'al' },
  { name: 'lte on a number', yaml: rules(allow('al', 'a', 'arguments.n: { lte: 10 }')), call: { tool: 'a', arguments: { n: 10 } }, allow: true, rule: 'al' },
  { name: 'gt is false for a string (no Rego cross-type ordering)', yaml: rules(deny('d', 'a', 'arguments.n: { gt: 10 }'), allow('rest', '"*"')), call: { tool: 'a', arguments: { n: '5' } }, allow: true, rule: 'rest' },
  { name: 'length of a string', yaml: rules(allow('al', 'a', 'arguments.q: { length: { lte: 5 } }')), call: { tool: 'a', arguments: { q: 'abcdef' } }, allow: false, rule: 'al' },
  { name: 'length of an array', yaml: rules(allow('al', 'a', 'arguments.paths: { length: { lt: 3 } }')), call: { tool: 'a', arguments: { paths: [1, 2] } }, allow: true, rule: 'al' },
  { name: 'exists: true', yaml: rules(allow('al', 'a', 'arguments.token: { exists: true }')), call: { tool: 'a', arguments: {} }, allow: false, rule: 'al' },
  { name: 'exists: false', yaml: rules(allow('al', 'a', 'arguments.token: { exists: false }')), call: { tool: 'a', arguments: {} }, allow: true, rule: 'al' },
  { name: 'exists: false with a null value present', yaml: rules(allow('al', 'a', 'arguments.token: { exists: false }')), call: { tool: 'a', arguments: { token: null } }, allow: false, rule: 'al' },
  { name: 'type', yaml: rules(allow('al', 'a', 'arguments.path: { type: string }')), call: { tool: 'a', arguments: { path: ['/x'] } }, allow: false, rule: 'al' },
  { name: 'any: one alternative holds', yaml: rules(allow('al', 'a', 'any: [{identity.role: admin}, {client.name: cursor}]')), call: { tool: 'a', client: { name: 'cursor' } }, allow: true, rule: 'al' },
  { name: 'any: none holds', yaml: rules(allow('al', 'a', 'any: [{identity.role: admin}, {client.name: cursor}]')), call: { tool: 'a', identity: { role: 'dev' } }, allow: false, rule: 'al' },
  { name: 'all inside any', yaml: rules(allow('al', 'a', 'any: [{all: [{identity.role: dev}, {session: s1}]}, {identity.role: admin}]')), call: { tool: 'a', identity: { role: 'dev' }, session: 's1' }, allow: true, rule: 'al' },
  { name: 'not', yaml: rules(deny('d', 'a', 'not: { "identity.groups[any]": ops }'), allow('rest', '"*"')), call: { tool: 'a', identity: { groups: ['dev'] } }, allow: false, rule: 'd' },
  { name: 'not (negated fails)', yaml: rules(deny('d', 'a', 'not: { "identity.groups[any]": ops }'), allow('rest', '"*"')), call: { tool: 'a', identity: { groups: ['dev', 'ops'] } }, allow: true, rule: 'rest' },
  { name: 'tool annotations', yaml: rules(deny('d', '"*"', 'tool_annotations.destructiveHint: true'), allow('rest', '"*"')), call: { tool: 'x', tool_annotations: { destructiveHint: true } }, allow: false, rule: 'd' },
  { name: 'readOnlyHint allows', yaml: rules(allow('ro', '"*"', 'tool_annotations.readOnlyHint: true')), call: { tool: 'x', tool_annotations: { readOnlyHint: false } }, allow: false, rule: 'ro' },
  { name: 'findings in conditions', yaml: rules(deny('d', '"*"', 'findings[any].detector: secret'), allow('rest', '"*"')), call: { tool: 'x', findings: [{ detector: 'secret', path: ['k'], detail: 'aws key' }] }, allow: false, rule: 'd' },
  { name: 'within: path below a root', yaml: rules(allow('w', 'a', 'arguments.path: { within: [/data] }')), call: { tool: 'a', arguments: { path: '/data/x/y' } }, allow: true, rule: 'w' },
  { name: 'within: the root itself', yaml: rules(allow('w', 'a', 'arguments.path: { within: [/data/] }')), call: { tool: 'a', arguments: { path: '/data' } }, allow: true, rule: 'w' },
  { name: 'within: a sibling with the same prefix is outside', yaml: rules(allow('w', 'a', 'arguments.path: { within: [/data] }')), call: { tool: 'a', arguments: { path: '/data-evil/x' } }, allow: false, rule: 'w' },
  { name: 'within: .. segments never pass', yaml: rules(allow('w', 'a', 'arguments.path: { within: [/data] }')), call: { tool: 'a', arguments: { path: '/data/../etc/passwd' } }, allow: false, rule: 'w' },
  { name: 'within: backslash .. segments never pass', yaml: rules(allow('w', 'a', 'arguments.path: { within: [/data] }')), call: { tool: 'a', arguments: { path: '/data/x\\..\\..\\etc' } }, allow: false, rule: 'w' },
  { name: 'within: a relative path is outside', yaml: rules(allow('w', 'a', 'arguments.path: { within: [/data] }')), call: { tool: 'a', arguments: { path: 'data/x' } }, allow: false, rule: 'w' },
  { name: 'within roots from data', yaml: `roots: [/srv]\n${rules(allow('w', 'a', 'arguments.path: { within: roots }'))}`, call: { tool: 'a', arguments: { path: '/srv/a' } }, allow: true, rule: 'w' },
];

const agentMesh: Case[] = [
  { name: 'path_starts_with holds', yaml: rules(allow('r', 'read_file', 'path_starts_with: /home/u/docs')), call: { tool: 'read_file', arguments: { path: '/home/u/docs/a.md' } }, allow: true, rule: 'r' },
  { name: 'path_starts_with fails', yaml: rules(allow('r', 'read_file', 'path_starts_with: /home/u/docs')), call: { tool: 'read_file', arguments: { path: '/etc/passwd' } }, allow: false, rule: 'r' },
  { name: 'path_starts_with rejects .. traversal', yaml: rules(allow('r', 'read_file', 'path_starts_with: /home/u/docs')), call: { tool: 'read_file', arguments: { path: '/home/u/docs/../../../etc/passwd' } }, allow: false, rule: 'r' },
  { name: 'path_starts_with reads file_path too', yaml: rules(allow('r', 'read_file', 'path_starts_with: /home/u/docs')), call: { tool: 'read_file', arguments: { file_path: '/home/u/docs/a' } }, allow: true, rule: 'r' },
  { name: 'path_starts_with checks every path argument', yaml: rules(allow('r', 'move_file', 'path_starts_with: /home/u/docs')), call: { tool: 'move_file', arguments: { source: '/home/u/docs/a', destination: '/etc/cron.d/x' } }, allow: false, rule: 'r' },
  { name: 'path_starts_with needs a path', yaml: rules(allow('r', 'read_file', 'path_starts_with: /home/u/docs')), call: { tool: 'read_file', arguments: {} }, allow: false, rule: 'r' },
  { name: 'path_not_contains blocks .env', yaml: rules(allow('r', 'read_file', 'path_not_contains: [.env, secrets]')), call: { tool: 'read_file', arguments: { path: '/app/.env' } }, allow: false, rule: 'r' },
  { name: 'path_not_contains ignores case', yaml: rules(allow('r', 'read_file', 'path_not_contains: [.env, secrets]')), call: { tool: 'read_file', arguments: { path: '/app/SECRETS/x' } }, allow: false, rule: 'r' },
  { name: 'path_not_contains covers paths[]', yaml: rules(allow('r', 'read_multiple_files', 'path_not_contains: [.env]')), call: { tool: 'read_multiple_files', arguments: { paths: ['/a', '/b/.env'] } }, allow: false, rule: 'r' },
  { name: 'path_not_contains passes a clean path', yaml: rules(allow('r', 'read_file', 'path_not_contains: [.env, secrets]')), call: { tool: 'read_file', arguments: { path: '/app/readme.md' } }, allow: true, rule: 'r' },
  { name: 'argument_matches holds', yaml: rules(allow('r', 'logs', 'argument_matches: { level: "^(info|warn)$" }')), call: { tool: 'logs', arguments: { level: 'warn' } }, allow: true, rule: 'r' },
  { name: 'argument_matches fails on a missing argument', yaml: rules(allow('r', 'logs', 'argument_matches: { level: "^(info|warn)$" }')), call: { tool: 'logs', arguments: {} }, allow: false, rule: 'r' },
  { name: 'argument_not_matches blocks DROP', yaml: rules(allow('q', 'query_database', 'argument_not_matches: { query: "(?i)(DROP|DELETE)\\\\s+" }')), call: { tool: 'query_database', arguments: { query: 'drop table users' } }, allow: false, rule: 'q' },
  { name: 'argument_not_matches passes SELECT', yaml: rules(allow('q', 'query_database', 'argument_not_matches: { query: "(?i)(DROP|DELETE)\\\\s+" }')), call: { tool: 'query_database', arguments: { query: 'select * from users' } }, allow: true, rule: 'q' },
];

describe('decision semantics (compiled YAML run through the Rego compiler)', () => {
  it.each([...semantics, ...agentMesh])('$name', ({ yaml, call, allow, rule, reason }) => {
    const decision = decide(runner(yaml), call);
    expect({ allow: decision.allow, rule: decision.rule }).toEqual({ allow, rule });
    if (reason) expect(decision.reasons[0]).toContain(reason);
  });
});

describe('AgentMesh example policies decide as AgentMesh describes', () => {
  const standard = () => fileRunner(join(fixtures, 'agentmesh-standard.yaml'));
  const strict = () => fileRunner(join(fixtures, 'agentmesh-strict.yaml'));
  const enterprise = () => fileRunner(join(fixtures, 'agentmesh-enterprise.yaml'));

  it('standard denies reading /app/.env (AgentMesh itself lets it fall through to "*")', () => {
    const d = decide(standard(), { tool: 'read_file', arguments: { path: '/app/.env' } });
    expect(d.allow).toBe(false);
    expect(d.reasons).toEqual([
      'denied by rule agentmesh-standard.yaml:20: requirement path_not_contains [".env",".secret","id_rsa",".pem","credentials"] not met (agentmesh-standard.yaml:24)',
    ]);
  });
  it.each([
    ['standard', { tool: 'run_shell', arguments: { command: 'ls' } }, false, 'agentmesh-standard.yaml:7'],
    ['standard', { tool: 'read_file', arguments: { path: '/app/readme.md' } }, true, 'agentmesh-standard.yaml:20'],
    ['standard', { tool: 'write_file', arguments: { path: '/etc/hosts' } }, false, 'agentmesh-standard.yaml:26'],
    ['standard', { tool: 'anything_else' }, true, 'agentmesh-standard.yaml:37'],
    ['strict', { tool: 'read_file', arguments: { path: '/home/user/documents/a.txt' } }, true, 'agentmesh-strict.yaml:9'],
    ['strict', { tool: 'read_file', arguments: { path: '/etc/passwd' } }, false, 'agentmesh-strict.yaml:9'],
    ['strict', { tool: 'read_file', arguments: { path: '/home/user/documents/.env' } }, false, 'agentmesh-strict.yaml:9'],
    ['strict', { tool: 'write_file', arguments: { path: '/home/user/documents/a.txt' } }, false, 'agentmesh-strict.yaml:24'],
    ['strict', { tool: 'unknown_tool' }, false, 'agentmesh-strict.yaml:32'],
    ['enterprise', { tool: 'query_database', arguments: { query: 'TRUNCATE logs' } }, false, 'agentmesh-enterprise.yaml:44'],
    ['enterprise', { tool: 'query_database', arguments: { query: 'select 1' } }, true, 'agentmesh-enterprise.yaml:44'],
    ['enterprise', { tool: 'write_file', arguments: { path: 'C:\\Windows\\system32\\x' } }, false, 'agentmesh-enterprise.yaml:29'],
    ['enterprise', { tool: 'git_push' }, true, 'agentmesh-enterprise.yaml:59'],
    ['enterprise', { tool: 'delete_file', arguments: { path: '/tmp/x' } }, false, 'agentmesh-enterprise.yaml:40'],
  ] as const)('%s: %j → allow %s by %s', (which, call, allow, rule) => {
    const r = { standard, strict, enterprise }[which]();
    expect(decide(r, call)).toMatchObject({ allow, rule });
  });
  it('enterprise charges the global, and the deciding rule’s limits', () => {
    expect(decide(enterprise(), { tool: 'git_status' }).limits).toEqual([
      { key: 'global', requests: 200, per: 60 },
      { key: 'rule:agentmesh-enterprise.yaml:59', requests: 30, per: 60 },
    ]);
  });
});

describe('built-in profiles', () => {
  const strict = () => fileRunner(profilePath('strict')!);
  const roots = { toolgate: { roots: ['/srv/data'] } };
  it.each([
    [{ tool: 'read_file', arguments: { path: '/srv/data/notes.txt' } }, true, 'read-inside-roots'],
    [{ tool: 'read_text_file', arguments: { path: '/etc/passwd' } }, false, 'read-inside-roots'],
    [{ tool: 'read_file', arguments: { path: '/srv/data/../../etc/passwd' } }, false, 'read-inside-roots'],
    [{ tool: 'read_file', arguments: { path: '/srv/data/.env' } }, false, 'read-inside-roots'],
    [{ tool: 'read_multiple_files', arguments: { paths: ['/srv/data/a', '/home/u/.ssh/id_rsa'] } }, false, 'read-many-inside-roots'],
    [{ tool: 'list_directory', arguments: { path: '/srv/data' } }, true, 'read-inside-roots'],
    [{ tool: 'write_file', arguments: { path: '/srv/data/a', content: 'x' } }, false, 'no-writes'],
    [{ tool: 'edit_file', arguments: { path: '/srv/data/a', edits: [] } }, false, 'no-writes'],
    [{ tool: 'run_shell', arguments: { command: 'id' } }, false, 'no-exec'],
    [{ tool: 'git_status' }, true, 'git-read'],
    [{ tool: 'git_commit' }, false, 'no-writes'],
    [{ tool: 'brand_new_tool' }, false, 'default_action'],
  ] as const)('strict: %j → allow %s by %s', (call, allow, rule) => {
    expect(decide(strict(), call, roots)).toMatchObject({ allow, rule });
  });
  it('strict without roots denies every read', () => {
    expect(decide(strict(), { tool: 'read_file', arguments: { path: '/srv/data/a' } }, {})).toMatchObject({ allow: false, rule: 'read-inside-roots' });
  });
  it('strict denies on a path_traversal finding, naming the detector', () => {
    const d = decide(strict(), { tool: 'read_file', arguments: { path: '/srv/data/a' }, findings: [{ detector: 'path_traversal', path: ['path'], detail: '../ sequence' }] }, roots);
    expect(d).toMatchObject({ allow: false, rule: 'detectors.path_traversal', reasons: ['detector path_traversal (deny) at arguments.path: ../ sequence'] });
  });
  it('standard blocks shell tools and secret reads, allows the rest', () => {
    const standard = fileRunner(profilePath('standard')!);
    expect(decide(standard, { tool: 'bash', arguments: { command: 'ls' } })).toMatchObject({ allow: false, rule: 'no-shell' });
    expect(decide(standard, { tool: 'read_file', arguments: { path: '/home/u/.SSH/id_rsa' } })).toMatchObject({ allow: false, rule: 'no-secret-reads' });
    expect(decide(standard, { tool: 'read_file', arguments: { path: '/home/u/notes.md' } })).toMatchObject({ allow: true, rule: 'allow-rest' });
    expect(decide(standard, { tool: 'fetch', arguments: { url: 'http://169.254.169.254/latest' } })).toMatchObject({ allow: false, rule: 'no-internal-fetch' });
  });
  it('enterprise: read-only SQL, PII denied, results redacted', () => {
    const enterprise = fileRunner(profilePath('enterprise')!);
    expect(decide(enterprise, { tool: 'query', arguments: { query: 'SELECT name FROM users' } }, roots)).toMatchObject({ allow: true, rule: 'database-read-only', redact: ['pii', 'secrets'] });
    expect(decide(enterprise, { tool: 'query', arguments: { query: 'select 1; drop table users' } }, roots)).toMatchObject({ allow: false, rule: 'database-read-only' });
    expect(decide(enterprise, { tool: 'read_file', arguments: { path: '/srv/data/a' }, findings: [{ detector: 'pii', path: ['path'], detail: 'email' }] }, roots)).toMatchObject({ allow: false, rule: 'detectors.pii' });
  });
  it('minimal allows everything', () => {
    expect(decide(fileRunner(profilePath('minimal')!), { tool: 'rm_rf' })).toMatchObject({ allow: true, rule: 'allow-all' });
  });
});

describe('tool_hidden for tools/list filtering', () => {
  const hidden = (r: PolicyRunner, tool: string) => (r.evaluate(callInput({ tool }), 'toolgate/tool_hidden') as { result: boolean }).result;
  it.each([
    ['write_file', true],
    ['run_shell', true],
    ['brand_new_tool', true],
    ['read_file', false],
    ['git_status', false],
  ])('strict hides %s: %s', (tool, expected) => {
    expect(hidden(fileRunner(profilePath('strict')!), tool)).toBe(expected);
  });
  it('looks past a conditional deny: the next rule, or the default, settles the listing', () => {
    expect(hidden(runner(rules(deny('d', 'a', 'arguments.x: 1'))), 'a')).toBe(true);
    expect(hidden(runner(`default_action: allow\n${rules(deny('d', 'a', 'arguments.x: 1'))}`), 'a')).toBe(false);
    expect(hidden(runner(rules(deny('d', 'a', 'arguments.x: 1'), allow('al', 'a'))), 'a')).toBe(false);
    expect(hidden(runner(`default_action: allow\n${rules(deny('d', 'a', 'arguments.x: 1'), deny('all', 'a'))}`), 'a')).toBe(true);
  });
  it.each(['standard', 'strict', 'enterprise'])('%s denies a tool whose definition changed, and still lists it', (profile) => {
    const policy = fileRunner(profilePath(profile)!);
    expect(decide(policy, { tool: 'read_text_file', arguments: { path: '/srv/data/a' }, tool_changed: true }, { toolgate: { roots: ['/srv/data'] } })).toMatchObject({ allow: false, rule: 'changed-tool' });
    expect(hidden(policy, 'read_text_file')).toBe(false);
  });
});

describe('a policy longer than one rule chain (200 rules)', () => {
  // Rule i: tool t<i>; every rule from 150 on also matches the tool "shared"; rules 300 and up are unconditional denies.
  const yaml = rules(
    ...Array.from({ length: 450 }, (_, i) =>
      i >= 300 ? deny(`r${i}`, i % 50 === 0 ? `[t${i}, shared]` : `t${i}`) : allow(`r${i}`, i % 50 === 0 && i >= 150 ? `[t${i}, shared]` : `t${i}`, `arguments.n: ${i}`),
    ),
  );
  const long = () => runner(yaml);
  it.each([
    [{ tool: 't3', arguments: { n: 3 } }, true, 'r3'],
    [{ tool: 't250', arguments: { n: 250 } }, true, 'r250'],
    [{ tool: 't250', arguments: { n: 1 } }, false, 'r250'],
    [{ tool: 't449' }, false, 'r449'],
    [{ tool: 'shared', arguments: { n: 150 } }, true, 'r150'],
    [{ tool: 'shared', arguments: { n: 0 } }, false, 'r150'],
    [{ tool: 'unknown' }, false, 'default_action'],
  ] as const)('%j → allow %s by %s', (call, allow, rule) => {
    expect(decide(long(), call)).toMatchObject({ allow, rule });
  });
  it('reports the failed requirement of a rule in a later chain', () => {
    const { reasons } = decide(long(), { tool: 't250', arguments: { n: 1 } });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^denied by rule r250 \(policy\.yaml:\d+\): requirement arguments\.n equals 250 not met/);
  });
  it('hides a tool whose first rule, in a later chain, is an unconditional deny', () => {
    const hidden = (tool: string) => (long().evaluate(callInput({ tool }), 'toolgate/tool_hidden') as { result: boolean }).result;
    expect([hidden('t420'), hidden('t10'), hidden('shared'), hidden('unknown')]).toEqual([true, false, false, true]);
  });
});

describe('hand-written Rego joins the decision', () => {
  const ext = 'package toolgate.ext.team\n\ndeny contains "no writes on fridays" if input.tool == "write_file"\n\nredact contains "/internal-[0-9]+/"\n\nlimits contains {"key": "team", "requests": 5, "per": 60}\n';
  it('an extension deny overrides an allow rule and is the reason', () => {
    const d = decide(runner(rules(allow('al', '"*"')), { 'team.rego': ext }), { tool: 'write_file' });
    expect(d).toMatchObject({ allow: false, rule: 'rego', reasons: ['rego: no writes on fridays'] });
  });
  it('extension redact patterns and limits are added', () => {
    const d = decide(runner(rules(allow('al', '"*"')), { 'team.rego': ext }), { tool: 'read_file' });
    expect(d).toMatchObject({ allow: true, redact: ['/internal-[0-9]+/'], limits: [{ key: 'team', requests: 5, per: 60 }] });
  });
});

describe('detectors', () => {
  const yaml = `detectors: { command_injection: deny, prompt_injection: warn, pii: ignore }\n${rules(allow('al', '"*"'))}`;
  it('warn keeps the call allowed and adds a reason', () => {
    const d = decide(runner(yaml), { tool: 'x', findings: [{ detector: 'prompt_injection', path: ['items', 2, 'text'], detail: 'ignore previous' }] });
    expect(d).toMatchObject({ allow: true, rule: 'al', reasons: ['allowed by rule al (policy.yaml:3)', 'detector prompt_injection (warn) at arguments.items[2].text: ignore previous'] });
  });
  it('ignore does nothing', () => {
    expect(decide(runner(yaml), { tool: 'x', findings: [{ detector: 'pii', path: ['a'], detail: 'email' }] })).toMatchObject({ allow: true, reasons: ['allowed by rule al (policy.yaml:3)'] });
  });
});
