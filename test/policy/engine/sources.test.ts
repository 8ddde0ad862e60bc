import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSources } from '../../../src/policy/engine/sources.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sources-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('collecting policy sources', () => {
  it('finds Rego modules at any depth and nests data files at their folder path', async () => {
    const root = tree({
      'a.rego': 'package a',
      'lib/b.rego': 'package lib.b',
      'data.json': '{"top": 1}',
      'limits/tools/data.yaml': 'max: 3\n',
      'README.md': 'ignored',
      '.hidden/c.rego': 'package hidden',
    });
    const sources = await collectSources([root]);
    expect(sources.modules.map((m) => m.file.slice(root.length + 1))).toEqual(['a.rego', 'lib/b.rego']);
    expect(sources.data).toEqual({ top: 1, limits: { tools: { max: 3 } } });
  });

  it('rejects data files that define the same key twice', async () => {
    const root = tree({ 'data.json': '{"x": {"y": 1}}', 'x/data.json': '{"y": 2}' });
    await expect(collectSources([root])).rejects.toThrow(/data conflicts at x.y/);
  });
});
