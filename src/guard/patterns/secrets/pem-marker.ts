/** The last text asked about: the private key and the public block scans ask about the same text one after the other. */
let last: { text: string; holds: boolean } | undefined;

/**
 * Whether `text` holds "BEGIN", which every PEM marker does: without it
 * neither private keys nor public blocks need looking for. One search per
 * text however many scans ask ("BEGIN" is much faster to look for than the
 * markers, whose dashes are common in text).
 */
export function holdsPemBegin(text: string): boolean {
  if (last === undefined || last.text !== text) last = { text, holds: text.includes('BEGIN') };
  return last.holds;
}
