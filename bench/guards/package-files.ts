import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of `file` in every installed package that has one, in package-name order (the same texts every run). */
export function packageFiles(root: string, file: string): string[] {
  const texts: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name, file);
    if (existsSync(path)) texts.push(readFileSync(path, 'utf8'));
  }
  return texts;
}
