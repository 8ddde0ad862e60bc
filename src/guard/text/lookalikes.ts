import { createRequire } from 'node:module';

/**
 * Unicode TR39 confusables (from the unhomoglyph package's data): one
 * non-ASCII character, lower case, to the ASCII-looking text it imitates.
 * ASCII keys are left out: the table also maps ASCII to ASCII (`m` to `rn`,
 * `1` to `l`) for its own skeleton algorithm, which would garble ordinary text.
 */
export const lookalikeOf = new Map<string, string>();
const confusables: Record<string, string> = createRequire(import.meta.url)('unhomoglyph/data.json');
for (const [from, to] of Object.entries(confusables)) {
  if (/^[\x00-\x7f]*$/.test(from)) continue;
  // The skeleton writes "m" as "rn"; matching wants the letter back.
  lookalikeOf.set(from, to === 'rn' ? 'm' : to.toLowerCase());
}
