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
    expect(rego).toContain('deciding_rule := {"index": 0, "id": "p.yaml:2", "source": "p.yaml:2", "action": "deny", "reason": "denied by rule p.yaml:2"} if {\n\t# p.yaml:2: rule "p.yaml:2": deny a\n\tinput.tool == "a"\n}');
    expect(rego).toContain('} else := {"index": 1, "id": "r2", "source": "p.yaml:5", "action": "allow", "reason": "allowed by rule r2 (p.yaml:5)", "unmet": rule_1_unmet} if {\n\t# p.yaml:5: rule "r2": allow b\n\tinput.tool == "b"\n}');
    expect(rego).toContain('# p.yaml:9: requirement arguments.n gt 3\nrule_1_unmet contains');
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
      '\tregex.match("(?s)^fs\\\\.read\\\\[.*\\\\]$", input.tool)\n',
    );
  });

  it('tests a glob with only a trailing or leading * as a prefix or suffix', () => {
    const rego = compileText('rules:\n  - tool: "git_*"\n    action: deny\n  - tool: "*_file"\n    action: deny\n');
    expect(rego).toContain('\tstartswith(input.tool, "git_")\n');
    expect(rego).toContain('\tendswith(input.tool, "_file")\n');
    expect(rego).not.toContain('regex.match');
  });

  it('leaves names without * or ? as exact comparisons', () => {
    expect(compileText('rules:\n  - tool: "fs.read[v2]"\n    action: deny\n')).toContain('\tinput.tool == "fs.read[v2]"\n');
  });

  it('gives a tool with several kinds of patterns one helper rule, a body per pattern', () => {
    const rego = compileText('rules:\n  - tool: [a, b, "c_*", "/^d$/"]\n    action: deny\n');
    expect(rego).toContain(
      [
        '# p.yaml:2: the tools of rule "p.yaml:2"',
        'rule_0_tool if input.tool in {"a", "b"}',
        '',
        'rule_0_tool if startswith(input.tool, "c_")',
        '',
        'rule_0_tool if regex.match("^d$", input.tool)',
      ].join('\n'),
    );
    expect(rego).toContain('\t# p.yaml:2: rule "p.yaml:2": deny a, b, c_*, /^d$/\n\trule_0_tool\n}');
  });

  it('makes an allow rule\'s failed requirements a fact of that rule, evaluated only when it decides', () => {
    const rego = compileText('rules:\n  - tool: a\n    action: allow\n    conditions:\n      - arguments.n: { gt: 3 }\n');
    expect(rego).toContain('deciding_rule := {"index": 0, "id": "p.yaml:2", "source": "p.yaml:2", "action": "allow", "reason": "allowed by rule p.yaml:2", "unmet": rule_0_unmet} if {');
    expect(rego).toContain(
      '# p.yaml:5: requirement arguments.n gt 3\nrule_0_unmet contains {"condition": 0, "reason": "denied by rule p.yaml:2: requirement arguments.n gt 3 not met (p.yaml:5)"} if not lib.compare(input.arguments.n, "gt", 3)',
    );
  });

  it('splits the rule chains of a long policy into chains of 200 rules, tried in order', () => {
    const yaml = `rules:\n${Array.from({ length: 450 }, (_, i) => `  - tool: t${i}\n    action: deny\n`).join('')}`;
    const rego = compileText(yaml);
    expect(rego).toContain('deciding_rule := value if {\n\tvalue := deciding_rule_0_199\n} else := value if {\n\tvalue := deciding_rule_200_399\n} else := value if {\n\tvalue := deciding_rule_400_449\n}');
    expect(rego).toContain('# deciding_rule: the branches for rules 200 to 399\ndeciding_rule_200_399 := {"index": 200,');
    expect(rego).toContain('first_tool_match := value if {\n\tvalue := first_tool_match_0_199\n}');
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
