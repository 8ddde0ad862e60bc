import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PinnedTool {
  /** The approved fingerprint. */
  hash: string;
  /** The approved definition's pinned parts, to show what changed. */
  definition: Record<string, unknown>;
  pinnedAt: string;
  approvedAt?: string;
  /** A definition seen since, differing from the pinned one, waiting for approval. */
  pending?: { hash: string; definition: Record<string, unknown>; seenAt: string };
}

export interface PinsFile {
  version: 1;
  server: string;
  tools: Record<string, PinnedTool>;
}

/** One file per server; the name is percent-encoded, so no server name can point outside the directory. */
export function pinsFilePath(directory: string, server: string): string {
  if (typeof server !== 'string' || server.length === 0) throw new Error('a server name is needed to pin its tools');
  return join(directory, `${encodeURIComponent(server).replace(/^\./, '%2E')}.json`);
}

export function readPinsFile(path: string, server: string): PinsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, server, tools: {} };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`pins file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const file = parsed as PinsFile;
  if (file === null || typeof file !== 'object' || file.version !== 1 || typeof file.tools !== 'object' || file.tools === null) {
    throw new Error(`pins file ${path} is not a version 1 pins file`);
  }
  return file;
}

/** Written to a temporary file and renamed over the old one, so a reader never sees half a file. */
export function writePinsFile(path: string, directory: string, file: PinsFile): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
}
