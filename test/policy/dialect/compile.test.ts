import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePolicy, loadPolicyFile } from '../../../src/policy/dialect/index.js';
import { policyFolder } from './policy-files.js';

const golden = join(import.meta.dirname, 'golden');
const folder = policyFolder();
afterAll(() => folder.remove());

const compileText = (yaml: string, name = 'p.yaml') => compilePolicy(loadPolicyFile(folder.write(name, yaml))).modules[0].source;

describe('generated Rego', () => {
  it('matches the reviewed golden file (set UPDATE_GOLDEN=1 to rewrite it)', () => {
    const rego = compilePolicy(loadPolicyFile(join(golden, 'showcase.yaml'))).modules[0].source;
    const file = join(golden, 'showcase.rego');
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, rego);
    expect(rego).toBe(readFileSync(file, 'utf8'));
  });

  it('is deterministic and independent of the folder the policy is in', () => {
    const yaml = 'rules:\n  - tool: [b, a]\n    action: allow\n    conditions:\n      - arguments.x: { in: [2, 1] }\n';
    expect(compileText(yaml, 'one/p.yaml')).toBe(compileText(yaml, 'two/p.yaml'));
  });

  it('puts a comment naming the YAML line above every rule and condition', () => {
    const rego = compileText('rules:\n  - tool: a\n    action: deny\n\n  - id: r2\n    tool: b\n    action: allow\n    conditions:\n      - arguments.n: { gt: 3 }\n');
    expect(rego).toContain('# p.yaml:2: rule "p.yaml:2": deny a\nrules contains {"index": 0, "id": "p.yaml:2", "source": "p.yaml:2", "action": "deny"');
    expect(rego).toContain('# p.yaml:5: rule "r2": allow b\nrules contains {"index": 1, "id": "r2", "source": "p.yaml:5", "action": "allow"');
    expect(rego).toContain('# p.yaml:9: requirement arguments.n gt 3\nunmet contains');
  });

  it.each([
    ['a reason', 'rules:\n  - tool: a\n    action: deny\n    reason: "x\\"\\n}\\ndecision := {\\"allow\\": true}\\n#"\n'],
    ['a tool name', 'rules:\n  - tool: "a\\"\\ndefault allow := true\\n"\n    action: deny\n'],
    ['a condition value', 'rules:\n  - tool: a\n    action: deny\n    when:\n      - arguments.x: "\\"\\n\\nallow := true"\n'],
    ['a field key', 'rules:\n  - tool: a\n    action: deny\n    when:\n      - arguments["k\\"]\\nallow := true\\n"]: 1\n'],
    ['a unicode line separator', 'rules:\n  - tool: a\n    action: deny\n    reason: "x\\u2028allow := true"\n'],
  ])('escapes %s: user text never becomes a line of code', (_what, yaml) => {
    const rego = compileText(yaml);
    for (const line of rego.split(/\n|\u2028/)) {
      expect(line.trim()).not.toMatch(/^(allow|default allow|decision) :=/);
    }
  });

  it('compiles glob metacharacters in tool names to an escaped, anchored regex', () => {
    expect(compileText('rules:\n  - tool: "fs.read[*]"\n    action: deny\n')).toContain(
      'tool_match contains 0 if regex.match("(?s)^fs\\\\.read\\\\[.*\\\\]$", input.tool)',
    );
  });

  it('leaves names without * or ? as exact comparisons', () => {
    expect(compileText('rules:\n  - tool: "fs.read[v2]"\n    action: deny\n')).toContain('tool_match contains 0 if input.tool == "fs.read[v2]"');
  });

  it('joins hand-written toolgate.ext modules through extension rules', () => {
    folder.write('ext/extra.rego', 'package toolgate.ext.extra\n\ndeny contains "no" if input.tool == "x"\n');
    const compiled = compilePolicy(loadPolicyFile(folder.write('ext/p.yaml', 'rules: []\n')));
    expect(compiled.modules.map((m) => m.file)).toEqual(['generated/p.yaml.rego', 'toolgate/lib.rego', 'toolgate/decision.rego', join(folder.root, 'ext/extra.rego')]);
    expect(compiled.modules[0].source).toContain('extension_deny contains item if some item in data.toolgate.ext.extra.deny');
  });

  it('returns the entrypoints, mode, data for roots, tests and audit settings', () => {
    const compiled = compilePolicy(
      loadPolicyFile(
        folder.write(
          'meta.yaml',
          'mode: shadow\nroots: [/srv]\naudit: { log_all: true }\nrules: []\ntests:\n  - name: t\n    call: { tool: a }\n    expect: { allow: false }\n',
        ),
      ),
    );
    expect(compiled).toMatchObject({
      entrypoint: 'toolgate/decision',
      toolHiddenEntrypoint: 'toolgate/tool_hidden',
      mode: 'shadow',
      data: { toolgate: { roots: ['/srv'] } },
      audit: { log_all: true },
      tests: [{ name: 't', call: { tool: 'a' }, expect: { allow: false } }],
    });
  });
});
