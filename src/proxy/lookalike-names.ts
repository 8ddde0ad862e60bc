/**
 * Names that a lenient decoder on the server side could read as a different
 * name than toolgate does. Go's encoding/json matches object keys without
 * regard to case, with Unicode simple folding (so "ſ" matches "s" and the
 * Kelvin sign matches "k"); other stacks trim, normalize or stop at NUL.
 * toolgate refuses such names instead of guessing which reading the server uses.
 */

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** The name as a lenient decoder might compare it. */
export function foldName(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase().replace(/ſ/g, 's');
}

/** The first reserved name that `name` imitates without being it, if any. */
export function imitatedName(name: string, reserved: readonly string[]): string | undefined {
  if (reserved.includes(name)) return undefined;
  const folded = foldName(name);
  return reserved.find((candidate) => candidate === folded);
}

/** Case-folding as Go's encoding/json applies it to keys: two keys that fold alike are one field there. */
export function caseFoldKey(key: string): string {
  return key.toLowerCase().replace(/ſ/g, 's');
}
