import type { ArgumentTraffic } from './traffic-profile.js';

/**
 * Learns where a path-like argument points: the folders its observed values
 * lie in, generalized at most to their first two levels (/home/alice/docs/a.txt
 * and /home/alice/code/b.ts give /home/alice).
 */
export type PathCondition =
  | { kind: 'within'; roots: string[] }
  | { kind: 'prefix'; prefixes: string[] }
  | { kind: 'none'; why: string };

const PATHISH_KEYS = new Set([
  'path', 'paths', 'file', 'files', 'filepath', 'filepaths', 'filename', 'dir', 'dirs', 'directory', 'directories',
  'folder', 'source', 'destination', 'src', 'dest', 'target', 'cwd', 'root', 'workdir', 'workingdirectory',
]);
const PATHISH_SUFFIXES = ['path', 'paths', 'dir', 'directory', 'file', 'folder'];
const SEPARATOR = /[\\/]/;
const PARENT_SEGMENT = /(^|[\\/])\.\.([\\/]|$)/;

function isPathishKey(key: string): boolean {
  const compact = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PATHISH_KEYS.has(compact) || PATHISH_SUFFIXES.some((suffix) => compact.endsWith(suffix));
}

function looksLikePath(value: string): boolean {
  return !/[\r\n]/.test(value) && /^(\/|~\/|\.\.?\/|[A-Za-z]:[\\/])/.test(value);
}

/** Every observed value is a path (and there is at least one). */
export function isPathArgument(argument: ArgumentTraffic): boolean {
  if (argument.hasOtherValues || argument.strings.length === 0) return false;
  // Under a path-like key even bare names count (the rule then explains why it learned no folder).
  if (isPathishKey(argument.key)) return argument.strings.every((value) => value !== '' && !value.includes('://') && !/[\r\n]/.test(value));
  return argument.strings.every(looksLikePath);
}

/** The folder part of a path, ending with its separator: "/srv/a/" for "/srv/a/x.txt"; undefined for a bare name. */
function folderOf(value: string): string | undefined {
  const last = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
  return last < 0 ? undefined : value.slice(0, last + 1);
}

/** The first two levels of a folder ("/home/alice/" of "/home/alice/docs/"), by which folders are grouped. */
function anchorOf(folder: string): string {
  let seen = 0;
  for (let i = 1; i < folder.length; i++) {
    if (SEPARATOR.test(folder[i]) && ++seen === 2) return folder.slice(0, i + 1);
  }
  return folder;
}

/** The longest prefix common to all folders that ends at a separator. */
function commonFolder(folders: string[]): string {
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    let i = 0;
    while (i < common.length && i < folder.length && common[i] === folder[i]) i++;
    common = common.slice(0, i);
  }
  const last = Math.max(common.lastIndexOf('/'), common.lastIndexOf('\\'));
  return common.slice(0, last + 1);
}

export function learnedFolders(values: string[]): string[] | undefined {
  const folders = values.map(folderOf);
  if (folders.some((folder) => folder === undefined)) return undefined;
  const groups = new Map<string, string[]>();
  for (const folder of folders as string[]) {
    const anchor = anchorOf(folder);
    groups.set(anchor, [...(groups.get(anchor) ?? []), folder]);
  }
  const learned = [...new Set([...groups.values()].map(commonFolder))].filter((folder) => folder !== '').sort();
  // Drop folders inside another learned folder.
  return learned.filter((folder) => !learned.some((other) => other !== folder && folder.startsWith(other)));
}

export function learnPathCondition(argument: ArgumentTraffic): PathCondition {
  const folders = learnedFolders(argument.strings);
  if (folders === undefined || folders.length === 0) return { kind: 'none', why: 'some values are bare names without a folder' };
  const absolute = argument.strings.every((value) => value.startsWith('/'));
  if (absolute && !argument.strings.some((value) => PARENT_SEGMENT.test(value))) {
    return { kind: 'within', roots: folders.map((folder) => (folder === '/' ? '/' : folder.slice(0, -1))) };
  }
  return { kind: 'prefix', prefixes: folders };
}
