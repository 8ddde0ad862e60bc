import { Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { LearnedCondition, LearnedPolicy } from './learned-policy.js';

/**
 * Writes a learned policy in toolgate's YAML dialect (docs/dialect.md), with
 * comments saying what was observed. Tool names with glob characters are
 * written as anchored /regex/ so they match only themselves.
 */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

export function toolPattern(tool: string): string {
  const looksLikeRegex = tool.length > 1 && tool.startsWith('/') && /\/i?$/.test(tool);
  return tool.includes('*') || tool.includes('?') || looksLikeRegex ? `/^${escapeRegex(tool)}$/` : tool;
}

function conditionNode(doc: Document, condition: LearnedCondition): Node {
  const test = doc.createNode({ [condition.field]: { [condition.operator]: condition.values } }) as YAMLMap;
  const operators = test.items[0].value as YAMLMap;
  operators.flow = true;
  if (!condition.optional) return test;
  const absent = doc.createNode({ [condition.field]: { exists: false } }) as YAMLMap;
  (absent.items[0].value as YAMLMap).flow = true;
  return doc.createNode({ any: [absent, test] });
}

function describeFiles(files: string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.length} files, ${files[0]} to ${files[files.length - 1]}`;
}

function comment(lines: string[]): string {
  return lines.map((line) => ` ${line}`).join('\n');
}

export function learnedPolicyYaml(policy: LearnedPolicy): string {
  const { profile } = policy;
  const doc = new Document();
  const perTool = Object.fromEntries(policy.perToolLimits.map((limit) => [toolPattern(limit.tool), `${limit.limit}/minute`]));
  doc.contents = doc.createNode({
    version: '1.0',
    mode: 'shadow',
    default_action: 'deny',
    rules: [],
    ...(policy.globalLimit ? { rate_limits: { global: `${policy.globalLimit.limit}/minute`, per_tool: perTool } } : {}),
  }) as YAMLMap;
  const rules = doc.get('rules') as YAMLSeq;
  for (const rule of policy.rules) {
    const node = doc.createNode({ id: rule.id, tool: toolPattern(rule.tool), action: 'allow' }) as YAMLMap;
    if (rule.conditions.length > 0) node.set('conditions', doc.createNode(rule.conditions.map((condition) => conditionNode(doc, condition))));
    node.commentBefore = comment(rule.notes);
    rules.items.push(node);
  }
  if (policy.rules.length === 0) rules.flow = true;

  const sessions = profile.sessions.size;
  const span = profile.first === undefined ? 'no forwarded calls' : `${profile.calls} forwarded call(s) from ${profile.first} to ${profile.last}`;
  doc.commentBefore = comment([
    `Learned by \`toolgate policy generate\` from ${describeFiles(profile.files)}:`,
    `${span}, ${sessions} session(s), ${profile.tools.size} tool(s).`,
    ...(profile.blockedCalls > 0 ? [`${profile.blockedCalls} blocked call(s) in the log were not learned from.`] : []),
    'mode: shadow records what this policy would deny without denying it: watch',
    '`toolgate audit <log> --violations-only`, then set mode: enforce.',
    'Review every rule: a learned policy allows exactly what was seen, no more,',
    `and rate limits are ${policy.headroom}x the busiest minute observed.`,
  ]);
  const rateLimits = doc.get('rate_limits') as YAMLMap | undefined;
  if (rateLimits && policy.globalLimit) {
    (rateLimits.get('global', true) as Scalar).comment = ` busiest minute: ${policy.globalLimit.peak} call(s)`;
    const perToolNode = rateLimits.get('per_tool', true) as unknown as YAMLMap;
    policy.perToolLimits.forEach((limit, i) => {
      (perToolNode.items[i].value as Scalar).comment = ` busiest minute: ${limit.peak} call(s)`;
    });
  }
  return doc.toString({ lineWidth: 0 });
}
