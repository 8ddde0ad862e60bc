/**
 * Public entry of the Rego compiler: modules in, planner IR out.
 * parse → compiler stages (./compiler/stages.ts) → planner (./planner/planner.ts).
 */
import type { Module } from './ast.js';
import type { BuiltinDecl } from './builtins/declaration.js';
import { lookupBuiltin as tableLookup } from './builtins/table.js';
import { RegoError } from './errors.js';
import type { Policy } from './ir.js';
import { runStages } from './compiler/stages.js';
import { Planner } from './planner/planner.js';

export interface CompileOptions {
  /** Slash paths under data: "test/p" plans data.test.p; "" plans all of data. */
  entrypoints: string[];
  /** Builtin declarations (defaults to the table in ./builtins/table.ts). */
  lookupBuiltin?: (name: string) => BuiltinDecl | undefined;
}

export function compileToIR(modules: Module[], options: CompileOptions): Policy {
  const sources = new Map(modules.map((m) => [m.file, m.source]));
  const lookupBuiltin = options.lookupBuiltin ?? tableLookup;
  for (const e of options.entrypoints) {
    if (e.startsWith('/') || e.endsWith('/') || e.includes('//')) {
      throw RegoError.at('rego_compile_error', `invalid entrypoint ${JSON.stringify(e)}: want a slash path under data such as "pkg/rule"`);
    }
  }
  const state = runStages({ modules, rules: [], lookupBuiltin, sources });
  return new Planner(state.tree!, lookupBuiltin, sources).policy(options.entrypoints);
}
