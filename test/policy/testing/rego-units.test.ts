import { afterAll, describe, expect, it } from 'vitest';
import { runPolicyTests, TestSetupError } from '../../../src/policy/testing/index.js';
import { tempFolder } from './support/temp-folder.js';

const folder = tempFolder();
afterAll(() => folder.remove());

// rego: [] keeps the dialect from loading the *_test.rego modules beside a policy as its extensions.
const denyAll = 'default_action: deny\nrego: []\nrules:\n  - id: nothing\n    tool: none\n    action: deny\n';
const allowAll = 'default_action: allow\nrego: []\nrules:\n  - id: nothing\n    tool: none\n    action: deny\n';
const decisionTest = (pkg: string, allowed: boolean) =>
  `package ${pkg}\n\ntest_decision if {\n\t${allowed ? '' : 'not '}data.toolgate.decision.allow with input as {"tool": "x", "arguments": {}, "findings": []}\n}\n`;

describe('Rego tests beside YAML policies', () => {
  it('see the decision of the policy in their folder, one compilation per policy folder', async () => {
    const dir = folder.tree('two-policies', {
      'deny/policy.yaml': denyAll,
      'deny/deny_test.rego': decisionTest('deny_test', false),
      'allow/policy.yaml': allowAll,
      'allow/nested/allow_test.rego': decisionTest('allow_test', true),
      'plain/plain_test.rego': 'package plain_test\n\ntest_no_policy if not data.toolgate.decision\n',
    });
    const results = await runPolicyTests({ paths: [dir] });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['data.allow_test.test_decision', 'pass'],
      ['data.deny_test.test_decision', 'pass'],
      ['data.plain_test.test_no_policy', 'pass'],
    ]);
  });

  it("see the policy's roots: as data.toolgate.roots", async () => {
    const dir = folder.tree('roots', {
      'policy.yaml': 'roots: [/srv]\nrego: []\nrules:\n  - tool: a\n    action: deny\n',
      'roots_test.rego': 'package roots_test\n\ntest_roots if data.toolgate.roots == ["/srv"]\n',
    });
    expect((await runPolicyTests({ paths: [dir] })).map((r) => r.outcome)).toEqual(['pass']);
  });

  it('refuse a data file that also sets the policy roots', async () => {
    const dir = folder.tree('roots-conflict', {
      'policy.yaml': 'roots: [/srv]\nrules:\n  - tool: a\n    action: deny\n',
      'data.json': '{"toolgate": {"roots": ["/other"]}}',
    });
    const error = await runPolicyTests({ paths: [dir] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestSetupError);
    expect(folder.strip((error as Error).message)).toBe("roots-conflict/policy.yaml: data conflicts at toolgate.roots (the policy's roots: and a data file both set it)");
  });

  it('cannot tell two policies in one folder apart: an error names both', async () => {
    const dir = folder.tree('same-folder', {
      'a.yaml': denyAll,
      'b.yaml': allowAll,
      'ab_test.rego': decisionTest('ab_test', true),
    });
    const error = await runPolicyTests({ paths: [dir] }).catch((e: unknown) => e);
    expect(folder.strip((error as Error).message)).toBe(
      'same-folder/ab_test.rego: a.yaml and b.yaml are YAML policies in one folder, so its tests cannot tell which policy they test; give each policy its own folder',
    );
  });

  it('let two policies share a folder when its Rego modules are their extensions', async () => {
    const ext = 'package toolgate.ext.shared\n\ndeny contains "never x" if input.tool == "x"\n';
    const withExtensions = (policy: string) => policy.replace('rego: []', 'rego: [shared.rego]');
    const dir = folder.tree('shared-ext', {
      'a.yaml': `${withExtensions(allowAll)}tests:\n  - call: { tool: x }\n    expect: { allow: false, reason_contains: never x }\n`,
      'b.yaml': `${withExtensions(denyAll)}tests:\n  - call: { tool: y }\n    expect: { allow: false }\n`,
      'shared.rego': ext,
    });
    expect((await runPolicyTests({ paths: [dir] })).map((r) => r.outcome)).toEqual(['pass', 'pass']);
  });
});
