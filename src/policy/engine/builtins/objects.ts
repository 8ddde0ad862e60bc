import { typeError } from './errors.js';
import { type JsonObject, ensureArray, ensureCollection, ensureObject, isObject, typeNameOf } from './operands.js';
import { valuesEqual } from './values.js';

/** Keys given as an object (its keys), a set or an array; JSON objects only have string keys. */
function keysOf(builtin: string, value: unknown): Set<string> {
  ensureCollection(builtin, 2, value, ['object', 'set', 'array']);
  const keys = isObject(value) ? Object.keys(value) : (value as unknown[]).filter((k): k is string => typeof k === 'string');
  return new Set(keys);
}

function keys(obj: unknown): string[] {
  return Object.keys(ensureObject('object.keys', 1, obj));
}

function filter(obj: unknown, wanted: unknown): JsonObject {
  const o = ensureObject('object.filter', 1, obj);
  const keep = keysOf('object.filter', wanted);
  return Object.fromEntries(Object.entries(o).filter(([k]) => keep.has(k)));
}

function remove(obj: unknown, unwanted: unknown): JsonObject {
  const o = ensureObject('object.remove', 1, obj);
  const drop = keysOf('object.remove', unwanted);
  return Object.fromEntries(Object.entries(o).filter(([k]) => !drop.has(k)));
}

/** Recursive merge; on conflicts the right-hand value wins unless both are objects. */
function merge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = isObject(out[k]) && isObject(v) ? merge(out[k] as JsonObject, v) : v;
  }
  return out;
}

function union(a: unknown, b: unknown): JsonObject {
  return merge(ensureObject('object.union', 1, a), ensureObject('object.union', 2, b));
}

function unionN(objects: unknown): JsonObject {
  const list = ensureArray('object.union_n', 1, objects);
  for (const o of list) {
    if (!isObject(o)) throw typeError('object.union_n', `operand 1 must be array of objects but got array containing ${typeNameOf(o)}`);
  }
  return (list as JsonObject[]).reduce(merge, {});
}

/** `sub` appears contiguously, in order, within `sup`. */
function isContiguous(sup: unknown[], sub: unknown[]): boolean {
  if (sub.length === 0) return true;
  for (let i = 0; i + sub.length <= sup.length; i++) {
    if (sub.every((v, j) => valuesEqual(sup[i + j], v))) return true;
  }
  return false;
}

/**
 * object.subset as OPA documents it: objects recursively, arrays as contiguous
 * runs. Sets reach the host as arrays, so a set operand is judged as an array.
 */
function isSubset(sup: unknown, sub: unknown): boolean {
  if (isObject(sup) && isObject(sub)) {
    return Object.entries(sub).every(([k, v]) => Object.hasOwn(sup, k) && (valuesEqual(sup[k], v) || (isObject(sup[k]) && isObject(v) && isSubset(sup[k], v))));
  }
  if (Array.isArray(sup) && Array.isArray(sub)) return isContiguous(sup, sub);
  return false;
}

function subset(sup: unknown, sub: unknown): boolean {
  ensureCollection('object.subset', 1, sup, ['object', 'set', 'array']);
  ensureCollection('object.subset', 2, sub, ['object', 'set', 'array']);
  return isSubset(sup, sub);
}

export const objectBuiltins = {
  'object.keys': keys,
  'object.filter': filter,
  'object.remove': remove,
  'object.union': union,
  'object.union_n': unionN,
  'object.subset': subset,
};
