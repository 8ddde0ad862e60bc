// A region that survives the heap resets between evaluations: compiled
// regular expressions and globs live here, so patterns are compiled once per
// instance instead of once per evaluation. Reserved at instantiation (only
// when the policy uses them: the linker patches rt_persist_size) right below
// the heap. When full, everything in it is dropped at once (persistFlush).
import { heapGet, malloc } from "./heap.as";

/** Bytes to reserve; patched by the linker. */
export let rt_persist_size: u32 = 0;

let base: u32 = 0;
/** Everything below this address was allocated before the first evaluation and is never freed or changed. */
export let permanentEnd: u32 = 0;
let ptr: u32 = 0;
let end: u32 = 0;
/** Incremented by every flush, so holders of persistent pointers can notice. */
export let persistEpoch: u32 = 0;

export function persistInit(): void {
  if (rt_persist_size != 0) {
    base = malloc(rt_persist_size);
    ptr = base;
    end = base + rt_persist_size;
  }
  permanentEnd = heapGet();
}

/** 8-byte aligned persistent allocation; 0 when the region is full (or absent). */
export function persistAlloc(size: u32): u32 {
  const n = (size + 7) & ~7;
  if (base == 0 || n > end - ptr) return 0;
  const p = ptr;
  ptr += n;
  return p;
}

export function persistFlush(): void {
  ptr = base;
  persistEpoch++;
}
