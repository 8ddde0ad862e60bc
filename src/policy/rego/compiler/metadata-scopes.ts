/**
 * Attaches each `# METADATA` block to what it annotates and answers, per rule,
 * the two questions of rego.metadata: its own (rule-scope) annotations, and
 * the chain from the rule out through its document, package and enclosing
 * packages (OPA's semantics):
 *
 * - A block annotates the first statement on a later line. Without a `scope`
 *   it is `rule` before a rule (`document` when it says `entrypoint: true`),
 *   `package` before the package; anything else is a rego_parse_error.
 * - `rule`: that rule statement only. `document`: every rule of the same path
 *   (the rule's ground prefix), in any module. `package`: the package, in any
 *   module. `subpackages`: the package and every package below it.
 * - A path has at most one `document`, `package` and `subpackages` block
 *   (else rego_type_error, annotation redeclared). A rule may have several
 *   `rule` blocks: the chain lists them all, nearest first, and
 *   `rego.metadata.rule()` is the nearest.
 */
import type { Location, Module, Rule, Term } from '../ast.js';
import { RegoError } from '../errors.js';
import { packagePath, ruleRef } from './collect-rules.js';
import { parseMetadataBlock } from './metadata-parse.js';
import { annotationsValue, type AnnotationScope, type Annotations, type MetaValue } from './metadata-model.js';
import type { RuleEntry } from './state.js';

interface Attached {
  annotations: Annotations;
  scope: AnnotationScope;
  /** The annotated path under data, without `data`: a rule's ground prefix, or a package. */
  path: string[];
}

type Statement = { kind: 'package' | 'import'; loc: Location } | { kind: 'rule'; loc: Location; rule: Rule };

export class AnnotationSet {
  /** Rule-scope blocks by module and the rule statement's offset, in source order. */
  private readonly byRule = new Map<Module, Map<number, Attached[]>>();
  private readonly byDocument = new Map<string, Attached>();
  private readonly byPackage = new Map<string, Attached>();
  private readonly bySubpackages = new Map<string, Attached>();

  private constructor(private readonly sources: Map<string, string>) {}

  /** Parses, validates and attaches every block of the modules. */
  static build(modules: readonly Module[], sources: Map<string, string>): AnnotationSet {
    const set = new AnnotationSet(sources);
    for (const module of modules) {
      if (module.annotations.length > 0) set.addModule(module);
    }
    return set;
  }

  /** `rego.metadata.rule()`: the rule's own annotations, an empty object when it has none. */
  ruleValue(entry: RuleEntry): MetaValue {
    const nearest = this.ownBlocks(entry)[0];
    return nearest ? annotationsValue(nearest.annotations, nearest.scope) : {};
  }

  /** `rego.metadata.chain()`: the rule first (with or without annotations), then document, package and enclosing packages. */
  chainValue(entry: RuleEntry): MetaValue {
    const own = this.ownBlocks(entry);
    const path = groundPath(entry.ref);
    const chain: MetaValue[] = own.length > 0 ? own.map(link) : [{ path }];
    const found = [this.byDocument.get(key(path)), this.byPackage.get(key(entry.pkg))];
    for (let n = entry.pkg.length; n > 0; n--) found.push(this.bySubpackages.get(key(entry.pkg.slice(0, n))));
    for (const a of found) if (a) chain.push(link(a));
    return chain;
  }

  /** The rule statement's own blocks, nearest first. */
  private ownBlocks(entry: RuleEntry): Attached[] {
    return [...(this.byRule.get(entry.module)?.get(entry.rule.loc.offset) ?? [])].reverse();
  }

  private addModule(module: Module): void {
    const source = module.source;
    const pkg = packagePath(module, this.sources);
    const statements: Statement[] = [
      { kind: 'package', loc: module.package.loc } as Statement,
      ...module.imports.map((i): Statement => ({ kind: 'import', loc: i.loc })),
      ...module.rules.map((rule): Statement => ({ kind: 'rule', loc: rule.loc, rule })),
    ].sort((a, b) => a.loc.offset - b.loc.offset);
    for (const block of module.annotations) {
      const annotations = parseMetadataBlock(block, source);
      const target = statements.find((s) => s.loc.line > block.loc.line);
      const scope = annotations.scope ?? defaultScope(annotations, target, source);
      const wants = scope === 'rule' || scope === 'document' ? 'rule' : 'package';
      if (target?.kind !== wants) {
        this.fail('rego_parse_error', `annotation scope '${scope}' must be applied to ${wants} (found ${target?.kind ?? 'nothing'})`, annotations.loc, source);
      }
      if (annotations.entrypoint && scope !== 'document' && scope !== 'package') {
        this.fail('rego_parse_error', `annotation entrypoint applied to non-document or package scope '${scope}'`, annotations.loc, source);
      }
      if (target.kind === 'rule') {
        const path = groundPath(ruleRef(module, pkg, target.rule));
        if (scope === 'rule') this.addRule(module, target.rule, { annotations, scope, path });
        else this.addOnce(this.byDocument, { annotations, scope, path }, source);
      } else {
        this.addOnce(scope === 'package' ? this.byPackage : this.bySubpackages, { annotations, scope, path: pkg }, source);
      }
    }
  }

  private addRule(module: Module, rule: Rule, attached: Attached): void {
    let rules = this.byRule.get(module);
    if (!rules) this.byRule.set(module, (rules = new Map()));
    const blocks = rules.get(rule.loc.offset);
    if (blocks) blocks.push(attached);
    else rules.set(rule.loc.offset, [attached]);
  }

  private addOnce(map: Map<string, Attached>, attached: Attached, source: string): void {
    const existing = map.get(key(attached.path));
    if (existing) {
      const { file, line, col } = existing.annotations.loc;
      this.fail('rego_type_error', `annotation redeclared: ${file}:${line}:${col}`, attached.annotations.loc, source);
    }
    map.set(key(attached.path), attached);
  }

  private fail(code: 'rego_parse_error' | 'rego_type_error', message: string, loc: Location, source: string): never {
    throw RegoError.at(code, message, loc, source);
  }
}

function defaultScope(annotations: Annotations, target: Statement | undefined, source: string): AnnotationScope {
  switch (target?.kind) {
    case 'rule':
      return annotations.entrypoint ? 'document' : 'rule';
    case 'package':
      return 'package';
    default:
      throw RegoError.at(
        'rego_parse_error',
        `METADATA block without a scope must precede a rule or the package (found ${target?.kind ?? 'nothing'})`,
        annotations.loc,
        source,
      );
  }
}

function link(a: Attached): MetaValue {
  return { path: a.path, annotations: annotationsValue(a.annotations, a.scope) };
}

/** A rule ref's leading constant terms as path names: `a.b[x].c` gives ["a", "b"]. */
function groundPath(ref: Term[]): string[] {
  const path: string[] = [];
  for (const t of ref) {
    if (t.type === 'string' || t.type === 'number') path.push(t.value);
    else if (t.type === 'boolean') path.push(String(t.value));
    else if (t.type === 'null') path.push('null');
    else break;
  }
  return path;
}

function key(path: string[]): string {
  return JSON.stringify(path);
}
