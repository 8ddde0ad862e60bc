// Array values: [type][_3][u32 len][u32 cap][u32 elemsPtr], elements are value addresses.
import { malloc } from "./heap.as";
import { T_ARRAY } from "./values.as";

export const ARRAY_SIZE: u32 = 16;

// @ts-ignore: decorator
@inline export function arrLen(a: u32): u32 {
  return load<u32>(a, 4);
}

// @ts-ignore: decorator
@inline export function arrGet(a: u32, i: u32): u32 {
  return load<u32>(load<u32>(a, 12) + (i << 2));
}

// @ts-ignore: decorator
@inline export function arrSet(a: u32, i: u32, v: u32): void {
  store<u32>(load<u32>(a, 12) + (i << 2), v);
}

export function arrNew(cap: u32): u32 {
  const a = malloc(ARRAY_SIZE + (cap << 2));
  store<u32>(a, T_ARRAY);
  store<u32>(a, 0, 4);
  store<u32>(a, cap, 8);
  store<u32>(a, a + ARRAY_SIZE, 12);
  return a;
}

/** An array of n elements, to be filled with arrSet. */
export function arrOfLength(n: u32): u32 {
  const a = arrNew(n);
  store<u32>(a, n, 4);
  return a;
}

export function arrPush(a: u32, v: u32): void {
  const len = load<u32>(a, 4);
  let cap = load<u32>(a, 8);
  if (len == cap) {
    cap = cap < 4 ? 8 : cap * 2;
    const elems = malloc(cap << 2);
    memory.copy(elems, load<u32>(a, 12), len << 2);
    store<u32>(a, elems, 12);
    store<u32>(a, cap, 8);
  }
  store<u32>(load<u32>(a, 12) + (len << 2), v);
  store<u32>(a, len + 1, 4);
}
