import type { Rule, Term } from '../../../../src/policy/rego/ast.js';
import { RegoError } from '../../../../src/policy/rego/errors.js';
import { parseBody, parseModule, parseTerm } from '../../../../src/policy/rego/parse.js';
import { renderBody, renderRule, renderTerm } from './render.js';

/** The rules of `package test` + `source`, rendered one per entry. */
export function rules(source: string): string[] {
  return parseModule(`package test\n${source}`, 'test.rego').rules.map(renderRule);
}

export function firstRule(source: string): Rule {
  return parseModule(`package test\n${source}`, 'test.rego').rules[0];
}

export function term(source: string): string {
  return renderTerm(parseTerm(source));
}

export function termAst(source: string): Term {
  return parseTerm(source);
}

export function query(source: string): string {
  return renderBody(parseBody(source));
}

/** The full formatted error (location, message, source line and caret). */
export function errorOf(parse: () => unknown): string {
  try {
    parse();
  } catch (e) {
    if (e instanceof RegoError) {
      if (e.code !== 'rego_parse_error') throw new Error(`unexpected code ${e.code}`);
      return e.message;
    }
    throw e;
  }
  throw new Error('expected a parse error');
}

export function moduleError(source: string): string {
  return errorOf(() => parseModule(source, 'p.rego'));
}
