import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputDocument } from '../../src/policy/documents.js';
import { buildBundle, packBundle } from '../../src/policy/engine/index.js';
import { loadToolgatePolicy } from '../../src/policy/toolgate-policy.js';

const call = (tool: string, args: Record<string, unknown> = {}): InputDocument => ({
  method: 'tools/call',
  tool,
  arguments: args,
  server: { name: 'fs', command: ['server'] },
  client: { name: 'test', version: '1' },
  identity: {},
  session: 's1',
  findings: [],
  tool_annotations: {},
  tool_changed: false,
  time: '2026-11-22T00:00:00Z',
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'toolgate-policy-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const decisionRego = `package toolgate

import rego.v1

default decision := {"allow": false, "reasons": ["not allowed"]}

decision := {"allow": true, "reasons": []} if input.tool == "ok"

tool_hidden if input.tool == "never"
`;

describe('loading a policy for protect', () => {
  it('loads a built-in profile with roots given on the command line', async () => {
    const policy = await loadToolgatePolicy('strict', { roots: ['/data'] });
    expect(policy.mode).toBe('enforce');
    expect(policy.decide(call('read_text_file', { path: '/data/a.txt' })).allow).toBe(true);
    const outside = policy.decide(call('read_text_file', { path: '/etc/passwd' }));
    expect(outside.allow).toBe(false);
    expect(outside.reasons.join()).toMatch(/strict\.yaml:\d+/);
    expect(policy.toolHidden(call('write_file'))).toBe(true);
    expect(policy.toolHidden(call('read_text_file'))).toBe(false);
  });

  it('loads a folder of Rego, and the same policy as a bundle', async () => {
    const dir = folder({ 'policy.rego': decisionRego });
    const fromRego = await loadToolgatePolicy(dir);
    expect(fromRego.decide(call('ok')).allow).toBe(true);
    expect(fromRego.decide(call('other'))).toEqual({ allow: false, reasons: ['not allowed'] });
    expect(fromRego.toolHidden(call('never'))).toBe(true);

    const bundle = await buildBundle({ modules: [{ file: 'policy.rego', source: decisionRego }], entrypoints: ['toolgate/decision', 'toolgate/tool_hidden'] });
    writeFileSync(join(dir, 'bundle.tar.gz'), packBundle(bundle));
    const fromBundle = await loadToolgatePolicy(join(dir, 'bundle.tar.gz'));
    expect(fromBundle.revision).toBe(bundle.manifest.revision);
    expect(fromBundle.decide(call('ok')).allow).toBe(true);
  });

  it('takes a folder holding one YAML policy as that policy', async () => {
    const dir = folder({ 'policy.yaml': 'rules:\n  - id: only-echo\n    tool: echo\n    action: allow\n', 'data.json': '{}' });
    const policy = await loadToolgatePolicy(dir);
    expect(policy.decide(call('echo')).allow).toBe(true);
    expect(policy.decide(call('rm')).allow).toBe(false);
  });

  it('fails closed when the policy errors at run time or answers no decision', async () => {
    const conflicting = folder({ 'p.rego': 'package toolgate\n\ndecision := {"allow": true} if input.tool\n\ndecision := {"allow": false} if input.tool\n' });
    const errored = (await loadToolgatePolicy(conflicting)).decide(call('x'));
    expect(errored.allow).toBe(false);
    expect(errored.rule).toBe('toolgate.error');
    expect(errored.reasons[0]).toMatch(/^policy evaluation failed: eval_conflict_error/);

    const noDecision = folder({ 'p.rego': 'package toolgate\n\ndecision := {"allow": "yes"}\n' });
    expect((await loadToolgatePolicy(noDecision)).decide(call('x'))).toMatchObject({ allow: false, reasons: ['the policy returned no decision document'] });
  });

  it('explains what is wrong with a policy it cannot use', async () => {
    await expect(loadToolgatePolicy('/nonexistent/policy.yaml')).rejects.toThrow(/policy not found: \/nonexistent\/policy.yaml/);
    await expect(loadToolgatePolicy(folder({ 'p.rego': 'package other\n\nx := 1\n' }))).rejects.toThrow(/no Rego module defines the decision \(package toolgate, rule decision\)/);
    await expect(loadToolgatePolicy(folder({ 'a.yaml': 'rules: []\n', 'b.yaml': 'rules: []\n' }))).rejects.toThrow(/holds several YAML policies \(a.yaml, b.yaml\)/);
    const broken = folder({ 'p.yaml': 'rules:\n  - tool: x\n    action: permit\n' });
    await expect(loadToolgatePolicy(join(broken, 'p.yaml'))).rejects.toThrow(/p\.yaml:3:13: policy_schema_error/);
  });
});
