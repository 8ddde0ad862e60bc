/** The last text asked about: the private key and the public block scans ask about the same text one after the other. */
let last: { text: string; holds: boolean } | undefined;

/**
 * Whether `text` holds "BEGIN", which every PEM marker does: without it
 * neither private keys nor public blocks need looking for. One search per
 * text however many scans ask ("BEGIN" is much faster to look for than the
 * markers, whose dashes are common in text). "GIN" is looked for first:
 * `includes` stops at every unit whose low byte is that of the literal's
 * first character, and "B" shares it with the Cyrillic "т", one letter in
 * sixteen of Russian text ("G" with the rarer "ч").
 */
export function holdsPemBegin(text: string): boolean {
  if (last === undefined || last.text !== text) last = { text, holds: text.includes('GIN') && text.includes('BEGIN') };
  return last.holds;
}
