import type { DecisionDocument, InputDocument } from '../documents.js';

/** The fields a `--call` or a policy `tests:` entry may give; the rest of the input document gets neutral defaults. */
const CALL_FIELDS = ['tool', 'arguments', 'client', 'identity', 'session', 'findings', 'tool_annotations', 'server', 'tool_changed', 'time', 'method', 'counters'];

/** An input document for one tool call described as `{"tool": ..., "arguments": {...}, ...}`. */
export function callInput(call: unknown): InputDocument {
  if (call === null || typeof call !== 'object' || Array.isArray(call)) throw new Error('a call is a JSON object such as {"tool": "read_file", "arguments": {"path": "/data/a.txt"}}');
  const given = call as Record<string, unknown>;
  const unknown = Object.keys(given).filter((k) => !CALL_FIELDS.includes(k));
  if (unknown.length > 0) throw new Error(`unknown call field(s) ${unknown.join(', ')}: expected ${CALL_FIELDS.join(', ')}`);
  if (typeof given.tool !== 'string' || given.tool === '') throw new Error('a call needs "tool": the tool name');
  return {
    method: 'tools/call',
    arguments: {},
    server: { name: '', command: [] },
    client: {},
    identity: {},
    session: '',
    findings: [],
    tool_annotations: {},
    tool_changed: false,
    time: new Date(0).toISOString(),
    ...(given as Partial<InputDocument>),
    tool: given.tool,
  };
}

/** A decision for people: the verdict, the deciding rule and why. */
export function formatDecision(tool: string, decision: DecisionDocument): string {
  const lines = [`${decision.allow ? 'ALLOW' : 'DENY'} ${tool}${decision.mode === 'shadow' ? ' (shadow mode: recorded, not enforced)' : ''}`];
  if (decision.rule) lines.push(`  rule: ${decision.rule}`);
  for (const reason of decision.reasons) lines.push(`  why: ${reason}`);
  if (decision.severity) lines.push(`  severity: ${decision.severity}`);
  if (decision.mitigates?.length) lines.push(`  mitigates: ${decision.mitigates.join(', ')}`);
  for (const limit of decision.limits ?? []) lines.push(`  limit: ${limit.key} ${limit.requests} per ${limit.per}s`);
  if (decision.redact?.length) lines.push(`  redact: ${decision.redact.join(', ')}`);
  return lines.join('\n');
}
