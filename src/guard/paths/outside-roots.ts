import { homedir } from 'node:os';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const driveLetter = /^[a-z]:(?=\/|$)/i;

/**
 * A path in one comparable form: backslashes as slashes (Windows servers read
 * either), a lower-cased drive letter, `~` expanded, `.`/`..` resolved.
 * Relative paths resolve against `base`.
 */
export function normalizePathForComparison(path: string, base = '/'): string {
  let p = path.startsWith('file:') ? fileUrlToPath(path) : path;
  p = p.replace(/\\/g, '/');
  if (p === '~' || p.startsWith('~/')) p = homedir().replace(/\\/g, '/') + p.slice(1);
  p = p.replace(driveLetter, (d) => '/' + d.toLowerCase());
  return posix.resolve(base.replace(/\\/g, '/').replace(driveLetter, (d) => '/' + d.toLowerCase()), p);
}

function fileUrlToPath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    throw new Error(`not a valid file URL: ${url}`);
  }
}

function isWithin(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(root + '/');
}

/**
 * True when `path` resolves outside every one of `roots` (directory paths or
 * file:// URIs, as MCP roots are given). Relative paths are tried against each
 * root. No root at all means nothing is inside. Symbolic links are not
 * followed: this is a check on the text of the path, made before any file is
 * touched.
 */
export function outsideRoots(path: string, roots: readonly string[]): boolean {
  if (path.includes('\0')) return true;
  const resolvedRoots = roots.map((root) => normalizePathForComparison(root));
  let absolute: string | undefined;
  try {
    const isAbsolute = /^(?:[\\/~]|[a-z]:(?:[\\/]|$)|file:)/i.test(path);
    if (isAbsolute) absolute = normalizePathForComparison(path);
    return !resolvedRoots.some((root) => isWithin(absolute ?? normalizePathForComparison(path, root), root));
  } catch {
    return true;
  }
}
