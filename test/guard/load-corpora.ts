import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { CorpusCase, CorpusFile } from './corpus-file.js';
import { corpus as secrets } from './corpora/secrets.js';

const corporaDir = join(dirname(fileURLToPath(import.meta.url)), 'corpora');

/** Every detector corpus: the YAML files plus the TypeScript ones. */
export function loadCorpora(): CorpusFile[] {
  const yamlCorpora = readdirSync(corporaDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => parse(readFileSync(join(corporaDir, name), 'utf8')) as CorpusFile);
  return [...yamlCorpora, secrets];
}

export function contextOf(corpus: CorpusFile, c: CorpusCase) {
  return { tool: c.tool ?? corpus.tool, ...c.context };
}
