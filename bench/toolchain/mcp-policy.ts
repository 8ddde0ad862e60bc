/** The same logic as mcp-policy.rego, hand-written in JavaScript: the yardstick for evaluate(). */
const deniedTools = new Set(['run_shell', 'exec', 'execute_command', 'eval', 'delete_database', 'drop_table']);
const writeTools = new Set(['write_file', 'edit_file', 'move_file', 'create_directory']);
const readTools = new Set(['read_file', 'read_text_file', 'read_multiple_files', 'list_directory', 'directory_tree', 'search_files', 'get_file_info']);
const allowedPrefixes = ['/srv/data/', '/home/agent/projects/', '/tmp/agent/'];
const forbiddenFragments = ['.env', '.ssh/', 'id_rsa', '.aws/credentials', '/etc/shadow', '.git/config', '.npmrc'];
const secretPatterns = [/AKIA[0-9A-Z]{16}/, /ghp_[A-Za-z0-9]{36}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /xox[baprs]-[0-9A-Za-z-]{10,}/, /sk_live_[0-9a-zA-Z]{24}/];
const injectionPatterns = [/ignore (all )?(previous|prior) instructions/i, /you are now/i, /[;&|]\s*(rm|curl|wget|nc)\s/, /\$\([^)]*\)/];
const gitGlobs = [/^git_push.*$/, /^git_reset.*$/, /^git_.*_force$/];

export interface Call {
  tool: string;
  arguments: Record<string, unknown>;
  tool_annotations?: { destructiveHint?: boolean };
  identity?: { roles?: string[] };
}

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

export function decideInJs(input: Call): { allow: boolean; reasons: string[]; rule: string } {
  const deny = new Set<string>();
  const tool = input.tool;
  if (deniedTools.has(tool)) deny.add('tool is on the deny list');
  if (writeTools.has(tool)) deny.add('writes are not permitted');
  for (const g of gitGlobs) if (g.test(tool)) deny.add(`git tool ${tool} is not permitted`);
  const paths = ['path', 'source', 'destination', 'file_path'].map((k) => input.arguments[k]).filter((p): p is string => typeof p === 'string');
  for (const p of paths) {
    if (!allowedPrefixes.some((prefix) => p.startsWith(prefix))) deny.add(`path ${p} is outside the allowed roots`);
    for (const f of forbiddenFragments) if (p.toLowerCase().includes(f)) deny.add(`path ${p} touches a sensitive location (${f})`);
    if (p.includes('..')) deny.add(`path ${p} contains a traversal`);
  }
  const all = strings(input.arguments, []);
  if (all.some((s) => secretPatterns.some((r) => r.test(s)))) deny.add('an argument holds a secret');
  if (all.some((s) => injectionPatterns.some((r) => r.test(s)))) deny.add('an argument holds an injection');
  if (all.some((s) => [...s].length > 100000)) deny.add('argument too large');
  if (!readTools.has(tool) && !writeTools.has(tool) && !deniedTools.has(tool) && !tool.startsWith('git_')) deny.add('unknown tool');
  if (input.tool_annotations?.destructiveHint === true && !(input.identity?.roles ?? []).includes('approver')) deny.add('destructive tool without approval');
  const reasons = [...deny].sort();
  return { allow: reasons.length === 0, reasons, rule: reasons.length > 0 ? 'deny-list' : 'allow' };
}
