/**
 * Stage: validates every `# METADATA` block and replaces `rego.metadata.rule()`
 * and `rego.metadata.chain()` by the constant they return for the rule that
 * calls them (./metadata-scopes.ts), so these builtins never reach the Wasm
 * module or the host. With an output argument (`rego.metadata.rule(x)`) the
 * call becomes `x = <value>`.
 */
import type { Body, CallTerm, Expr, Location, Rule, RuleHead, Term } from '../ast.js';
import { RegoError } from '../errors.js';
import { rewriteTerm, visitRule, type TermRewriter } from './ast-walk.js';
import { operatorName } from './calls.js';
import { ruleRef } from './collect-rules.js';
import type { MetaValue } from './metadata-model.js';
import { AnnotationSet } from './metadata-scopes.js';
import type { RuleEntry, Stage } from './state.js';

type MetadataCall = 'rego.metadata.rule' | 'rego.metadata.chain';

export const resolveMetadataCalls: Stage = {
  name: 'resolveMetadataCalls',
  run(state) {
    const mayCall = (source: string): boolean => source.includes('metadata');
    if (!state.modules.some((m) => m.annotations.length > 0 || mayCall(m.source))) return state;
    const set = AnnotationSet.build(state.modules, state.sources);
    const rules = state.rules.map((e) => (mayCall(e.module.source) && callsMetadata(e.rule) ? rewriteEntry(e, set, state.sources) : e));
    return { ...state, rules };
  },
};

function metadataCall(term: Term): MetadataCall | undefined {
  if (term.type !== 'call') return undefined;
  const name = operatorName(term.operator);
  return name === 'rego.metadata.rule' || name === 'rego.metadata.chain' ? name : undefined;
}

function callsMetadata(rule: Rule): boolean {
  let found = false;
  visitRule(rule, (t) => {
    if (metadataCall(t)) found = true;
  });
  return found;
}

function rewriteEntry(entry: RuleEntry, set: AnnotationSet, sources: ReadonlyMap<string, string>): RuleEntry {
  const rewriter = new MetadataCallRewriter(entry, set, sources);
  const rule = rewriter.rule(entry.rule);
  const headChanged = rule.head.ref !== entry.rule.head.ref;
  return { ...entry, rule, ref: headChanged ? ruleRef(entry.module, entry.pkg, rule) : entry.ref };
}

class MetadataCallRewriter implements TermRewriter {
  private readonly values = new Map<MetadataCall, MetaValue>();

  constructor(
    private readonly entry: RuleEntry,
    private readonly set: AnnotationSet,
    private readonly sources: ReadonlyMap<string, string>,
  ) {}

  rule(rule: Rule): Rule {
    const h = rule.head;
    const head: RuleHead = { ...h, ref: h.ref.map((t) => this.term(t)) };
    if (h.args) head.args = h.args.map((t) => this.term(t));
    if (h.key) head.key = this.term(h.key);
    if (h.value) head.value = this.term(h.value);
    const out: Rule = { ...rule, head, body: this.body(rule.body) };
    if (rule.else) out.else = this.rule(rule.else);
    return out;
  }

  pre(term: Term): Term | undefined {
    const call = metadataCall(term);
    if (!call) return undefined;
    const { args, loc } = term as CallTerm;
    if (args.length > 0) {
      throw RegoError.at('rego_type_error', `${call}: arity mismatch: have ${args.length} arguments, want 0`, loc, this.sources.get(loc.file));
    }
    return this.constant(call, loc);
  }

  body(body: Body): Body {
    return body.map((e) => this.expr(e));
  }

  private expr(e: Expr): Expr {
    const withs = e.with.map((w) => ({ ...w, value: this.term(w.value) }));
    switch (e.kind) {
      case 'term': {
        const call = metadataCall(e.term);
        const { args, loc } = e.term as CallTerm;
        // The output-argument form: `rego.metadata.rule(x)` is `x = rego.metadata.rule()`.
        if (call && args.length === 1) return { ...e, term: unify(this.term(args[0]), this.constant(call, loc), loc), with: withs };
        return { ...e, term: this.term(e.term), with: withs };
      }
      case 'some':
        return { ...e, with: withs };
      case 'somein':
        return { ...e, key: e.key && this.term(e.key), value: this.term(e.value), collection: this.term(e.collection), with: withs };
      case 'every':
        return { ...e, domain: this.term(e.domain), body: this.body(e.body), with: withs };
    }
  }

  private term(t: Term): Term {
    return rewriteTerm(t, this);
  }

  private constant(call: MetadataCall, loc: Location): Term {
    let value = this.values.get(call);
    if (value === undefined) {
      value = call === 'rego.metadata.rule' ? this.set.ruleValue(this.entry) : this.set.chainValue(this.entry);
      this.values.set(call, value);
    }
    return toTerm(value, loc);
  }
}

function unify(left: Term, right: Term, loc: Location): Term {
  return { type: 'call', operator: { type: 'ref', terms: [{ type: 'var', name: 'eq', loc }], loc }, args: [left, right], loc };
}

function toTerm(value: MetaValue, loc: Location): Term {
  if (value === null) return { type: 'null', loc };
  switch (typeof value) {
    case 'boolean':
      return { type: 'boolean', value, loc };
    case 'string':
      return { type: 'string', value, loc };
    case 'number':
    case 'bigint':
      return { type: 'number', value: String(value), loc };
    default:
      if (Array.isArray(value)) return { type: 'array', items: value.map((v) => toTerm(v, loc)), loc };
      return { type: 'object', entries: Object.entries(value).map(([k, v]): [Term, Term] => [{ type: 'string', value: k, loc }, toTerm(v, loc)]), loc };
  }
}
