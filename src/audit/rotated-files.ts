import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Rotated files sit beside the active log and are named after the sequence
 * number of their first event: audit.log.000000000001, audit.log.000000050001, ...
 * so a plain sort lists them in chain order, and the active file comes last.
 */
const SEQ_DIGITS = 12;

export function rotatedFileName(activePath: string, firstSeq: number): string {
  return `${activePath}.${String(firstSeq).padStart(SEQ_DIGITS, '0')}`;
}

/** Rotated files of `activePath`, oldest first. */
export async function listRotatedFiles(activePath: string): Promise<string[]> {
  const directory = dirname(activePath);
  const prefix = `${basename(activePath)}.`;
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map((name) => join(directory, name));
}

/** Every file of a log in chain order: the rotated ones, then the active file. */
export async function logFilesInOrder(activePath: string): Promise<string[]> {
  return [...(await listRotatedFiles(activePath)), activePath];
}
