/**
 * A Rego set on the host: an array of its elements, so every builtin that
 * reads sets as arrays keeps working, that goes back to the policy as a set
 * (see host-values.ts). Methods that derive a new array (map, filter,
 * slice, concat) return plain arrays: only what a builtin builds as a set is one.
 */
export class RegoSet extends Array<unknown> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

/** A set of the given elements, in the order given (the policy side orders and deduplicates). */
export function regoSet(elements: Iterable<unknown>): RegoSet {
  const set = new RegoSet();
  for (const element of elements) set.push(element);
  return set;
}
