import { afterAll, describe, expect, it } from 'vitest';
import { policyFolder } from './policy-files.js';

const folder = policyFolder();
afterAll(() => folder.remove());

/** Each invalid policy and the exact positioned error text it gives. */
const cases: Array<{ name: string; yaml: string; errors: string }> = [
  {
    name: 'unknown top-level key',
    yaml: 'version: "1.0"\nrulez: []\n',
    errors: [
      'p.yaml:2:1: policy_schema_error: unknown key "rulez" in the policy (expected one of: version, name, description, mode, default_action, extends, roots, rules, rate_limits, detectors, redact, rego, tests, audit)',
      '  rulez: []',
      '  ^',
    ].join('\n'),
  },
  {
    name: 'unknown rule key (a typo)',
    yaml: 'rules:\n  - tool: read_file\n    action: allow\n    reasn: "typo"\n',
    errors: [
      'p.yaml:4:5: policy_schema_error: unknown key "reasn" in rules[0] (expected one of: id, tool, action, reason, severity, mitigates, when, conditions, rate_limit)',
      '      reasn: "typo"',
      '      ^',
    ].join('\n'),
  },
  {
    name: 'wrong action',
    yaml: 'rules:\n  - tool: read_file\n    action: permit\n',
    errors: [
      'p.yaml:3:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "permit"',
      '      action: permit',
      '              ^',
    ].join('\n'),
  },
  {
    name: 'missing tool',
    yaml: 'rules:\n  - action: deny\n',
    errors: ['p.yaml:2:5: policy_schema_error: rules[0] is missing the required key "tool"', '    - action: deny', '      ^'].join('\n'),
  },
  {
    name: 'wrong type: rules is a mapping',
    yaml: 'rules:\n  tool: x\n',
    errors: ['p.yaml:2:3: policy_schema_error: rules must be a list, got a mapping', '    tool: x', '    ^'].join('\n'),
  },
  {
    name: 'wrong type: tool is a number',
    yaml: 'rules:\n  - tool: 42\n    action: deny\n',
    errors: ['p.yaml:2:11: policy_schema_error: rules[0].tool must be a string or a list, got number 42', '    - tool: 42', '            ^'].join('\n'),
  },
  {
    name: 'bad regex in argument_matches (RE2 has no lookbehind)',
    yaml: 'rules:\n  - tool: query\n    action: allow\n    conditions:\n      - argument_matches:\n          query: "(?<=x)y"\n',
    errors: [
      'p.yaml:6:18: policy_semantic_error: invalid regex for query: error parsing regexp: invalid named capture: `(?<=x)y`',
      '            query: "(?<=x)y"',
      '                   ^',
    ].join('\n'),
  },
  {
    name: 'bad regex operator',
    yaml: 'rules:\n  - tool: q\n    action: deny\n    when:\n      - arguments.sql: { regex: "[a-" }\n',
    errors: [
      'p.yaml:5:33: policy_semantic_error: invalid regex "[a-": error parsing regexp: missing closing ]: `[a-`',
      '        - arguments.sql: { regex: "[a-" }',
      '                                  ^',
    ].join('\n'),
  },
  {
    name: 'the same bad regex twice (checked once) is reported at both places',
    yaml: 'rules:\n  - tool: q\n    action: deny\n    when:\n      - arguments.sql: { regex: "[a-" }\n  - tool: r\n    action: deny\n    when:\n      - arguments.q: { not_regex: "[a-" }\n',
    errors: [
      'p.yaml:5:33: policy_semantic_error: invalid regex "[a-": error parsing regexp: missing closing ]: `[a-`',
      '        - arguments.sql: { regex: "[a-" }',
      '                                  ^',
      'p.yaml:9:35: policy_semantic_error: invalid regex "[a-": error parsing regexp: missing closing ]: `[a-`',
      '        - arguments.q: { not_regex: "[a-" }',
      '                                    ^',
    ].join('\n'),
  },
  {
    name: 'bad tool regex',
    yaml: 'rules:\n  - tool: "/git_(/"\n    action: deny\n',
    errors: [
      'p.yaml:2:11: policy_semantic_error: invalid tool regex /git_(/: error parsing regexp: missing closing ): `git_(`',
      '    - tool: "/git_(/"',
      '            ^',
    ].join('\n'),
  },
  {
    name: 'bad limit string',
    yaml: 'rate_limits:\n  global: "100 per hour"\n',
    errors: [
      'p.yaml:2:11: policy_semantic_error: invalid limit "100 per hour": expected "<requests>/<window>", e.g. "100/hour" or "5/30s"',
      '    global: "100 per hour"',
      '            ^',
    ].join('\n'),
  },
  {
    name: 'bad limit window',
    yaml: 'rules:\n  - tool: fetch\n    action: allow\n    rate_limit: { requests: 5, per: fortnight }\n',
    errors: [
      'p.yaml:4:17: policy_semantic_error: unknown window "fortnight": expected second, minute, hour, day (or s, m, h, d), optionally with a count such as 30s',
      '      rate_limit: { requests: 5, per: fortnight }',
      '                  ^',
    ].join('\n'),
  },
  {
    name: 'limit with zero requests',
    yaml: 'rate_limits:\n  per_tool:\n    write_file: { requests: 0, per: minute }\n',
    errors: [
      'p.yaml:3:29: policy_schema_error: rate_limits.per_tool.write_file.requests must be >= 1',
      '      write_file: { requests: 0, per: minute }',
      '                              ^',
    ].join('\n'),
  },
  {
    name: 'unknown condition operator',
    yaml: 'rules:\n  - tool: read_file\n    action: allow\n    conditions:\n      - arguments.path: { startswith: "/data" }\n',
    errors: [
      'p.yaml:5:27: policy_semantic_error: unknown operator "startswith": expected one of equals, in, prefix, suffix, contains, regex, glob, within, not_equals, not_in, not_prefix, not_suffix, not_contains, not_regex, not_glob, not_within, gt, gte, lt, lte, length, exists, type, ignore_case',
      '        - arguments.path: { startswith: "/data" }',
      '                            ^',
    ].join('\n'),
  },
  {
    name: 'unknown condition field',
    yaml: 'rules:\n  - tool: read_file\n    action: allow\n    conditions:\n      - path_ends_with: ".txt"\n',
    errors: [
      'p.yaml:5:9: policy_semantic_error: unknown field "path_ends_with": conditions address arguments, tool, tool_annotations, client, identity, session, server, findings, method, tool_changed, time, counters (AgentMesh conditions: path_starts_with, path_not_contains, argument_matches, argument_not_matches)',
      '        - path_ends_with: ".txt"',
      '          ^',
    ].join('\n'),
  },
  {
    name: 'ambiguous [*] element form',
    yaml: 'rules:\n  - tool: read_multiple_files\n    action: allow\n    conditions:\n      - arguments.paths[*]: { within: roots }\n',
    errors: [
      'p.yaml:5:9: policy_semantic_error: in "arguments.paths[*]": write [any] (some element) or [all] (every element) instead of [*]',
      '        - arguments.paths[*]: { within: roots }',
      '          ^',
    ].join('\n'),
  },
  {
    name: 'bad glob',
    yaml: 'rules:\n  - tool: read_file\n    action: deny\n    when:\n      - arguments.path: { glob: "/data/[abc" }\n',
    errors: [
      'p.yaml:5:33: policy_semantic_error: invalid glob "/data/[abc": unclosed [ at offset 6',
      '        - arguments.path: { glob: "/data/[abc" }',
      '                                  ^',
    ].join('\n'),
  },
  {
    name: 'relative root for within',
    yaml: 'rules:\n  - tool: read_file\n    action: allow\n    conditions:\n      - arguments.path: { within: ["data"] }\n',
    errors: [
      'p.yaml:5:35: policy_semantic_error: within needs absolute paths, got "data"',
      '        - arguments.path: { within: ["data"] }',
      '                                    ^',
    ].join('\n'),
  },
  {
    name: 'unknown detector and unknown detector action',
    yaml: 'detectors:\n  sql_injection: deny\n  pii: block\n',
    errors: [
      'p.yaml:2:3: policy_schema_error: unknown key "sql_injection" in detectors',
      '    sql_injection: deny',
      '    ^',
      'p.yaml:3:8: policy_schema_error: detectors.pii must be one of "deny", "warn", "ignore", got "block"',
      '    pii: block',
      '         ^',
    ].join('\n'),
  },
  {
    name: 'unknown redact kind',
    yaml: 'redact: [secrets, pii.passport]\n',
    errors: [
      'p.yaml:1:19: policy_semantic_error: unknown redact kind "pii.passport": expected secrets, pii, pii.email, pii.phone, pii.ssn, pii.card, pii.iban or "/regex/"',
      '  redact: [secrets, pii.passport]',
      '                    ^',
    ].join('\n'),
  },
  {
    name: 'duplicate rule ids',
    yaml: 'rules:\n  - id: a\n    tool: x\n    action: deny\n  - id: a\n    tool: y\n    action: deny\n',
    errors: ['p.yaml:5:5: policy_semantic_error: duplicate rule id "a" (also rules[0])', '    - id: a', '      ^'].join('\n'),
  },
  {
    name: 'unsupported version',
    yaml: 'version: "2.0"\n',
    errors: ['p.yaml:1:10: policy_schema_error: version must be one of "1", "1.0", 1, got "2.0"', '  version: "2.0"', '           ^'].join('\n'),
  },
  {
    name: 'YAML syntax error',
    yaml: 'rules:\n  - tool: [a, b\n',
    errors: ['p.yaml:3:1: policy_yaml_error: Flow sequence in block collection must be sufficiently indented and end with a ]', '  ', '  ^'].join('\n'),
  },
  {
    name: 'a policy that is not a mapping',
    yaml: '- tool: x\n',
    errors: ['p.yaml:1:1: policy_schema_error: a policy is a YAML mapping (version, rules, ...)', '  - tool: x', '  ^'].join('\n'),
  },
  {
    name: 'every problem at once, in line order',
    yaml: 'rules:\n  - tool: a\n    action: nope\n  - tool: b\n    action: deny\n    rate_limit: "ten/minute"\n',
    errors: [
      'p.yaml:3:13: policy_schema_error: rules[0].action must be one of "allow", "deny", got "nope"',
      '      action: nope',
      '              ^',
      'p.yaml:6:17: policy_semantic_error: invalid limit "ten/minute": expected "<requests>/<window>", e.g. "100/hour" or "5/30s"',
      '      rate_limit: "ten/minute"',
      '                  ^',
    ].join('\n'),
  },
];

describe('invalid policies give every error positioned, with a caret', () => {
  it.each(cases)('$name', ({ yaml, errors }) => {
    expect(folder.errorsOf('p.yaml', yaml)).toBe(errors);
  });
});
