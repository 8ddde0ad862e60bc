// AST -> a compiled pattern in the persistent region: Thompson-style
// instructions, ASCII byte classes, and an arena for the lazily built DFA.
//
// instruction: [u32 op][u32 x][u32 y]
// compiled:    [u32 ninst][u32 insts][u32 flags][u32 nclasses][u32 classMap]
//              [u32 arenaBase][u32 arenaEnd][u32 arenaPtr][u32 nstates][u32 table][u32 startState]
//              [u32 first-byte count][u32 first bytes, packed]
import { malloc } from "../heap.as";
import { persistAlloc } from "../persist.as";
import {
  A_BEGIN_LINE, A_BEGIN_TEXT, A_END_LINE, A_NOT_WORD, A_WORD, INF, N_ALT, N_ANY, N_ASSERT, N_CLASS, N_CONCAT, N_EMPTY, N_LIT,
  N_REPEAT,
} from "./syntax.as";

export const OP_CHAR: u32 = 1;
export const OP_CLASS: u32 = 2;
export const OP_ANY: u32 = 3;
export const OP_ANYNL: u32 = 4;
export const OP_SPLIT: u32 = 5;
export const OP_JMP: u32 = 6;
export const OP_ASSERT: u32 = 7;
export const OP_MATCH: u32 = 8;

export const INST_SIZE: u32 = 12;
export const RE_SIZE: u32 = 52;
/** flags: the pattern starts with \A or ^ */
export const RE_ANCHORED: u32 = 1;
/** flags: no assertions at all, so what preceded a position never matters */
export const RE_NO_ASSERTIONS: u32 = 2;
export const TABLE_SLOTS: u32 = 128;
const MAX_INST: u32 = 5000;
const ARENA_MIN: u32 = 8192;

let code: u32 = 0;
let count: u32 = 0;
let cap: u32 = 0;
let tooBig = false;
/** Set when compileRegex failed for lack of persistent space (flush and retry), not because of the pattern. */
export let outOfSpace = false;
let usesWord = false;
let usesLines = false;
let usesAsserts = false;

function emit(op: u32, x: u32, y: u32): u32 {
  if (count == cap) {
    const ncap = cap * 2;
    const ncode = malloc(ncap * INST_SIZE);
    memory.copy(ncode, code, count * INST_SIZE);
    code = ncode;
    cap = ncap;
  }
  if (count >= MAX_INST) tooBig = true;
  const at = code + count * INST_SIZE;
  store<u32>(at, op);
  store<u32>(at, x, 4);
  store<u32>(at, y, 8);
  return count++;
}

function patchY(i: u32, y: u32): void {
  store<u32>(code + i * INST_SIZE, y, 8);
}

function compileNode(n: u32): void {
  if (tooBig) return;
  const kind = load<u32>(n);
  const a = load<u32>(n, 4);
  const b = load<u32>(n, 8);
  switch (kind) {
    case N_LIT:
      emit(OP_CHAR, a, 0);
      return;
    case N_CLASS:
      emit(OP_CLASS, a, 0);
      return;
    case N_ANY:
      emit(a != 0 ? OP_ANYNL : OP_ANY, 0, 0);
      return;
    case N_EMPTY:
      return;
    case N_CONCAT:
      for (let i: u32 = 0; i < b; i++) compileNode(load<u32>(a + (i << 2)));
      return;
    case N_ALT: {
      const jumps = malloc(b << 2);
      for (let i: u32 = 0; i < b; i++) {
        if (i + 1 < b) {
          const split = emit(OP_SPLIT, count + 1, 0);
          compileNode(load<u32>(a + (i << 2)));
          store<u32>(jumps + (i << 2), emit(OP_JMP, 0, 0));
          patchY(split, count);
        } else {
          compileNode(load<u32>(a + (i << 2)));
        }
      }
      for (let i: u32 = 0; i + 1 < b; i++) store<u32>(code + load<u32>(jumps + (i << 2)) * INST_SIZE, count, 4);
      return;
    }
    case N_REPEAT: {
      const min = b;
      const max = load<u32>(n, 12);
      if (max == INF) {
        if (min == 0) {
          const split = emit(OP_SPLIT, count + 1, 0);
          compileNode(a);
          emit(OP_JMP, split, 0);
          patchY(split, count);
        } else {
          for (let i: u32 = 0; i + 1 < min; i++) compileNode(a);
          const loop = count;
          compileNode(a);
          emit(OP_SPLIT, loop, count + 1);
        }
        return;
      }
      for (let i: u32 = 0; i < min; i++) compileNode(a);
      const optional = max - min;
      if (optional == 0) return;
      const splits = malloc(optional << 2);
      for (let i: u32 = 0; i < optional; i++) {
        store<u32>(splits + (i << 2), emit(OP_SPLIT, count + 1, 0));
        compileNode(a);
      }
      for (let i: u32 = 0; i < optional; i++) patchY(load<u32>(splits + (i << 2)), count);
      return;
    }
    case N_ASSERT:
      usesAsserts = true;
      if (a == A_WORD || a == A_NOT_WORD) usesWord = true;
      if (a == A_BEGIN_LINE || a == A_END_LINE) usesLines = true;
      emit(OP_ASSERT, a, 0);
      return;
  }
}

function startsAnchored(n: u32): bool {
  const kind = load<u32>(n);
  if (kind == N_ASSERT) return load<u32>(n, 4) == A_BEGIN_TEXT;
  if (kind == N_CONCAT && load<u32>(n, 8) > 0) return startsAnchored(load<u32>(load<u32>(n, 4)));
  return false;
}

/** Marks the ASCII class boundaries of a range list. */
function markRanges(bounds: u32, r: u32): void {
  const n = load<u32>(r);
  const p = load<u32>(r, 8);
  for (let i: u32 = 0; i < n; i++) {
    const lo = load<u32>(p + (i << 3));
    const hi = load<u32>(p + (i << 3), 4);
    if (lo < 128) store<u8>(bounds + lo, 1);
    if (hi + 1 < 128) store<u8>(bounds + hi + 1, 1);
  }
}

function mark(bounds: u32, lo: u32, hi: u32): void {
  store<u8>(bounds + lo, 1);
  if (hi + 1 < 128) store<u8>(bounds + hi + 1, 1);
}

function noSpace(): u32 {
  outOfSpace = true;
  return 0;
}

/** Compiles an AST; 0 if the program is too large or the persistent region is full (outOfSpace). */
export function compileRegex(ast: u32): u32 {
  cap = 64;
  code = malloc(cap * INST_SIZE);
  count = 0;
  tooBig = false;
  usesWord = false;
  usesLines = false;
  usesAsserts = false;
  outOfSpace = false;
  compileNode(ast);
  emit(OP_MATCH, 0, 0);
  if (tooBig) return 0;

  // ASCII byte classes: bytes no instruction tells apart share a DFA column
  const bounds = malloc(128);
  memory.fill(bounds, 0, 128);
  store<u8>(bounds, 1);
  for (let i: u32 = 0; i < count; i++) {
    const at = code + i * INST_SIZE;
    const op = load<u32>(at);
    if (op == OP_CHAR && load<u32>(at, 4) < 128) mark(bounds, load<u32>(at, 4), load<u32>(at, 4));
    else if (op == OP_CLASS) markRanges(bounds, load<u32>(at, 4));
    else if (op == OP_ANY) mark(bounds, 10, 10);
  }
  if (usesLines) mark(bounds, 10, 10);
  if (usesWord) {
    mark(bounds, 48, 57);
    mark(bounds, 65, 90);
    mark(bounds, 95, 95);
    mark(bounds, 97, 122);
  }
  let nclasses: u32 = 0;
  const classMap = persistAlloc(128);
  if (classMap == 0) return noSpace();
  for (let c: u32 = 0; c < 128; c++) {
    if (load<u8>(bounds + c) != 0) nclasses++;
    store<u8>(classMap + c, <u8>(nclasses - 1));
  }

  // instructions, with class ranges copied next to them
  const insts = persistAlloc(count * INST_SIZE);
  if (insts == 0) return noSpace();
  memory.copy(insts, code, count * INST_SIZE);
  for (let i: u32 = 0; i < count; i++) {
    const at = insts + i * INST_SIZE;
    if (load<u32>(at) != OP_CLASS) continue;
    const r = load<u32>(at, 4);
    const n = load<u32>(r);
    const pairs = persistAlloc(n << 3);
    if (pairs == 0 && n > 0) return noSpace();
    memory.copy(pairs, load<u32>(r, 8), n << 3);
    store<u32>(at, pairs, 4);
    store<u32>(at, n, 8);
  }

  const arenaSize = ARENA_MIN + count * 32;
  const arena = persistAlloc(arenaSize);
  const re = persistAlloc(RE_SIZE);
  if (arena == 0 || re == 0) return noSpace();
  store<u32>(re, count);
  store<u32>(re, insts, 4);
  store<u32>(re, (startsAnchored(ast) ? RE_ANCHORED : 0) | (usesAsserts ? 0 : RE_NO_ASSERTIONS), 8);
  firstBytes(re, insts, count);
  store<u32>(re, nclasses, 12);
  store<u32>(re, classMap, 16);
  store<u32>(re, arena, 20);
  store<u32>(re, arena + arenaSize, 24);
  resetArena(re);
  return re;
}

/**
 * The (at most 3) ASCII bytes a match can start with, when that is all of
 * them: the matcher then skips to the next such byte instead of stepping
 * through every byte that leads nowhere. Only for patterns without
 * assertions that cannot match the empty string.
 */
function firstBytes(re: u32, insts: u32, ninst: u32): void {
  store<u32>(re, 0, 44);
  if (usesAsserts) return;
  const seen = malloc(ninst);
  memory.fill(seen, 0, ninst);
  const stack = malloc(ninst << 2);
  let sp: u32 = 1;
  store<u32>(stack, 0);
  let count: u32 = 0;
  let packed: u32 = 0;
  while (sp > 0) {
    const pc = load<u32>(stack + (--sp << 2));
    if (load<u8>(seen + pc) != 0) continue;
    store<u8>(seen + pc, 1);
    const at = insts + pc * INST_SIZE;
    const op = load<u32>(at);
    if (op == OP_JMP) {
      store<u32>(stack + (sp++ << 2), load<u32>(at, 4));
    } else if (op == OP_SPLIT) {
      store<u32>(stack + (sp++ << 2), load<u32>(at, 4));
      store<u32>(stack + (sp++ << 2), load<u32>(at, 8));
    } else if (op == OP_CHAR || op == OP_CLASS) {
      let lo = load<u32>(at, 4);
      let hi = lo;
      let ranges: u32 = 1;
      let pairs: u32 = 0;
      if (op == OP_CLASS) {
        pairs = load<u32>(at, 4);
        ranges = load<u32>(at, 8);
      }
      for (let r: u32 = 0; r < ranges; r++) {
        if (op == OP_CLASS) {
          lo = load<u32>(pairs + (r << 3));
          hi = load<u32>(pairs + (r << 3), 4);
        }
        if (hi >= 128 || hi - lo + count >= 3) return;
        for (let c = lo; c <= hi; c++) {
          packed |= c << (count * 8);
          count++;
        }
      }
    } else {
      return; // any character, or an empty match
    }
  }
  store<u32>(re, count, 44);
  store<u32>(re, packed, 48);
}

/** Drops every DFA state of a compiled pattern. */
export function resetArena(re: u32): void {
  const arena = load<u32>(re, 20);
  memory.fill(arena, 0, TABLE_SLOTS << 2);
  store<u32>(re, arena + (TABLE_SLOTS << 2), 28);
  store<u32>(re, 0, 32);
  store<u32>(re, arena, 36);
  store<u32>(re, 0, 40);
}
