import { ensureArray } from './operands.js';

function flatten(array: unknown): unknown[] {
  const flat = (items: unknown[]): unknown[] => items.flatMap((v) => (Array.isArray(v) ? flat(v) : [v]));
  return flat(ensureArray('array.flatten', 1, array));
}

export const arrayBuiltins = {
  'array.flatten': flatten,
};
