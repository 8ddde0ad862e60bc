import { codeUnits } from './code-units.js';

/** Texts at least this long are converted through `codeUnits`' cache; shorter ones get a copy of their own. */
const cachedFrom = 4096;

/**
 * The code units of a text for a scan loop. Short texts (windows, the
 * stretches around a folded run) are copied without going through
 * `codeUnits`' cache of the last few texts, so scanning hundreds of them does
 * not push out the long argument every detector reads.
 */
export function scanUnits(text: string): Uint16Array {
  if (text.length >= cachedFrom) return codeUnits(text);
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}
