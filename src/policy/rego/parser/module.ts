import type { Import, Module, RefTerm, Rule, Term } from '../ast.js';
import { AnnotationCollector } from './annotations.js';
import { LineIndex } from './line-index.js';
import { RuleParser } from './rules.js';
import { keywords, tt } from './tokens.js';
import { valueName } from './term-utils.js';

const importRoots = ['data', 'future', 'input', 'rego'];
const futureKeywords = ['contains', 'every', 'if', 'in'];

/** A module: `package`, then imports and rules in any order. */
export class ModuleParser extends RuleParser {
  private readonly annotations: AnnotationCollector;

  constructor(source: string, file: string) {
    const lines = new LineIndex(source, file);
    const collector = new AnnotationCollector(source, lines);
    super(source, file, collector.onComment, lines);
    this.annotations = collector;
  }

  parseModule(): Module {
    const lx = this.lx;
    this.next();
    if (this.isEof()) this.fail('empty module', 0);
    if (lx.type !== tt._package || this.keywordStartsRef()) this.fail('package expected');
    const pkg = this.parsePackage();
    const imports: Import[] = [];
    const rules: Rule[] = [];
    while (!this.isEof()) {
      if (lx.type === tt._import && !this.keywordStartsRef()) {
        imports.push(this.parseImport());
      } else if (lx.type === tt._package && !this.keywordStartsRef()) {
        this.fail('unexpected package keyword: a module has exactly one package declaration');
      } else {
        for (const rule of this.parseRuleStatement()) rules.push(rule);
      }
    }
    return {
      file: this.file,
      source: this.source,
      package: pkg,
      imports,
      rules,
      annotations: this.annotations.finish(),
    };
  }

  /** `package a.b["c.d"]` is the ref data.a.b["c.d"]. */
  private parsePackage(): RefTerm {
    this.next();
    if (this.lx.type !== tt.name && !this.keywordStartsRef()) this.unexpected('a package path');
    const path = this.parsePath('package');
    const head = path.terms[0];
    const name = head.type === 'var' ? head.name : '';
    const terms: Term[] = [
      { type: 'var', name: 'data', loc: head.loc },
      { type: 'string', value: name, loc: head.loc },
      ...path.terms.slice(1),
    ];
    return { type: 'ref', terms, loc: path.loc };
  }

  private parseImport(): Import {
    const lx = this.lx;
    const start = lx.start;
    this.next();
    if (lx.type !== tt.name && !this.keywordStartsRef()) this.unexpected('an import path');
    const path = this.parsePath('import');
    const root = (path.terms[0] as { name: string }).name;
    const text = this.source.slice(path.loc.offset, path.loc.end);
    if (!importRoots.includes(root)) {
      this.fail(`unexpected import path, must begin with one of: {${importRoots.join(', ')}}, got: ${root}`, path.loc.offset);
    }
    let alias: string | undefined;
    if (lx.type === tt._as) {
      this.next();
      if (lx.type !== tt.name || lx.value === '_') this.unexpected('an alias name');
      alias = lx.value;
      this.next();
    }
    const segments = path.terms.slice(1).map((t) => (t as { value: string }).value);
    if (root === 'rego' && (segments.length !== 1 || segments[0] !== 'v1')) {
      this.fail(`invalid import \`${text}\`, must be \`rego.v1\``, path.loc.offset);
    }
    if (root === 'future') this.checkFutureImport(segments, alias, path.loc.offset);
    const last = segments[segments.length - 1];
    if (!alias && root !== 'future' && last !== undefined && keywords.has(last)) {
      this.fail(`unexpected import path, must not end with a keyword, got: ${last} (import a different path or use an alias)`, path.loc.offset);
    }
    const imp: Import = { path, loc: this.loc(start) };
    if (alias !== undefined) imp.alias = alias;
    return imp;
  }

  private checkFutureImport(segments: string[], alias: string | undefined, offset: number): void {
    if (segments[0] !== 'keywords') this.fail('invalid import, must be `future.keywords`', offset);
    if (alias !== undefined) this.fail('`future` imports cannot be aliased', offset);
    if (segments.length > 2) this.fail('invalid import, must be `future.keywords` or `future.keywords.x`', offset);
    if (segments.length === 2 && !futureKeywords.includes(segments[1])) {
      this.fail(`unexpected keyword, must be one of [${futureKeywords.join(' ')}]`, offset);
    }
  }

  /** A dotted path whose elements after the first name are strings (`a.b["c.d"]`). */
  private parsePath(what: 'package' | 'import'): RefTerm {
    const start = this.lx.start;
    const term = this.parseOperand();
    if (term.type === 'var') return { type: 'ref', terms: [term], loc: term.loc };
    if (term.type !== 'ref' || term.terms[0].type !== 'var') this.fail(`unexpected ${valueName(term)} in ${what} path`, start);
    for (const t of term.terms.slice(1)) {
      if (t.type !== 'string') this.fail(`unexpected ${valueName(t)} in ${what} path, expected a string`, t.loc.offset);
    }
    return term;
  }
}
