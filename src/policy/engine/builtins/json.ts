import { builtinError, typeError } from './errors.js';
import { goJson, parseJson } from './json-text.js';
import { type JsonObject, ensureObject, ensureOneOf, ensureString, isObject, typeNameOf } from './operands.js';
import { RegoSet, regoSet } from '../rego-set.js';
import { valuesEqual } from './values.js';

function marshal(value: unknown): string {
  return goJson(value);
}

const MARSHAL_OPTIONS = new Set(['indent', 'prefix', 'pretty']);

/** Indented when pretty is true, or when indent or prefix is given and pretty is not false; the prefix starts every line. */
function marshalWithOptions(value: unknown, options: unknown): string {
  const builtin = 'json.marshal_with_options';
  const opts = ensureObject(builtin, 2, options);
  for (const key of Object.keys(opts)) {
    if (!MARSHAL_OPTIONS.has(key)) throw typeError(builtin, `object contained unknown key "${key}"`);
  }
  if (opts.indent !== undefined && typeof opts.indent !== 'string') throw typeError(builtin, `operand 2 "indent" must be string but got ${typeNameOf(opts.indent)}`);
  if (opts.prefix !== undefined && typeof opts.prefix !== 'string') throw typeError(builtin, `operand 2 "prefix" must be string but got ${typeNameOf(opts.prefix)}`);
  if (opts.pretty !== undefined && typeof opts.pretty !== 'boolean') throw typeError(builtin, `operand 2 "pretty" must be boolean but got ${typeNameOf(opts.pretty)}`);
  const pretty = opts.pretty ?? (opts.indent !== undefined || opts.prefix !== undefined);
  if (!pretty) return goJson(value);
  const prefix = (opts.prefix as string | undefined) ?? '';
  return prefix + goJson(value, { prefix, indent: (opts.indent as string | undefined) ?? '\t' });
}

function unmarshal(text: unknown): unknown {
  const s = ensureString('json.unmarshal', 1, text);
  try {
    return parseJson(s);
  } catch (err) {
    throw builtinError('json.unmarshal', (err as Error).message);
  }
}

function isValid(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

type Segment = string | number;

/** "a/b/0" (leading and trailing slashes ignored, ~1 and ~0 unescaped) or ["a", "b", 0]. */
function parsePaths(builtin: string, paths: unknown): Segment[][] {
  ensureOneOf(builtin, 2, paths, ['set', 'array']);
  return (paths as unknown[]).map((p) => {
    if (typeof p === 'string') {
      const trimmed = p.replace(/^\/+|\/+$/g, '');
      return trimmed === '' ? [] : trimmed.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    }
    if (Array.isArray(p) && p.every((s) => typeof s === 'string' || typeof s === 'number')) return p as Segment[];
    throw typeError(builtin, `operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeNameOf(p)}`);
  });
}

/** A tree of path segments; `true` marks where a path ends. */
type PathTree = Map<string, PathTree | true>;

function buildTree(paths: Segment[][]): PathTree | true {
  if (paths.some((p) => p.length === 0)) return true;
  const tree: PathTree = new Map();
  for (const path of paths) {
    let node = tree;
    for (let i = 0; i < path.length; i++) {
      const key = String(path[i]);
      const existing = node.get(key);
      if (existing === true) break;
      if (i === path.length - 1) {
        node.set(key, true);
        break;
      }
      const child = existing ?? new Map();
      node.set(key, child);
      node = child;
    }
  }
  return tree;
}

function filterValue(value: unknown, tree: PathTree | true): unknown {
  if (tree === true) return value;
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => (tree.has(String(i)) ? [filterValue(v, tree.get(String(i))!)] : []));
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, sub] of tree) if (Object.hasOwn(value, k)) out[k] = filterValue(value[k], sub);
    return out;
  }
  return value;
}

function removeValue(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => {
      const sub = tree.get(String(i));
      if (sub === true) return [];
      return [sub ? removeValue(v, sub) : v];
    });
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const sub = tree.get(k);
      if (sub === true) continue;
      out[k] = sub ? removeValue(v, sub) : v;
    }
    return out;
  }
  return value;
}

function filter(obj: unknown, paths: unknown): unknown {
  const o = ensureObject('json.filter', 1, obj);
  const tree = buildTree(parsePaths('json.filter', paths));
  if (tree !== true && tree.size === 0) return {};
  return filterValue(o, tree);
}

function remove(obj: unknown, paths: unknown): unknown {
  const o = ensureObject('json.remove', 1, obj);
  const tree = buildTree(parsePaths('json.remove', paths));
  if (tree === true) return {};
  return removeValue(o, tree);
}

class PatchFailure extends Error {}

/**
 * A path's segments: strings from a JSON pointer (the leading / optional, as
 * OPA reads them), the values themselves from an array path (set elements need them).
 */
function pointer(path: unknown): unknown[] {
  if (Array.isArray(path)) return path;
  if (typeof path !== 'string') throw new PatchFailure('bad path');
  const body = path.startsWith('/') ? path.slice(1) : path;
  return path === '' ? [] : body.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(arr: unknown[], segment: unknown, forInsert: boolean): number {
  const key = String(segment);
  if (forInsert && key === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) throw new PatchFailure('bad index');
  const i = Number(key);
  if (i > arr.length || (!forInsert && i === arr.length)) throw new PatchFailure('index out of range');
  return i;
}

/** A set element is addressed by its value. */
function setIndex(set: RegoSet, segment: unknown): number {
  const i = set.findIndex((element) => valuesEqual(element, segment));
  if (i < 0) throw new PatchFailure('missing');
  return i;
}

/** A deep copy that keeps sets sets (structuredClone would make them arrays). */
function copy(value: unknown): unknown {
  if (value instanceof RegoSet) return regoSet(value.map(copy));
  if (Array.isArray(value)) return value.map(copy);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  return value;
}

function getAt(doc: unknown, path: unknown[]): unknown {
  let node = doc;
  for (const segment of path) {
    if (node instanceof RegoSet) node = node[setIndex(node, segment)];
    else if (Array.isArray(node)) node = node[arrayIndex(node, segment, false)];
    else if (isObject(node) && Object.hasOwn(node, String(segment))) node = node[String(segment)];
    else throw new PatchFailure('missing');
  }
  return node;
}

/** Returns the new document (the root may be replaced). */
function setAt(doc: unknown, path: unknown[], value: unknown, mode: 'add' | 'replace'): unknown {
  if (path.length === 0) return value;
  const parent = getAt(doc, path.slice(0, -1));
  const segment = path[path.length - 1];
  if (parent instanceof RegoSet) {
    // OPA: the element's path segment is the element itself
    if (!valuesEqual(segment, value)) throw new PatchFailure('set element and path differ');
    if (mode === 'replace') setIndex(parent, segment);
    else if (!parent.some((element) => valuesEqual(element, value))) parent.push(value);
  } else if (Array.isArray(parent)) {
    const i = arrayIndex(parent, segment, mode === 'add');
    if (mode === 'add') parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObject(parent)) {
    const key = String(segment);
    if (mode === 'replace' && !Object.hasOwn(parent, key)) throw new PatchFailure('missing');
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    throw new PatchFailure('not a container');
  }
  return doc;
}

function removeAt(doc: unknown, path: unknown[]): unknown {
  if (path.length === 0) throw new PatchFailure('cannot remove the root');
  const parent = getAt(doc, path.slice(0, -1));
  const segment = path[path.length - 1];
  if (parent instanceof RegoSet) parent.splice(setIndex(parent, segment), 1);
  else if (Array.isArray(parent)) parent.splice(arrayIndex(parent, segment, false), 1);
  else if (isObject(parent) && Object.hasOwn(parent, String(segment))) delete parent[String(segment)];
  else throw new PatchFailure('missing');
  return doc;
}

function applyOperation(doc: unknown, op: JsonObject): unknown {
  const path = pointer(op.path);
  switch (op.op) {
    case 'add':
      if (!Object.hasOwn(op, 'value')) throw new PatchFailure('missing value');
      return setAt(doc, path, copy(op.value), 'add');
    case 'replace':
      if (!Object.hasOwn(op, 'value')) throw new PatchFailure('missing value');
      getAt(doc, path);
      return setAt(doc, path, copy(op.value), 'replace');
    case 'remove':
      return removeAt(doc, path);
    case 'move': {
      const from = pointer(op.from);
      if (from.length < path.length && from.every((s, i) => valuesEqual(s, path[i]))) throw new PatchFailure('move into own child');
      const value = getAt(doc, from);
      return setAt(removeAt(doc, from), path, value, 'add');
    }
    case 'copy':
      return setAt(doc, path, copy(getAt(doc, pointer(op.from))), 'add');
    case 'test': {
      if (!Object.hasOwn(op, 'value')) throw new PatchFailure('missing value');
      if (goJson(getAt(doc, path)) !== goJson(op.value)) throw new PatchFailure('test failed');
      return doc;
    }
    default:
      throw new PatchFailure('unknown op');
  }
}

/** RFC 6902 JSON Patch; paths may also be arrays of segments. A patch that cannot apply is undefined. */
function patch(doc: unknown, operations: unknown): unknown {
  ensureOneOf('json.patch', 2, operations, ['array']);
  let out = copy(doc);
  try {
    for (const op of operations as unknown[]) {
      if (!isObject(op)) throw typeError('json.patch', `operand 2 must be array of objects but got array containing ${typeNameOf(op)}`);
      out = applyOperation(out, op);
    }
  } catch (err) {
    if (err instanceof PatchFailure) return undefined;
    throw err;
  }
  return out;
}

export const jsonBuiltins = {
  'json.marshal': marshal,
  'json.marshal_with_options': marshalWithOptions,
  'json.unmarshal': unmarshal,
  'json.is_valid': isValid,
  'json.filter': filter,
  'json.remove': remove,
  'json.patch': patch,
};
