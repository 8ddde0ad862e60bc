// Matching a compiled pattern: a DFA built lazily from the instructions, one
// state per set of instruction positions (plus what is known about the
// previous character). ASCII transitions are cached per byte class; other code
// points are stepped through the instructions each time. Everything is
// linear in the input, as RE2 guarantees.
//
// state: [u32 hash][u32 flags][u32 npcs][u32 endAccept][u32 trans * nclasses][u32 pcs * npcs]
import { malloc } from "../heap.as";
import { fatal } from "../fatal.as";
import { utf8Decode, utf8Width } from "../string.as";
import {
  INST_SIZE, OP_ANY, OP_ANYNL, OP_ASSERT, OP_CHAR, OP_CLASS, OP_JMP, OP_MATCH, OP_SPLIT, RE_ANCHORED, RE_NO_ASSERTIONS,
  TABLE_SLOTS, resetArena,
} from "./program.as";
import { A_BEGIN_LINE, A_BEGIN_TEXT, A_END_LINE, A_END_TEXT, A_NOT_WORD, A_WORD } from "./syntax.as";

const AT_START: u32 = 1;
const PREV_WORD: u32 = 2;
const PREV_NL: u32 = 4;
const EOF: u32 = 0xffffffff;
const MATCHED: u32 = 1;
const HEADER: u32 = 16;

function isWord(c: u32): bool {
  return c - 48 < 10 || c - 65 < 26 || c - 97 < 26 || c == 95;
}

function assertHolds(kind: u32, flags: u32, next: u32): bool {
  switch (kind) {
    case A_BEGIN_TEXT:
      return (flags & AT_START) != 0;
    case A_END_TEXT:
      return next == EOF;
    case A_BEGIN_LINE:
      return (flags & (AT_START | PREV_NL)) != 0;
    case A_END_LINE:
      return next == EOF || next == 10;
    case A_WORD:
      return ((flags & PREV_WORD) != 0) != (next != EOF && isWord(next));
    case A_NOT_WORD:
      return ((flags & PREV_WORD) != 0) == (next != EOF && isWord(next));
  }
  return false;
}

function classHas(pairs: u32, n: u32, c: u32): bool {
  let lo: u32 = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const p = pairs + (mid << 3);
    if (c < load<u32>(p)) hi = mid;
    else if (c > load<u32>(p, 4)) lo = mid + 1;
    else return true;
  }
  return false;
}

function consumes(inst: u32, c: u32): bool {
  switch (load<u32>(inst)) {
    case OP_CHAR:
      return load<u32>(inst, 4) == c;
    case OP_CLASS:
      return classHas(load<u32>(inst, 4), load<u32>(inst, 8), c);
    case OP_ANY:
      return c != 10;
    case OP_ANYNL:
      return true;
  }
  return false;
}

// Scratch for one transition: the closure (dense list + marks) and the next kernel.
let closureList: u32 = 0;
let closureCount: u32 = 0;
let marks: u32 = 0;
let stack: u32 = 0;
let nextList: u32 = 0;
let nextCount: u32 = 0;
let nextMarks: u32 = 0;

function scratch(ninst: u32): void {
  // sized per transition on the (transient) heap; only cache misses get here
  closureList = malloc(ninst << 2);
  marks = malloc(ninst);
  memory.fill(marks, 0, ninst);
  stack = malloc(ninst << 3);
  nextList = malloc((ninst + 1) << 2);
  nextMarks = malloc(ninst);
  memory.fill(nextMarks, 0, ninst);
}

/** Follows jumps, splits and the assertions that hold between the previous character and next. Returns whether MATCH is reached. */
function closure(re: u32, kernel: u32, n: u32, flags: u32, next: u32): bool {
  const insts = load<u32>(re, 4);
  closureCount = 0;
  let sp: u32 = 0;
  let matched = false;
  for (let i: u32 = 0; i < n; i++) store<u32>(stack + (sp++ << 2), load<u32>(kernel + (i << 2)));
  while (sp > 0) {
    const pc = load<u32>(stack + (--sp << 2));
    if (load<u8>(marks + pc) != 0) continue;
    store<u8>(marks + pc, 1);
    const inst = insts + pc * INST_SIZE;
    switch (load<u32>(inst)) {
      case OP_JMP:
        store<u32>(stack + (sp++ << 2), load<u32>(inst, 4));
        break;
      case OP_SPLIT:
        store<u32>(stack + (sp++ << 2), load<u32>(inst, 8));
        store<u32>(stack + (sp++ << 2), load<u32>(inst, 4));
        break;
      case OP_ASSERT:
        if (assertHolds(load<u32>(inst, 4), flags, next)) store<u32>(stack + (sp++ << 2), pc + 1);
        break;
      case OP_MATCH:
        matched = true;
        break;
      default:
        store<u32>(closureList + (closureCount++ << 2), pc);
    }
  }
  return matched;
}

function hashKernel(pcs: u32, n: u32, flags: u32): u32 {
  let h: u32 = 0x811c9dc5 ^ flags;
  for (let i: u32 = 0; i < n; i++) h = (h ^ load<u32>(pcs + (i << 2))) * 0x01000193;
  return h ^ (h >>> 15);
}

/** Set when findOrAdd had to drop the DFA: states held before are gone. */
let dropped = false;

function findOrAdd(re: u32, pcs: u32, n: u32, flags: u32): u32 {
  const h = hashKernel(pcs, n, flags);
  let table = load<u32>(re, 36);
  let slot = h & (TABLE_SLOTS - 1);
  for (let probe: u32 = 0; probe < TABLE_SLOTS; probe++) {
    const s = load<u32>(table + (slot << 2));
    if (s == 0) break;
    if (load<u32>(s) == h && load<u32>(s, 4) == flags && load<u32>(s, 8) == n) {
      const nclasses = load<u32>(re, 12);
      if (memory.compare(s + HEADER + (nclasses << 2), pcs, n << 2) == 0) return s;
    }
    slot = (slot + 1) & (TABLE_SLOTS - 1);
  }
  const nclasses = load<u32>(re, 12);
  const size = HEADER + ((nclasses + n) << 2);
  let ptr = load<u32>(re, 28);
  if (load<u32>(re, 32) >= (TABLE_SLOTS * 3) / 4 || ptr + size > load<u32>(re, 24)) {
    resetArena(re);
    dropped = true;
    table = load<u32>(re, 36);
    ptr = load<u32>(re, 28);
    slot = h & (TABLE_SLOTS - 1);
    if (ptr + size > load<u32>(re, 24)) return 0;
  }
  const s = ptr;
  store<u32>(re, ptr + ((size + 7) & ~7), 28);
  store<u32>(re, load<u32>(re, 32) + 1, 32);
  store<u32>(s, h);
  store<u32>(s, flags, 4);
  store<u32>(s, n, 8);
  store<u32>(s, 0, 12);
  memory.fill(s + HEADER, 0, nclasses << 2);
  memory.copy(s + HEADER + (nclasses << 2), pcs, n << 2);
  while (load<u32>(table + (slot << 2)) != 0) slot = (slot + 1) & (TABLE_SLOTS - 1);
  store<u32>(table + (slot << 2), s);
  return s;
}

/** The state after reading c in state s: MATCHED if a match ended before c, 0 if the DFA cannot hold it. */
function step(re: u32, s: u32, c: u32): u32 {
  const ninst = load<u32>(re);
  scratch(ninst);
  const nclasses = load<u32>(re, 12);
  const flags = load<u32>(s, 4);
  if (closure(re, s + HEADER + (nclasses << 2), load<u32>(s, 8), flags, c)) return MATCHED;
  const insts = load<u32>(re, 4);
  nextCount = 0;
  for (let i: u32 = 0; i < closureCount; i++) {
    const pc = load<u32>(closureList + (i << 2));
    if (consumes(insts + pc * INST_SIZE, c) && load<u8>(nextMarks + pc + 1) == 0) {
      store<u8>(nextMarks + pc + 1, 1);
      store<u32>(nextList + (nextCount++ << 2), pc + 1);
    }
  }
  const reFlags = load<u32>(re, 8);
  if ((reFlags & RE_ANCHORED) == 0 && load<u8>(nextMarks) == 0) store<u32>(nextList + (nextCount++ << 2), 0);
  // sort the kernel so equal sets are equal states
  for (let i: u32 = 1; i < nextCount; i++) {
    const v = load<u32>(nextList + (i << 2));
    let j = i;
    while (j > 0 && load<u32>(nextList + ((j - 1) << 2)) > v) {
      store<u32>(nextList + (j << 2), load<u32>(nextList + ((j - 1) << 2)));
      j--;
    }
    store<u32>(nextList + (j << 2), v);
  }
  // without assertions the previous character never matters: fewer, shared states
  const nflags = (reFlags & RE_NO_ASSERTIONS) != 0 ? 0 : (isWord(c) ? PREV_WORD : 0) | (c == 10 ? PREV_NL : 0);
  return findOrAdd(re, nextList, nextCount, nflags);
}

function acceptsAtEnd(re: u32, s: u32): bool {
  let known = load<u32>(s, 12);
  if (known == 0) {
    scratch(load<u32>(re));
    const nclasses = load<u32>(re, 12);
    known = closure(re, s + HEADER + (nclasses << 2), load<u32>(s, 8), load<u32>(s, 4), EOF) ? 2 : 1;
    store<u32>(s, known, 12);
  }
  return known == 2;
}

function startState(re: u32): u32 {
  let s = load<u32>(re, 40);
  if (s == 0) {
    const kernel = malloc(4);
    store<u32>(kernel, 0);
    s = findOrAdd(re, kernel, 1, (load<u32>(re, 8) & RE_NO_ASSERTIONS) != 0 ? 0 : AT_START);
    store<u32>(re, s, 40);
  }
  return s;
}

/** Whether the pattern matches anywhere in the UTF-8 text [p, p+n). */
export function regexMatches(re: u32, p: u32, n: u32): bool {
  const classMap = load<u32>(re, 16);
  const nclasses = load<u32>(re, 12);
  const anchored = (load<u32>(re, 8) & RE_ANCHORED) != 0;
  let start = startState(re);
  const nfirst = load<u32>(re, 44);
  const first = load<u32>(re, 48);
  let s = start;
  let i: u32 = 0;
  while (i < n) {
    if (s == start && nfirst != 0) {
      // nothing is under way: skip to the next byte a match can start with
      const b0 = first & 0xff;
      const b1 = nfirst > 1 ? (first >> 8) & 0xff : b0;
      const b2 = nfirst > 2 ? (first >> 16) & 0xff : b0;
      while (i < n) {
        const b = <u32>load<u8>(p + i);
        if (b == b0 || b == b1 || b == b2) break;
        i++;
      }
      if (i == n) break;
    }
    const b = <u32>load<u8>(p + i);
    let t: u32;
    if (b < 128) {
      const slot = s + HEADER + (<u32>load<u8>(classMap + b) << 2);
      t = load<u32>(slot);
      if (t == 0) {
        dropped = false;
        t = step(re, s, b);
        if (!dropped) store<u32>(slot, t);
        else start = startState(re); // the DFA was rebuilt: the old start state is gone
      }
      i++;
    } else {
      const c = utf8Decode(p + i, n - i);
      i += utf8Width;
      dropped = false;
      t = step(re, s, c);
      if (dropped) start = startState(re);
    }
    if (t == MATCHED) return true;
    if (t == 0) fatal("internal error: a DFA state does not fit its arena");
    s = t;
    if (anchored && load<u32>(s, 8) == 0) return false;
  }
  return acceptsAtEnd(re, s);
}
