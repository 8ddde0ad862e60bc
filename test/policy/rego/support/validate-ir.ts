/**
 * Structural checks of a planned Policy against the IR contract: every call
 * names a planned function or a listed builtin with the right argument count
 * (and a location, if any, in a listed file), operands index existing strings, functions take input and data as locals 0
 * and 1 and end with a return of their return local.
 */
import { walkStmts, type Operand, type Policy } from '../../../../src/policy/rego/ir.js';

export function validatePolicy(policy: Policy): string[] {
  const problems: string[] = [];
  const funcs = new Map(policy.funcs.map((f) => [f.name, f]));
  const builtins = new Set(policy.static.builtins.map((b) => b.name));
  const strings = policy.static.strings.length;
  const operand = (where: string, o: Operand): void => {
    if (o.kind === 'string' && (o.index < 0 || o.index >= strings)) problems.push(`${where}: string index ${o.index} out of range`);
  };
  const check = (where: string, blocks: Policy['plans'][number]['blocks']): void =>
    walkStmts(blocks, (s) => {
      for (const value of Object.values(s)) if (value && typeof value === 'object' && 'kind' in value) operand(where, value as Operand);
      if (s.op === 'call') {
        s.args.forEach((a) => operand(where, a));
        const f = funcs.get(s.func);
        if (f && f.params.length !== s.args.length) problems.push(`${where}: ${s.func} called with ${s.args.length} arguments, takes ${f.params.length}`);
        if (!f && !builtins.has(s.func)) problems.push(`${where}: ${s.func} is neither a planned function nor a listed builtin`);
        const at = s.location;
        if (at && (policy.static.files[at.file] === undefined || at.row < 1 || at.col < 1)) problems.push(`${where}: call location ${JSON.stringify(at)} is not in a listed file`);
      }
      if (s.op === 'with') s.path.forEach((i) => i >= strings && problems.push(`${where}: with path index ${i} out of range`));
      if (s.op === 'makeNumberInt' && !Number.isSafeInteger(s.value)) problems.push(`${where}: makeNumberInt ${s.value} is not a safe integer`);
      if (s.op === 'makeNumberRef' && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(policy.static.strings[s.index] ?? '')) {
        problems.push(`${where}: makeNumberRef of ${policy.static.strings[s.index]}`);
      }
    });
  for (const f of policy.funcs) {
    if (f.params[0] !== 0 || f.params[1] !== 1) problems.push(`${f.name}: params must start with input (0) and data (1)`);
    const last = f.blocks[f.blocks.length - 1]?.stmts.at(-1);
    if (last?.op !== 'return' || last.local !== f.return) problems.push(`${f.name}: does not end by returning its return local`);
    check(f.name, f.blocks);
  }
  for (const p of policy.plans) {
    check(`plan ${p.name}`, p.blocks);
    walkStmts(p.blocks, (s) => s.op === 'return' && problems.push(`plan ${p.name}: return in a plan`));
  }
  return problems;
}
