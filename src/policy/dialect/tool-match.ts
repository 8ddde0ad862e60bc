import type { ToolPattern } from './policy-types.js';
import * as r from './rego-builder.js';

/** One body per way a tool name can match (exact names, each prefix, suffix and regex, any tool). */
export function toolBodies(tool: ToolPattern): r.Literal[][] {
  const name = r.ref('input', 'tool');
  if (tool.anyTool) return [[r.expr(r.call('is_string', name))]];
  const bodies: r.Literal[][] = [];
  const names = [...new Set(tool.names)].sort();
  if (names.length === 1) bodies.push([r.equal(name, r.str(names[0]))]);
  if (names.length > 1) bodies.push([r.member(name, r.set(names.map(r.str)))]);
  for (const prefix of tool.prefixes) bodies.push([r.expr(r.call('startswith', name, r.str(prefix)))]);
  for (const suffix of tool.suffixes) bodies.push([r.expr(r.call('endswith', name, r.str(suffix)))]);
  for (const regex of tool.regexes) bodies.push([r.expr(r.call('regex.match', r.str(regex), name))]);
  return bodies;
}
