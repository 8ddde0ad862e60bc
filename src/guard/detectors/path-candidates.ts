import { lookalikeTargets, separatorLookalikes } from '../paths/non-ascii-in-paths.js';
import { flaggableShellPathWords, shellPathWords } from '../paths/shell-path-words.js';
import { decodedLayers } from '../text/decode-escapes.js';
import { isAscii } from '../text/fold.js';
import { kernel, loadText } from '../text/kernels/kernel-memory.js';

/** Field names whose values are paths or locations: `path`, `file_path`, `targetDir`, `uri`, ... */
const pathWord = /^(?:path|paths|file|files|filename|filenames|filepath|filepaths|dir|dirs|directory|directories|folder|folders|src|source|sources|dest|destination|target|uri|uris|url|urls|location|root|roots|cwd|workdir|working_directory)$/;

function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words[words.length - 1] ?? '';
}

/** Field names seen so far (arguments repeat the same few names); emptied when it grows past `maxRemembered`. */
const pathFieldNames = new Map<string, boolean>();
const maxRemembered = 1024;

export function isPathFieldName(name: string | undefined): boolean {
  if (name === undefined) return false;
  let known = pathFieldNames.get(name);
  if (known === undefined) {
    known = pathWord.test(name.toLowerCase()) || pathWord.test(lastWord(name));
    if (pathFieldNames.size >= maxRemembered) pathFieldNames.clear();
    pathFieldNames.set(name, known);
  }
  return known;
}

export interface PathCandidateSource {
  text: string;
  isKey: boolean;
  fieldName: string | undefined;
  reachesShell: boolean;
}

/** A part of a string that a server could use as a path, and whether the path detectors could flag it without roots to resolve it against. */
export interface PathCandidate {
  text: string;
  mayBeFlagged: boolean;
}

const space = /\s/;
/** From this length on, the white space of a text past its first units is looked for by a kernel: a megabyte of base64 may have none for hundreds of kilobytes. */
const longText = 4096;
const nextSpace = kernel<(units: number, from: number, end: number) => number>('nextSpace');

/** Whether the text holds no white space once trimmed (what `\s` matches). */
function isSingleToken(text: string): boolean {
  if (text.length < longText) return !space.test(text.trim());
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const near = Math.min(end, start + longText);
  if (start >= end) return true;
  // Prose and code have white space near their start.
  if (space.test(text.slice(start, near))) return false;
  return near === end || nextSpace(loadText(text), near, end) === end;
}

/** The whole string when it is one candidate, [] when it has none, undefined when its candidates are the words of a shell command. */
function wholeCandidates(source: PathCandidateSource): string[] | undefined {
  const { text } = source;
  const singleToken = isSingleToken(text);
  if (source.isKey) return singleToken ? [text] : [];
  if (isPathFieldName(source.fieldName) || singleToken) return [text];
  return source.reachesShell ? undefined : [];
}

/**
 * The parts of a string that a server could use as a path: the whole string
 * for path-named fields, object keys and single-token values; each word when
 * the value reaches a shell. Prose, code and documents (strings with spaces in
 * fields not named for paths) are not paths, so a `../` in an import statement
 * or a markdown link is not reported.
 */
export function pathCandidates(source: PathCandidateSource): PathCandidate[] {
  return wholeCandidates(source)?.map((text) => ({ text, mayBeFlagged: true })) ?? shellPathWords(source.text);
}

/** The texts of the `pathCandidates` that may be flagged without roots: the others are never copied out of a shell command. */
export function flaggablePathCandidates(source: PathCandidateSource): string[] {
  return wholeCandidates(source) ?? flaggableShellPathWords(source.text);
}

/** One way a server could end up reading a candidate path, and how it got there (for the finding's detail). */
export interface PathForm {
  text: string;
  how: string;
}

/**
 * A candidate as sent, then with each layer of percent / `%u` / `\x` /
 * overlong-UTF-8 encoding peeled off, then (for non-ASCII) NFKC-normalized
 * with slash and dot look-alikes replaced.
 */
export function pathForms(candidate: string): PathForm[] {
  const forms: PathForm[] = [{ text: candidate, how: '' }];
  // Most candidates have no escape: looking for their introducers first skips the decoder's setup.
  if (candidate.includes('%') || candidate.includes('\\')) {
    decodedLayers(candidate).forEach((text, i) => forms.push({ text, how: ` after ${i + 1} layer${i ? 's' : ''} of decoding` }));
  }
  for (let i = 0, sent = forms.length; i < sent; i++) {
    const { text } = forms[i];
    if (isAscii(text)) continue;
    const normalized = text.normalize('NFKC').replace(separatorLookalikes, (c) => lookalikeTargets[c]);
    if (normalized !== text) forms.push({ text: normalized, how: ' after Unicode normalization' });
  }
  return forms;
}
