import type { Condition, Comparison, Origin, Subject, Test } from './condition-types.js';
import { parseFieldPath, type FieldPath } from './field-path.js';
import { pathGlobToRegex, regexError } from './patterns.js';
import type { YamlPath } from './yaml-source.js';

/** Reports positioned problems while conditions are read. */
export interface ConditionContext {
  error(path: YamlPath, message: string, key?: string): void;
  origin(path: YamlPath, key?: string): Origin;
}

const COMBINATORS = ['any', 'all', 'not'] as const;
const AGENTMESH = ['path_starts_with', 'path_not_contains', 'argument_matches', 'argument_not_matches'] as const;
const NEGATABLE = ['equals', 'in', 'prefix', 'suffix', 'contains', 'regex', 'glob', 'within'] as const;
const PLAIN = ['gt', 'gte', 'lt', 'lte', 'length', 'exists', 'type'] as const;
/** Every operator key accepted in an operator mapping. */
export const OPERATORS: readonly string[] = [...NEGATABLE, ...NEGATABLE.map((op) => `not_${op}`), ...PLAIN, 'ignore_case'];
const CASE_FOLDING = new Set(['equals', 'in', 'prefix', 'suffix', 'contains', 'glob']);
const TYPES = ['string', 'number', 'boolean', 'array', 'object', 'null'];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads a `when:` or `conditions:` list; every item may hold several keys, each its own condition. */
export function readConditionList(value: unknown, path: YamlPath, ctx: ConditionContext): Condition[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.error(path, 'conditions must be a list of mappings');
    return [];
  }
  return value.flatMap((item, i) => readConditionItem(item, [...path, i], ctx));
}

function readConditionItem(item: unknown, path: YamlPath, ctx: ConditionContext): Condition[] {
  if (!isObject(item) || Object.keys(item).length === 0) {
    ctx.error(path, 'a condition is a mapping such as {arguments.path: {prefix: "/data/"}}, {any: [...]}, {all: [...]} or {not: {...}}');
    return [];
  }
  const out: Condition[] = [];
  for (const [key, value] of Object.entries(item)) {
    const origin = ctx.origin(path, key);
    const at = [...path, key];
    if ((COMBINATORS as readonly string[]).includes(key)) {
      const c = readCombinator(key as (typeof COMBINATORS)[number], value, at, origin, ctx);
      if (c) out.push(c);
    } else if ((AGENTMESH as readonly string[]).includes(key)) {
      out.push(...readAgentMesh(key as (typeof AGENTMESH)[number], value, at, origin, ctx));
    } else {
      const field = parseFieldPath(key);
      if (typeof field === 'string') {
        const hint = key.startsWith('path_') || key.startsWith('argument_') ? ` (AgentMesh conditions: ${AGENTMESH.join(', ')})` : '';
        ctx.error(path, field + hint, key);
        continue;
      }
      out.push(...readFieldTests(field, value, at, origin, ctx));
    }
  }
  return out;
}

function readCombinator(kind: 'any' | 'all' | 'not', value: unknown, path: YamlPath, origin: Origin, ctx: ConditionContext): Condition | undefined {
  if (kind === 'not') {
    const items = isObject(value) ? readConditionItem(value, path, ctx) : (ctx.error(path, 'not takes one condition mapping'), []);
    if (items.length === 0) return undefined;
    const item = items.length === 1 ? items[0] : { kind: 'all' as const, origin, label: items.map((c) => c.label).join(' and '), items };
    return { kind: 'not', origin, label: `not (${item.label})`, item };
  }
  if (!Array.isArray(value) || value.length === 0) {
    ctx.error(path, `${kind} takes a non-empty list of conditions`);
    return undefined;
  }
  const items = readConditionList(value, path, ctx);
  if (items.length === 0) return undefined;
  return { kind, origin, label: `${kind} of (${items.map((c) => c.label).join(kind === 'any' ? ' or ' : ' and ')})`, items };
}

function readAgentMesh(key: (typeof AGENTMESH)[number], value: unknown, path: YamlPath, origin: Origin, ctx: ConditionContext): Condition[] {
  const test = (label: string, subject: Subject, t: Test, negated: boolean, ignoreCase = false): Condition => ({
    kind: 'test', origin, label, subject, test: t, negated, ignoreCase,
  });
  if (key === 'path_starts_with') {
    if (typeof value !== 'string' || value === '') {
      ctx.error(path, 'path_starts_with takes a non-empty string');
      return [];
    }
    return [test(`path_starts_with ${show(value)}`, { kind: 'path_arguments' }, { op: 'paths_start_with', prefix: value }, false)];
  }
  if (key === 'path_not_contains') {
    const parts = stringList(value);
    if (!parts) {
      ctx.error(path, 'path_not_contains takes a string or a non-empty list of strings');
      return [];
    }
    // AgentMesh compares lower-cased paths with lower-cased parts.
    const folded = parts.map((p) => p.toLowerCase());
    return [test(`path_not_contains ${show(parts)}`, { kind: 'path_arguments' }, { op: 'paths_contain', parts: folded }, true)];
  }
  if (!isObject(value) || Object.keys(value).length === 0) {
    ctx.error(path, `${key} takes a mapping of argument name to regex`);
    return [];
  }
  const out: Condition[] = [];
  for (const [argument, pattern] of Object.entries(value)) {
    const at = [...path, argument];
    if (typeof pattern !== 'string') {
      ctx.error(at, `${key}.${argument} must be a regex string`);
      continue;
    }
    const problem = regexError(pattern);
    if (problem) {
      ctx.error(at, `invalid regex for ${argument}: ${problem}`);
      continue;
    }
    const field: FieldPath = { text: `arguments[${JSON.stringify(argument)}]`, root: 'arguments', segments: [{ kind: 'key', key: argument }] };
    out.push({
      ...test(`${key} ${argument} ${show(pattern)}`, { kind: 'field', path: field }, { op: 'regex', patterns: [pattern] }, key === 'argument_not_matches'),
      origin: ctx.origin(path, argument),
    });
  }
  return out;
}

function readFieldTests(field: FieldPath, value: unknown, path: YamlPath, origin: Origin, ctx: ConditionContext): Condition[] {
  if (!isObject(value)) {
    // `arguments.mode: read` is shorthand for {equals: read}.
    return [{ kind: 'test', origin, label: `${field.text} equals ${show(value)}`, subject: { kind: 'field', path: field }, test: { op: 'equals', value }, negated: false, ignoreCase: false }];
  }
  const ignoreCase = value.ignore_case;
  if (ignoreCase !== undefined && typeof ignoreCase !== 'boolean') ctx.error(path, 'ignore_case must be true or false', 'ignore_case');
  const ops = Object.keys(value).filter((k) => k !== 'ignore_case');
  if (ops.length === 0) ctx.error(path, `${field.text} needs an operator: ${OPERATORS.filter((o) => o !== 'ignore_case').join(', ')}`);
  const out: Condition[] = [];
  for (const key of ops) {
    const negated = key.startsWith('not_') && (NEGATABLE as readonly string[]).includes(key.slice(4));
    const op = negated ? key.slice(4) : key;
    if (!OPERATORS.includes(key)) {
      ctx.error(path, `unknown operator ${JSON.stringify(key)}: expected one of ${OPERATORS.join(', ')}`, key);
      continue;
    }
    if (ignoreCase === true && !CASE_FOLDING.has(op)) {
      ctx.error(path, `ignore_case does not apply to ${key}`, key);
      continue;
    }
    const at = [...path, key];
    const test = readTest(op, value[key], at, ctx, ignoreCase === true);
    if (!test) continue;
    const label = `${field.text} ${key} ${show(value[key])}${ignoreCase === true ? ' (ignoring case)' : ''}`;
    const absent = op === 'exists' && value[key] === false;
    out.push({ kind: 'test', origin: ctx.origin(path, key), label, subject: { kind: 'field', path: field }, test, negated: negated || absent, ignoreCase: ignoreCase === true });
  }
  return out;
}

function readTest(op: string, arg: unknown, path: YamlPath, ctx: ConditionContext, fold: boolean): Test | undefined {
  const fail = (message: string): undefined => {
    ctx.error(path, message);
    return undefined;
  };
  const lower = (s: string) => (fold ? s.toLowerCase() : s);
  switch (op) {
    case 'equals':
      return { op, value: fold && typeof arg === 'string' ? arg.toLowerCase() : arg };
    case 'in':
      if (!Array.isArray(arg) || arg.length === 0) return fail('in takes a non-empty list');
      return { op, values: arg.map((v) => (fold && typeof v === 'string' ? v.toLowerCase() : v)) };
    case 'prefix':
    case 'suffix':
    case 'contains': {
      const values = stringList(arg);
      if (!values) return fail(`${op} takes a string or a non-empty list of strings`);
      return { op, values: values.map(lower) };
    }
    case 'regex': {
      const patterns = stringList(arg);
      if (!patterns) return fail('regex takes a string or a non-empty list of strings');
      for (const p of patterns) {
        const problem = regexError(p);
        if (problem) return fail(`invalid regex ${show(p)}: ${problem}`);
      }
      return { op, patterns };
    }
    case 'glob': {
      const globs = stringList(arg);
      if (!globs) return fail('glob takes a string or a non-empty list of strings');
      const patterns: string[] = [];
      for (const g of globs) {
        const translated = pathGlobToRegex(lower(g));
        if ('error' in translated) return fail(`invalid glob ${show(g)}: ${translated.error}`);
        patterns.push(translated.regex);
      }
      return { op: 'regex', patterns };
    }
    case 'within': {
      if (arg === 'roots') return { op, roots: 'data' };
      const roots = stringList(arg);
      if (!roots) return fail('within takes roots (the allowed roots, data.toolgate.roots) or a list of absolute paths');
      const relative = roots.find((r) => !isAbsolutePath(r));
      if (relative !== undefined) return fail(`within needs absolute paths, got ${show(relative)}`);
      return { op, roots };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof arg !== 'number') return fail(`${op} takes a number`);
      return { op: 'compare', comparison: op, number: arg };
    case 'length': {
      if (typeof arg === 'number') return { op, comparison: 'equals', number: arg };
      const entries = isObject(arg) ? Object.entries(arg) : [];
      const [comparison, number] = entries[0] ?? [];
      if (entries.length !== 1 || !['gt', 'gte', 'lt', 'lte', 'equals'].includes(comparison as string) || typeof number !== 'number') {
        return fail('length takes a number or one comparison such as {lte: 100} (gt, gte, lt, lte, equals)');
      }
      return { op, comparison: comparison as Comparison, number };
    }
    case 'exists':
      if (typeof arg !== 'boolean') return fail('exists takes true or false');
      return { op: 'exists' };
    case 'type': {
      const types = stringList(arg);
      const unknown = types?.find((t) => !TYPES.includes(t));
      if (!types || unknown !== undefined) return fail(`type takes one of ${TYPES.join(', ')} (or a list of them)`);
      return { op, types };
    }
    default:
      return fail(`unknown operator ${JSON.stringify(op)}`);
  }
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/** A value as shown in labels and reasons: JSON, shortened. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
