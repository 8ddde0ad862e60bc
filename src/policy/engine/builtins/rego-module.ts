import type { Body, Expr, Module, RefTerm, Rule, Term, With } from '../../rego/ast.js';
import { RegoError } from '../../rego/errors.js';
import { parseModule } from '../../rego/parse.js';
import { builtinError } from './errors.js';
import { ensureString } from './operands.js';
import { rawJson } from './values.js';

/*
 * rego.parse_module: a Rego module parsed by toolgate's own parser and written
 * in OPA's JSON AST shape ({"package": {"path": [...]}, "imports": [...],
 * "rules": [{"head": ..., "body": [{"index", "terms"}]}]}), without locations.
 * Wildcards are numbered $0, $1, ... as OPA names them; numbers keep their
 * source digits.
 */

/** A number term's source text, written into the JSON as it is. */
class NumberText {
  constructor(readonly text: string) {}
}

type AstJson = null | boolean | number | string | NumberText | AstJson[] | { [key: string]: AstJson | undefined };

class ModuleWriter {
  private wildcards = 0;

  module(m: Module): AstJson {
    return {
      package: { path: m.package.terms.map((t) => this.term(t)) },
      imports: m.imports.length > 0 ? m.imports.map((i) => ({ path: this.term(i.path), alias: i.alias })) : undefined,
      rules: m.rules.length > 0 ? m.rules.map((r) => this.rule(r)) : undefined,
    };
  }

  private rule(r: Rule): AstJson {
    const { head } = r;
    const ref = head.ref.map((t) => this.term(t));
    const single = head.ref.length === 1 && head.ref[0].type === 'var' ? head.ref[0].name : undefined;
    const value = head.kind === 'multi' ? undefined : head.value ? this.term(head.value) : { type: 'boolean', value: true };
    return {
      default: r.default || undefined,
      head: {
        name: single,
        ref,
        args: head.args?.map((t) => this.term(t)),
        key: head.key && this.term(head.key),
        value,
        assign: head.assign || undefined,
      },
      body: this.body(r.body),
      else: r.else && this.rule(r.else),
    };
  }

  private body(body: Body): AstJson[] {
    if (body.length === 0) return [{ index: 0, terms: { type: 'boolean', value: true } }];
    return body.map((e, index) => this.expr(e, index));
  }

  private expr(e: Expr, index: number): AstJson {
    const common = { index, negated: e.negated || undefined, with: e.with.length > 0 ? e.with.map((w) => this.with(w)) : undefined };
    switch (e.kind) {
      case 'term':
        return { ...common, terms: e.term.type === 'call' ? [this.term(e.term.operator), ...e.term.args.map((a) => this.term(a))] : this.term(e.term) };
      case 'some':
        return { ...common, terms: { symbols: e.vars.map((v) => this.term(v)) } };
      case 'somein': {
        const member = e.key ? 'member_3' : 'member_2';
        const args = [...(e.key ? [e.key] : []), e.value, e.collection].map((t) => this.term(t));
        return { ...common, terms: { symbols: [{ type: 'call', value: [internalRef(member), ...args] }] } };
      }
      case 'every':
        return {
          ...common,
          terms: { key: e.key && this.term(e.key), value: this.term(e.value), domain: this.term(e.domain), body: this.body(e.body) },
        };
    }
  }

  private with(w: With): AstJson {
    return { target: this.term(w.target), value: this.term(w.value) };
  }

  private term(t: Term): AstJson {
    switch (t.type) {
      case 'null':
        return { type: 'null', value: null };
      case 'boolean':
        return { type: 'boolean', value: t.value };
      case 'number':
        return { type: 'number', value: new NumberText(t.value) };
      case 'string':
        return { type: 'string', value: t.value };
      case 'var':
        return { type: 'var', value: t.name === '_' ? `$${this.wildcards++}` : t.name };
      case 'ref':
        return { type: 'ref', value: t.terms.map((x) => this.term(x)) };
      case 'array':
      case 'set':
        return { type: t.type, value: t.items.map((x) => this.term(x)) };
      case 'object':
        return { type: 'object', value: t.entries.map(([k, v]) => [this.term(k), this.term(v)]) };
      case 'arraycomp':
      case 'setcomp':
        return { type: t.type === 'arraycomp' ? 'arraycomprehension' : 'setcomprehension', value: { term: this.term(t.head), body: this.body(t.body) } };
      case 'objectcomp':
        return { type: 'objectcomprehension', value: { key: this.term(t.key), value: this.term(t.value), body: this.body(t.body) } };
      case 'call':
        return { type: 'call', value: [this.term(t.operator as RefTerm), ...t.args.map((a) => this.term(a))] };
    }
  }
}

function internalRef(name: string): AstJson {
  return { type: 'ref', value: [{ type: 'var', value: 'internal' }, { type: 'string', value: name }] };
}

/** JSON text with number terms as their source digits; undefined members are left out. */
function jsonText(value: AstJson): string {
  if (value instanceof NumberText) return value.text;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  const members = Object.entries(value).filter((entry): entry is [string, AstJson] => entry[1] !== undefined);
  return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

/** OPA's wording for parse errors: "file:line: code: message", several under "N errors occurred:". */
function parseErrorMessage(error: RegoError): string {
  const lines = error.diagnostics.map((d) => (d.location ? `${d.location.file}:${d.location.line}: ${d.code}: ${d.message}` : `${d.code}: ${d.message}`));
  return lines.length === 1 ? lines[0] : `${lines.length} errors occurred:\n${lines.join('\n')}`;
}

function regoParseModule(filename: unknown, source: unknown): ArrayBuffer {
  const builtin = 'rego.parse_module';
  const file = ensureString(builtin, 1, filename);
  const text = ensureString(builtin, 2, source);
  let module: Module;
  try {
    module = parseModule(text, file);
  } catch (error) {
    if (error instanceof RegoError) throw builtinError(builtin, parseErrorMessage(error));
    throw error;
  }
  return rawJson(jsonText(new ModuleWriter().module(module)));
}

export const regoModuleBuiltins = {
  'rego.parse_module': regoParseModule,
};
