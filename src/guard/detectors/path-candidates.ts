import type { ScannedString } from './scanned-string.js';

/** Field names whose values are paths or locations: `path`, `file_path`, `targetDir`, `uri`, ... */
const pathWord = /^(?:path|paths|file|files|filename|filenames|filepath|filepaths|dir|dirs|directory|directories|folder|folders|src|source|sources|dest|destination|target|uri|uris|url|urls|location|root|roots|cwd|workdir|working_directory)$/;

function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words[words.length - 1] ?? '';
}

export function isPathFieldName(name: string | undefined): boolean {
  return name !== undefined && (pathWord.test(name.toLowerCase()) || pathWord.test(lastWord(name)));
}

const maxTokenLength = 4096;

/** Whether any part of this string can be a path at all (cheap: decides if decoding and normalizing are worth it). */
export function mayHoldPaths(scanned: ScannedString, reachesShell: boolean): boolean {
  return scanned.isKey || reachesShell || isPathFieldName(scanned.fieldName) || !/\s/.test(scanned.text.trim());
}

/**
 * The parts of a string that a server could use as a path: the whole string
 * for path-named fields and for single-token values; each whitespace-separated
 * token when the value reaches a shell. Prose, code and documents (strings with
 * spaces in fields not named for paths) are not paths, so a `../` in an import
 * statement or a markdown link is not reported.
 */
export function pathCandidates(text: string, scanned: ScannedString, reachesShell: boolean): string[] {
  if (scanned.isKey) return /\s/.test(text) ? [] : [text];
  if (isPathFieldName(scanned.fieldName) || !/\s/.test(text.trim())) return [text];
  if (!reachesShell) return [];
  const tokens: string[] = [];
  for (const token of text.split(/[\s;|&<>()`]+/)) {
    const bare = token.replace(/^["']+|["']+$/g, '');
    if (bare.length > 0 && bare.length <= maxTokenLength) tokens.push(bare);
  }
  return tokens;
}
