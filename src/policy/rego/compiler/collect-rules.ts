/**
 * Stage: flatten every module's rules into entries with their full path under
 * data (package path + head ref), and reject malformed packages and imports.
 */
import type { Module, Rule, Term } from '../ast.js';
import { RegoError } from '../errors.js';
import type { CompileState, RuleEntry, Stage } from './state.js';

export function packagePath(mod: CompileState['modules'][number], sources: Map<string, string>): string[] {
  const [head, ...rest] = mod.package.terms;
  if (head?.type !== 'var' || head.name !== 'data' || rest.some((t) => t.type !== 'string')) {
    throw RegoError.at('rego_compile_error', 'package must be a path of names', mod.package.loc, sources.get(mod.file));
  }
  return rest.map((t) => (t as { value: string }).value);
}

export const collectRules: Stage = {
  name: 'collectRules',
  run(state) {
    const rules: RuleEntry[] = [];
    for (const module of state.modules) {
      const pkg = packagePath(module, state.sources);
      const aliases = new Set<string>();
      for (const imp of module.imports) {
        const [root] = imp.path.terms;
        const rootName = root?.type === 'var' ? root.name : '';
        if (!['data', 'input', 'future', 'rego'].includes(rootName)) {
          throw RegoError.at('rego_compile_error', `invalid import path: must begin with input or data`, imp.loc, module.source);
        }
        const last = imp.path.terms[imp.path.terms.length - 1];
        const name = imp.alias ?? (last.type === 'string' ? last.value : last.type === 'var' ? last.name : '');
        if (rootName === 'data' || rootName === 'input') {
          if (aliases.has(name)) throw RegoError.at('rego_compile_error', `import must not shadow import ${name}`, imp.loc, module.source);
          aliases.add(name);
        }
      }
      for (const rule of module.rules) rules.push({ module, pkg, rule, ref: ruleRef(module, pkg, rule) });
    }
    return { ...state, rules };
  },
};

/** The rule's ref under data: the package's names, then the head ref with its first var as a string. */
export function ruleRef(module: Module, pkg: string[], rule: Rule): Term[] {
  const [first, ...rest] = rule.head.ref;
  const firstTerm: Term = first.type === 'var' ? { type: 'string', value: first.name, loc: first.loc } : first;
  return [...pkg.map((value): Term => ({ type: 'string', value, loc: module.package.loc })), firstTerm, ...rest];
}
