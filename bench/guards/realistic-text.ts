import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFiles } from './package-files.js';

/**
 * About `bytes` of real text from the installed packages: READMEs (prose,
 * markdown, shell snippets, URLs, emails) and TypeScript declarations (code),
 * half and half, in a fixed order so every run scans the same text.
 */
export function realisticText(bytes: number, root = 'node_modules'): string {
  const readmes = packageFiles(root, 'README.md');
  const prose = readmes.join('\n\n').slice(0, bytes / 2);
  const code = readFileSync(join(root, 'typescript', 'lib', 'lib.dom.d.ts'), 'utf8').slice(0, bytes - prose.length);
  return prose + '\n' + code;
}
