import { isObject } from './operands.js';
import { compareStrings, formatNumber } from './values.js';

/*
 * The part of Go's text/template that strings.render_template needs, with
 * OPA's option missingkey=error: text, {{expr}}, {{if}}/{{else if}}/{{else}},
 * {{range [$i,] [$v :=] expr}} with {{else}}, {{with}}, {{/* comments *\/}},
 * trim markers {{- -}}, and the functions len, index, not, and, or, eq, ne,
 * lt, le, gt, ge, print. Anything else is a template error.
 */

type Expr =
  | { kind: 'field'; base: 'dot' | string; path: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'call'; fn: string; args: Expr[] };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'output'; expr: Expr }
  | { kind: 'if'; cond: Expr; then: Node[]; otherwise: Node[] }
  | { kind: 'with'; value: Expr; then: Node[]; otherwise: Node[] }
  | { kind: 'range'; key?: string; value?: string; over: Expr; body: Node[]; otherwise: Node[] };

type Token = { kind: 'text'; text: string } | { kind: 'action'; text: string };

function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open === -1) {
      tokens.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    let text = template.slice(i, open);
    let start = open + 2;
    if (template.startsWith('- ', start) || template.startsWith('-\t', start) || template.startsWith('-\n', start)) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    const close = template.indexOf('}}', start);
    if (close === -1) throw new Error('template: unclosed action');
    let end = close;
    let trimAfter = false;
    if (/\s-$/.test(template.slice(start, close))) {
      end = close - 1;
      trimAfter = true;
    }
    tokens.push({ kind: 'text', text });
    tokens.push({ kind: 'action', text: template.slice(start, end).trim() });
    i = close + 2;
    if (trimAfter) {
      while (i < template.length && /\s/.test(template[i])) i++;
    }
  }
  return tokens.filter((t) => t.kind === 'action' || t.text !== '');
}

const WORD = /^(?:"(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|[^\s()]+)/;

function splitWords(text: string): string[] {
  const words: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    const m = WORD.exec(rest);
    if (!m) throw new Error(`template: cannot parse ${JSON.stringify(rest)}`);
    words.push(m[0]);
    rest = rest.slice(m[0].length).trimStart();
  }
  return words;
}

function parseOperand(word: string): Expr {
  if (word.startsWith('"')) return { kind: 'literal', value: JSON.parse(word) };
  if (word.startsWith('`')) return { kind: 'literal', value: word.slice(1, -1) };
  if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
  if (word === 'nil') return { kind: 'literal', value: null };
  if (/^-?\d/.test(word)) return { kind: 'literal', value: Number(word) };
  if (word === '.') return { kind: 'field', base: 'dot', path: [] };
  if (word.startsWith('.')) return { kind: 'field', base: 'dot', path: word.slice(1).split('.') };
  if (word.startsWith('$')) {
    const [name, ...path] = word.split('.');
    return { kind: 'field', base: name, path };
  }
  throw new Error(`template: function ${JSON.stringify(word)} not defined`);
}

const FUNCTIONS = new Set(['len', 'index', 'not', 'and', 'or', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'print']);

function parseExpr(words: string[]): Expr {
  if (words.length === 0) throw new Error('template: missing value for command');
  const [head, ...rest] = words;
  if (FUNCTIONS.has(head)) return { kind: 'call', fn: head, args: parseArgs(rest) };
  if (words.length > 1) throw new Error(`template: can't give argument to non-function ${head}`);
  return parseOperand(head);
}

function parseArgs(words: string[]): Expr[] {
  const args: Expr[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '(') {
      let depth = 1;
      let j = i + 1;
      for (; j < words.length && depth > 0; j++) {
        if (words[j] === '(') depth++;
        if (words[j] === ')') depth--;
      }
      if (depth !== 0) throw new Error('template: unclosed left paren');
      args.push(parseExpr(words.slice(i + 1, j - 1)));
      i = j - 1;
    } else {
      args.push(parseOperand(words[i]));
    }
  }
  return args;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node[] {
    const { nodes, stop } = this.parseList();
    if (stop !== undefined) throw new Error(`template: unexpected {{${stop}}}`);
    return nodes;
  }

  /** Parses nodes until {{end}} or {{else...}}, returning the stopping action. */
  private parseList(): { nodes: Node[]; stop?: string } {
    const nodes: Node[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++];
      if (token.kind === 'text') {
        nodes.push({ kind: 'text', text: token.text });
        continue;
      }
      const action = token.text;
      if (action.startsWith('/*')) continue;
      const words = splitWords(action);
      const keyword = words[0];
      if (keyword === 'end' || keyword === 'else') return { nodes, stop: action };
      if (keyword === 'if' || keyword === 'with') nodes.push(this.parseConditional(keyword, words.slice(1)));
      else if (keyword === 'range') nodes.push(this.parseRange(words.slice(1)));
      else nodes.push({ kind: 'output', expr: parseExpr(words) });
    }
    return { nodes };
  }

  private parseConditional(keyword: 'if' | 'with', words: string[]): Node {
    const expr = parseExpr(words);
    const { nodes: then, stop } = this.parseList();
    let otherwise: Node[] = [];
    if (stop === undefined) throw new Error(`template: unexpected EOF in ${keyword}`);
    if (stop.startsWith('else')) {
      const rest = splitWords(stop).slice(1);
      if (rest[0] === 'if' || rest[0] === 'with') {
        otherwise = [this.parseConditional(rest[0] as 'if' | 'with', rest.slice(1))];
      } else {
        const tail = this.parseList();
        if (tail.stop !== 'end') throw new Error(`template: expected end in ${keyword}`);
        otherwise = tail.nodes;
      }
    }
    return keyword === 'if' ? { kind: 'if', cond: expr, then, otherwise } : { kind: 'with', value: expr, then, otherwise };
  }

  private parseRange(words: string[]): Node {
    let key: string | undefined;
    let value: string | undefined;
    const assign = words.indexOf(':=');
    if (assign !== -1) {
      const vars = words.slice(0, assign).join(' ').split(',').map((v) => v.trim()).filter(Boolean);
      if (vars.length === 2) [key, value] = vars;
      else if (vars.length === 1) [value] = vars;
      else throw new Error('template: too many declarations in range');
      words = words.slice(assign + 1);
    }
    const over = parseExpr(words);
    const { nodes: body, stop } = this.parseList();
    let otherwise: Node[] = [];
    if (stop === undefined) throw new Error('template: unexpected EOF in range');
    if (stop === 'else') {
      const tail = this.parseList();
      if (tail.stop !== 'end') throw new Error('template: expected end in range');
      otherwise = tail.nodes;
    }
    return { kind: 'range', key, value, over, body, otherwise };
  }
}

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
}

function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Go's %v for the JSON values OPA hands to the template. */
function printValue(value: unknown): string {
  if (value === null || value === undefined) return '<no value>';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(printValue).join(' ')}]`;
  const obj = value as Record<string, unknown>;
  return `map[${Object.keys(obj).sort(compareStrings).map((k) => `${k}:${printValue(obj[k])}`).join(' ')}]`;
}

function lookup(value: unknown, key: string): unknown {
  if (!isObject(value)) throw new Error(`template: can't evaluate field ${key} in type ${Array.isArray(value) ? 'array' : typeof value}`);
  if (!Object.hasOwn(value, key)) throw new Error(`template: map has no entry for key "${key}"`);
  return value[key];
}

function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'field': {
      let value: unknown;
      if (expr.base === 'dot') value = scope.dot;
      else if (scope.vars.has(expr.base)) value = scope.vars.get(expr.base);
      else throw new Error(`template: undefined variable "${expr.base}"`);
      for (const key of expr.path) value = lookup(value, key);
      return value;
    }
    case 'call':
      return call(expr.fn, expr.args.map((a) => evaluate(a, scope)));
  }
}

function call(fn: string, args: unknown[]): unknown {
  const [a, b] = args;
  switch (fn) {
    case 'len':
      if (typeof a === 'string') return Buffer.byteLength(a);
      if (Array.isArray(a)) return a.length;
      if (isObject(a)) return Object.keys(a).length;
      throw new Error('template: len of unsupported type');
    case 'index':
      return args.slice(1).reduce((v, k) => (Array.isArray(v) ? v[k as number] : lookup(v, String(k))), a);
    case 'not':
      return !truthy(a);
    case 'and':
      return args.find((v) => !truthy(v)) ?? args[args.length - 1];
    case 'or':
      return args.find((v) => truthy(v)) ?? args[args.length - 1];
    case 'eq':
      return args.slice(1).some((v) => v === a);
    case 'ne':
      return a !== b;
    case 'lt':
      return (a as number) < (b as number);
    case 'le':
      return (a as number) <= (b as number);
    case 'gt':
      return (a as number) > (b as number);
    case 'ge':
      return (a as number) >= (b as number);
    case 'print':
      return args.map(printValue).join('');
    default:
      throw new Error(`template: function ${JSON.stringify(fn)} not defined`);
  }
}

function run(nodes: Node[], scope: Scope): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'output':
        out += printValue(evaluate(node.expr, scope));
        break;
      case 'if':
        out += run(truthy(evaluate(node.cond, scope)) ? node.then : node.otherwise, scope);
        break;
      case 'with': {
        const value = evaluate(node.value, scope);
        out += truthy(value) ? run(node.then, { ...scope, dot: value }) : run(node.otherwise, scope);
        break;
      }
      case 'range': {
        const over = evaluate(node.over, scope);
        const entries: [unknown, unknown][] = Array.isArray(over)
          ? over.map((v, i) => [i, v])
          : isObject(over)
            ? Object.keys(over).sort(compareStrings).map((k) => [k, over[k]])
            : [];
        if (!Array.isArray(over) && !isObject(over) && over !== null) throw new Error("template: range can't iterate over value");
        if (entries.length === 0) {
          out += run(node.otherwise, scope);
          break;
        }
        for (const [k, v] of entries) {
          const vars = new Map(scope.vars);
          if (node.key) vars.set(node.key, k);
          if (node.value) vars.set(node.value, v);
          out += run(node.body, { dot: v, vars });
        }
        break;
      }
    }
  }
  return out;
}

export function renderTemplate(template: string, data: unknown): string {
  const nodes = new Parser(tokenize(template)).parse();
  return run(nodes, { dot: data, vars: new Map([['$', data]]) });
}
