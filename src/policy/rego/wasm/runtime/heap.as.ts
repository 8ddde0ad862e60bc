// The heap: one bump pointer over the imported linear memory. The ABI resets it
// (opa_heap_ptr_set) before every evaluation, which frees everything at once;
// nothing is ever freed individually.
import { fatal } from "./fatal.as";

/** Next free byte. Its initial value is patched by the linker to the end of the policy's static data. */
export let rt_heap_ptr: u32 = 0;

/** 8-byte aligned allocation; grows memory as needed. */
export function malloc(size: u32): u32 {
  const p = rt_heap_ptr;
  const end = p + ((size + 7) & ~7);
  if (end < p) fatal("out of memory");
  const have = (<u32>memory.size()) << 16;
  if (end > have) {
    const pages = ((end - have) + 0xffff) >>> 16;
    if (memory.grow(<i32>pages) < 0) fatal("out of memory");
  }
  rt_heap_ptr = end;
  return p;
}

export function mallocZeroed(size: u32): u32 {
  const p = malloc(size);
  memory.fill(p, 0, size);
  return p;
}

/**
 * Extend the allocation [p, p+oldSize) to newSize: in place when it is the last
 * allocation, else by copying. Returns the (possibly new) address.
 */
export function realloc(p: u32, oldSize: u32, newSize: u32): u32 {
  if (p + ((oldSize + 7) & ~7) == rt_heap_ptr && p != 0) {
    rt_heap_ptr = p;
    const q = malloc(newSize);
    return q;
  }
  const q = malloc(newSize);
  if (oldSize > 0) memory.copy(q, p, oldSize < newSize ? oldSize : newSize);
  return q;
}

export function heapGet(): u32 {
  return rt_heap_ptr;
}

export function heapSet(p: u32): void {
  rt_heap_ptr = p;
}
