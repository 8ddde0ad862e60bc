/**
 * The AgentMesh audit and policy command lines, on a log recorded through
 * `protect` written the AgentMesh way: `audit <file> --violations-only
 * --format csv --since 1h`, `policy validate`, `policy generate`, `policy list`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmServer, requireBuiltCli } from './support/paths.js';
import { RecordingStdioTransport } from './support/recording-stdio-transport.js';

let dir: string;
let root: string;
let log: string;

const toolgate = (...args: string[]) => spawnSync(process.execPath, [requireBuiltCli(), ...args], { encoding: 'utf8', cwd: dir });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'toolgate-agentmesh-cli-'));
  root = join(dir, 'files');
  mkdirSync(root);
  writeFileSync(join(root, 'a.txt'), 'alpha');
  log = join(dir, 'audit.log');
  const transport = new RecordingStdioTransport(
    [process.execPath, requireBuiltCli(), 'protect', '--policy=strict', '--root', root, '--log', log, '--log-format', 'cloudevents', ...npmServer('@modelcontextprotocol/server-filesystem', root)],
    { env: { ...process.env, TOOLGATE_PINS_DIR: join(dir, 'pins') } },
  );
  const client = new Client({ name: 'agentmesh-user', version: '1.0.0' });
  await client.connect(transport as never);
  await client.callTool({ name: 'read_text_file', arguments: { path: join(root, 'a.txt') } });
  await client.callTool({ name: 'read_text_file', arguments: { path: '/etc/passwd' } });
  await client.callTool({ name: 'write_file', arguments: { path: join(root, 'b.txt'), content: 'x' } });
  await client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('AgentMesh audit and policy commands', () => {
  it('audit <file> --violations-only --format csv --since 1h lists the two denied calls as RFC 4180 CSV', () => {
    const result = toolgate('audit', log, '--violations-only', '--format', 'csv', '--since', '1h');
    expect(result.status).toBe(0);
    const [header, ...rows] = result.stdout.trim().split(/\r?\n/);
    expect(header.split(',')).toEqual(expect.arrayContaining(['time', 'tool']));
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toMatch(/read_text_file/);
    expect(rows.join('\n')).toMatch(/write_file/);
  });

  it('writes CloudEvents 1.0 events, and audit verify accepts the log', () => {
    const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const event of events) expect(event).toMatchObject({ specversion: '1.0', source: expect.stringMatching(/^urn:toolgate:/) });
    expect(events.map((e) => e.subject)).toEqual(expect.arrayContaining(['read_text_file', 'write_file']));
    const verify = toolgate('audit', 'verify', log);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^OK: \d+ events/);
  });

  it('policy generate <audit.log> learns a policy that validates', () => {
    const generated = toolgate('policy', 'generate', log);
    expect(generated.status).toBe(0);
    expect(generated.stdout).toMatch(/mode: shadow/);
    writeFileSync(join(dir, 'learned.yaml'), generated.stdout);
    expect(toolgate('policy', 'validate', join(dir, 'learned.yaml')).status).toBe(0);
  });

  it('policy validate <file> shows each error at its line and column, exit 1', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'version: "1.0"\nrules:\n  - tool: read_file\n    action: permit\n');
    const result = toolgate('policy', 'validate', join(dir, 'bad.yaml'));
    expect(result.status).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/bad\.yaml:4:13: policy_schema_error: rules\[0\]\.action must be one of "allow", "deny", got "permit"\n {6}action: permit\n {14}\^/);
  });

  it('policy list names the built-in profiles', () => {
    const result = toolgate('policy', 'list');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').map((line) => line.split(/\s+/)[0]).filter(Boolean)).toEqual(['minimal', 'standard', 'strict', 'enterprise']);
  });
});
