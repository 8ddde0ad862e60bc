import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** toolgate's version from its package.json (the same file from src/ and dist/). */
export function toolgateVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
