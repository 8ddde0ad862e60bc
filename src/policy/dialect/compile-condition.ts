import { basename } from 'node:path';
import type { Condition, Subject, Test } from './condition-types.js';
import type { PathSegment } from './field-path.js';
import * as r from './rego-builder.js';

/** Collects helper rules and fresh variable names while one policy rule is compiled. */
export class ConditionScope {
  readonly helpers: r.Rule[] = [];
  private variables = 0;

  constructor(private readonly prefix: string) {}

  fresh(): r.Term {
    return r.variable(`v${++this.variables}`);
  }

  helperName(role: string): string {
    return r.name(`${this.prefix}_${role}_${this.helpers.length}`);
  }
}

/** Body literals that hold exactly when the condition holds. */
export function conditionLiterals(condition: Condition, scope: ConditionScope): r.Literal[] {
  switch (condition.kind) {
    case 'test':
      return subjectLiterals(condition.subject, (value) => testLiteral(condition.test, value, condition.ignoreCase, condition.negated), scope);
    case 'all':
      return condition.items.flatMap((item) => conditionLiterals(item, scope));
    case 'any': {
      const helper = scope.helperName('any');
      const bodies = condition.items.map((item) => ({ item, body: conditionLiterals(item, scope) }));
      for (const { item, body } of bodies) scope.helpers.push({ comments: [`${basename(item.origin.file)}:${item.origin.line}: ${item.label}`], head: helper, body });
      return [r.expr(r.ref(helper))];
    }
    case 'not':
      return [negate(conditionLiterals(condition.item, scope), scope, 'not')];
    default: {
      const never: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}

/** One literal that holds exactly when `literals` do not all hold (a helper rule when needed). */
export function negate(literals: r.Literal[], scope: ConditionScope, role: string, comment?: string): r.Literal {
  if (literals.length === 1 && literals[0].negatable) return r.not(literals[0]);
  const helper = scope.helperName(role);
  scope.helpers.push({ comments: comment ? [comment] : [], head: helper, body: literals });
  return r.not(r.expr(r.ref(helper)));
}

function subjectLiterals(subject: Subject, test: (value: r.Term) => r.Literal, scope: ConditionScope): r.Literal[] {
  if (subject.kind === 'path_arguments') return [test(r.ref('input', 'arguments'))];
  return walkPath('input', [subject.path.root], subject.path.segments, test, scope);
}

function walkPath(
  head: string,
  keys: Array<string | number>,
  segments: PathSegment[],
  test: (value: r.Term) => r.Literal,
  scope: ConditionScope,
): r.Literal[] {
  const [segment, ...rest] = segments;
  const here = r.ref(head, ...keys);
  if (segment === undefined) return [test(here)];
  switch (segment.kind) {
    case 'key':
      return walkPath(head, [...keys, segment.key], rest, test, scope);
    case 'index':
      return walkPath(head, [...keys, segment.index], rest, test, scope);
    case 'any': {
      const v = scope.fresh();
      return [r.someIn(v, here), ...walkPath(v.rego, [], rest, test, scope)];
    }
    case 'all': {
      const v = scope.fresh();
      return [r.expr(r.call('is_array', here)), r.every(v, here, walkPath(v.rego, [], rest, test, scope))];
    }
    case 'deep': {
      const v = scope.fresh();
      return [r.expr(r.call('walk', here, r.array([r.variable('_'), v]))), test(v)];
    }
    default: {
      const never: never = segment;
      throw new Error(`unknown path segment ${JSON.stringify(never)}`);
    }
  }
}

function testLiteral(test: Test, value: r.Term, ignoreCase: boolean, negated: boolean): r.Literal {
  const v = ignoreCase ? r.call('lib.fold', value) : value;
  const positive = r.expr(testCall(test, v));
  return negated ? r.not(positive) : positive;
}

function testCall(test: Test, v: r.Term): r.Term {
  switch (test.op) {
    case 'equals':
      return r.call('lib.equals', v, r.json(test.value));
    case 'in':
      return r.call('lib.one_of', v, r.json(test.values));
    case 'prefix':
      return r.call('lib.has_prefix', v, r.json(test.values));
    case 'suffix':
      return r.call('lib.has_suffix', v, r.json(test.values));
    case 'contains':
      return r.call('lib.has_substring', v, r.json(test.values));
    case 'regex':
      return r.call('lib.matches_regex', v, r.json(test.patterns));
    case 'within':
      return r.call('lib.path_within', v, test.roots === 'data' ? r.ref('data', 'toolgate', 'roots') : r.json(test.roots));
    case 'compare':
      return r.call('lib.compare', v, r.str(test.comparison), r.num(test.number));
    case 'length':
      return r.call('lib.compare', r.call('lib.size', v), r.str(test.comparison), r.num(test.number));
    case 'exists':
      return r.call('lib.present', v);
    case 'type':
      return r.call('lib.has_type', v, r.json(test.types));
    case 'paths_start_with':
      return r.call('lib.paths_start_with', v, r.str(test.prefix));
    case 'paths_contain':
      return r.call('lib.paths_contain', v, r.json(test.parts));
    default: {
      const never: never = test;
      throw new Error(`unknown test ${JSON.stringify(never)}`);
    }
  }
}
