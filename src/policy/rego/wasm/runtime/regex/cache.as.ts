// Compiled patterns by their source text, in the persistent region. A key is
// a kind byte followed by the source bytes. Entries: [u32 hash][u32 keyPtr][u32 keyLen][u32 compiled]
// where compiled == HOST marks a pattern left to the host.
// Every entry is dropped at once when the persistent region is flushed.
import { persistAlloc, persistFlush } from "../persist.as";
import { hashBytes } from "../string.as";

export const HOST: u32 = 1;
const SLOTS: u32 = 256;
const ENTRY: u32 = 16;

let table: u32 = 0;
let used: u32 = 0;

function ensureTable(): bool {
  if (table != 0) return true;
  table = persistAlloc(SLOTS * ENTRY);
  if (table == 0) return false;
  memory.fill(table, 0, SLOTS * ENTRY);
  used = 0;
  return true;
}

/** The compiled pattern of an entry (or HOST). */
export function entryCompiled(entry: u32): u32 {
  return load<u32>(entry, 12);
}

/** The entry's persistent copy of its key. */
export function entryKey(entry: u32): u32 {
  return load<u32>(entry, 4);
}

/** The entry for the key, or 0 if unknown. */
export function cacheGet(key: u32, n: u32): u32 {
  if (!ensureTable()) return 0;
  const h = hashBytes(key, n);
  let slot = h & (SLOTS - 1);
  for (let probe: u32 = 0; probe < SLOTS; probe++) {
    const e = table + slot * ENTRY;
    if (load<u32>(e, 4) == 0) return 0;
    if (load<u32>(e) == h && load<u32>(e, 8) == n && memory.compare(load<u32>(e, 4), key, n) == 0) return e;
    slot = (slot + 1) & (SLOTS - 1);
  }
  return 0;
}

/** Drops every compiled pattern (the persistent region is reused from its start). */
export function cacheFlush(): void {
  persistFlush();
  table = 0;
  ensureTable();
}

/** Records a compiled pattern (or HOST); returns the entry, or 0 if there is no room (flush and retry). */
export function cachePut(key: u32, n: u32, compiled: u32): u32 {
  if (!ensureTable()) return 0;
  if (used >= (SLOTS * 3) / 4) return 0;
  const copy = persistAlloc(n);
  if (copy == 0) return 0;
  memory.copy(copy, key, n);
  const h = hashBytes(key, n);
  let slot = h & (SLOTS - 1);
  while (load<u32>(table + slot * ENTRY, 4) != 0) slot = (slot + 1) & (SLOTS - 1);
  const e = table + slot * ENTRY;
  store<u32>(e, h);
  store<u32>(e, copy, 4);
  store<u32>(e, n, 8);
  store<u32>(e, compiled, 12);
  used++;
  return e;
}
