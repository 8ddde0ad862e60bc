import type { Module, Rule } from '../rego/ast.js';
import { parseModule } from '../rego/parse.js';
import type { PolicyModule } from '../engine/index.js';
import type { TestLocation } from './test-result.js';

export interface RegoTestRule {
  /** `data.pkg` */
  package: string;
  /** `test_x`, or `test_x#02` when several rules share the name. */
  rule: string;
  /** Slash path of the rule the test evaluates: `pkg/test_x`. */
  entrypoint: string;
  location: TestLocation;
  /** `todo_test_*`: reported as SKIPPED, never evaluated. */
  skip: boolean;
}

interface Definition {
  module: Module;
  rule: Rule;
  name: string;
  packagePath: string[];
}

const TEST_PREFIX = 'test_';
const TODO_PREFIX = 'todo_test_';

/**
 * Finds the tests among parsed modules: rules without arguments named `test_*`
 * (`todo_test_*` are skipped). Like `opa test`, several rules with one test name
 * are separate tests (`test_x#01`, `test_x#02`): each is renamed in a copy of its
 * module so it can be its own entrypoint. Tests come in module and line order.
 * Throws the parser's RegoError.
 */
export function findTestRules(sources: PolicyModule[]): { tests: RegoTestRule[]; modules: PolicyModule[] } {
  const parsed = sources.map((m) => parseModule(m.source, m.file));
  const groups = new Map<string, Definition[]>();
  const ruleNames = new Map<string, Set<string>>();
  for (const module of parsed) {
    const packagePath = module.package.terms.slice(1).map((t) => (t.type === 'string' ? t.value : JSON.stringify(t)));
    const names = ruleNames.get(packagePath.join('.')) ?? new Set();
    ruleNames.set(packagePath.join('.'), names);
    for (const rule of module.rules) {
      const first = rule.head.ref[0];
      if (first.type === 'var') names.add(first.name);
      const name = testName(rule);
      if (name === undefined || !(name.startsWith(TEST_PREFIX) || name.startsWith(TODO_PREFIX))) continue;
      const key = [...packagePath, name].join('.');
      groups.set(key, [...(groups.get(key) ?? []), { module, rule, name, packagePath }]);
    }
  }

  const tests: RegoTestRule[] = [];
  const renames = new Map<Module, Array<{ offset: number; end: number; name: string }>>();
  for (const definitions of groups.values()) {
    const separate = definitions.length > 1 && definitions.every((d) => !d.rule.default && d.rule.head.kind === 'single');
    definitions.forEach((d, i) => {
      const suffix = String(i + 1).padStart(2, '0');
      const taken = ruleNames.get(d.packagePath.join('.'))!;
      let internal = separate ? `${d.name}__${suffix}` : d.name;
      while (separate && taken.has(internal)) internal += '_';
      taken.add(internal);
      if (separate) {
        const head = d.rule.head.ref[0].loc;
        renames.set(d.module, [...(renames.get(d.module) ?? []), { offset: head.offset, end: head.end, name: internal }]);
      }
      if (!separate && i > 0) return;
      tests.push({
        package: ['data', ...d.packagePath].join('.'),
        rule: separate ? `${d.name}#${suffix}` : d.name,
        entrypoint: [...d.packagePath, internal].join('/'),
        location: { file: d.module.file, line: d.rule.loc.line, col: d.rule.loc.col },
        skip: d.name.startsWith(TODO_PREFIX),
      });
    });
  }
  const modules = sources.map((source, i) => {
    const edits = renames.get(parsed[i]);
    return edits ? { file: source.file, source: applyRenames(source.source, edits) } : source;
  });
  const order = (t: RegoTestRule) => sources.findIndex((m) => m.file === t.location.file);
  tests.sort((a, b) => order(a) - order(b) || a.location.line - b.location.line || a.location.col - b.location.col);
  return { tests, modules };
}

/** The name of a rule defined by a plain name (`p := ...`, `p if ...`, `p contains ...`), not a function. */
function testName(rule: Rule): string | undefined {
  const [head, ...rest] = rule.head.ref;
  if (rest.length > 0 || head.type !== 'var' || rule.head.kind === 'function') return undefined;
  return head.name;
}

function applyRenames(source: string, edits: Array<{ offset: number; end: number; name: string }>): string {
  let out = source;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.name + out.slice(edit.end);
  return out;
}
