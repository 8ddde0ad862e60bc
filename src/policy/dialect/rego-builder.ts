/**
 * A small typed builder for Rego v1 text. Values enter only through `str`,
 * `num`, `json` (escaped literals) and comments through `comment` (one line,
 * escaped); names are checked. Nothing user-written is pasted as code.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['as', 'default', 'else', 'false', 'import', 'package', 'not', 'null', 'true', 'with', 'some', 'in', 'every', 'if', 'contains']);

/** A rendered Rego term. Build with the functions below only. */
export interface Term {
  readonly rego: string;
}

/** One body literal (an expression, possibly negated, or a `some`/`every`). */
export interface Literal {
  readonly lines: string[];
  readonly negatable: boolean;
}

const term = (rego: string): Term => ({ rego });

export function name(text: string): string {
  if (!IDENTIFIER.test(text) || KEYWORDS.has(text)) throw new Error(`not a Rego identifier: ${JSON.stringify(text)}`);
  return text;
}

/** A dotted name such as `lib.has_prefix` or `regex.match`. */
function dotted(text: string): string {
  return text.split('.').map(name).join('.');
}

/** JSON string escaping is valid Rego string escaping; line and paragraph separators are escaped too. */
export function str(value: string): Term {
  return term(JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

export function num(value: number): Term {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return term(String(value));
}

export const TRUE = term('true');

/** Any JSON value as a Rego literal (objects keep key order; their keys are escaped strings). */
export function json(value: unknown): Term {
  if (value === null) return term('null');
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean') return term(String(value));
  if (Array.isArray(value)) return array(value.map(json));
  if (typeof value === 'object') return object(Object.entries(value as Record<string, unknown>).map(([k, v]) => [str(k), json(v)]));
  throw new Error(`not a JSON value: ${String(value)}`);
}

export function array(items: Term[]): Term {
  return term(`[${items.map((t) => t.rego).join(', ')}]`);
}

export function set(items: Term[]): Term {
  return term(items.length === 0 ? 'set()' : `{${items.map((t) => t.rego).join(', ')}}`);
}

export function object(entries: Array<[Term, Term]>): Term {
  return term(`{${entries.map(([k, v]) => `${k.rego}: ${v.rego}`).join(', ')}}`);
}

export function variable(text: string): Term {
  return term(name(text));
}

/** `input.a.b`, `data.x["odd key"]`, `v[0]`: identifier-safe keys use dots, others brackets. */
export function ref(head: string, ...path: Array<string | number | Term>): Term {
  let out = dotted(head);
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${num(segment).rego}]`;
    else if (typeof segment === 'string') out += IDENTIFIER.test(segment) && !KEYWORDS.has(segment) ? `.${segment}` : `[${str(segment).rego}]`;
    else out += `[${segment.rego}]`;
  }
  return term(out);
}

export function call(fn: string, ...args: Term[]): Term {
  return term(`${dotted(fn)}(${args.map((a) => a.rego).join(', ')})`);
}

export function expr(t: Term): Literal {
  return { lines: [t.rego], negatable: true };
}

export function equal(a: Term, b: Term): Literal {
  return { lines: [`${a.rego} == ${b.rego}`], negatable: true };
}

export function member(item: Term, collection: Term): Literal {
  return { lines: [`${item.rego} in ${collection.rego}`], negatable: true };
}

export function not(literal: Literal): Literal {
  if (!literal.negatable || literal.lines.length !== 1) throw new Error('only a single expression can be negated');
  const [line] = literal.lines;
  return { lines: [line.startsWith('not ') ? line.slice(4) : `not ${line}`], negatable: true };
}

/** `v := value`: binds a fresh local. */
export function assign(v: Term, value: Term): Literal {
  return { lines: [`${v.rego} := ${value.rego}`], negatable: false };
}

export function someIn(v: Term, collection: Term): Literal {
  return { lines: [`some ${v.rego} in ${collection.rego}`], negatable: false };
}

export function every(v: Term, collection: Term, body: Literal[]): Literal {
  return { lines: [`every ${v.rego} in ${collection.rego} {`, ...body.flatMap((l) => l.lines).map((l) => `\t${l}`), '}'], negatable: false };
}

/** A comment line; control characters are escaped so the text cannot end the comment. */
export function comment(text: string): Literal {
  return { lines: [`# ${escapeComment(text)}`], negatable: false };
}

export function escapeComment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface Rule {
  comments?: string[];
  /** `name`, `name contains <term>`, `name(<args>)`, `default name`. */
  head: string;
  /** `:= <term>` value, when the rule has one. */
  value?: Term;
  body?: Literal[];
  /** `else := <value> if { <body> }` branches, tried in order when the bodies before them fail. */
  else?: Array<{ value: Term; body: Literal[] }>;
}

export const head = {
  complete: (n: string) => name(n),
  defaultOf: (n: string) => `default ${name(n)}`,
  contains: (n: string, t: Term) => `${name(n)} contains ${t.rego}`,
};

export function renderRule(rule: Rule): string {
  const lines = (rule.comments ?? []).map((c) => `# ${escapeComment(c)}`);
  let text = rule.head + (rule.value ? ` := ${rule.value.rego}` : '');
  const body = rule.body ?? [];
  const bodyLines = body.flatMap((l) => l.lines);
  if (rule.else) {
    // A chain always uses blocks: `} else := v if {` needs the closing brace before it.
    text += ` if ${block(body)}`;
    for (const branch of rule.else) text += ` else := ${branch.value.rego} if ${block(branch.body)}`;
  } else if (body.length === 1 && bodyLines.length === 1 && !bodyLines[0].startsWith('#')) text += ` if ${bodyLines[0]}`;
  else if (body.length > 0) text += ` if ${block(body)}`;
  lines.push(text);
  return lines.join('\n');
}

function block(body: Literal[]): string {
  if (body.length === 0) throw new Error('a rule body needs at least one literal');
  return `{\n${body.flatMap((l) => l.lines).map((l) => `\t${l}`).join('\n')}\n}`;
}

export interface Module {
  header: string[];
  packagePath: string;
  imports: string[];
  rules: Rule[];
}

export function renderModule(module: Module): string {
  const parts = [
    module.header.map((c) => `# ${escapeComment(c)}`).join('\n'),
    `package ${dotted(module.packagePath)}`,
    module.imports.map((i) => `import ${dotted(i)}`).join('\n'),
    ...module.rules.map(renderRule),
  ].filter((p) => p.length > 0);
  return `${parts.join('\n\n')}\n`;
}
