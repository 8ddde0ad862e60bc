import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DirectoryResult, listDirectories, runDirectory } from './conformance/harness.js';

const ROOT = join(import.meta.dirname, '../../../../../shared/opa-conformance/v1');
const CORE = join(ROOT, '../core-dirs.txt');
const BASELINE: Record<string, number> = JSON.parse(readFileSync(join(import.meta.dirname, 'conformance/baseline.json'), 'utf8'));

describe.skipIf(!existsSync(ROOT))('host builtins against the OPA conformance cases (simple cases, direct calls)', () => {
  const core = new Set(readFileSync(CORE, 'utf8').split('\n').filter(Boolean));
  const results: DirectoryResult[] = listDirectories(ROOT).filter((d) => !core.has(d)).map((d) => runDirectory(ROOT, d));

  it('reports per-directory pass counts', () => {
    const rows = results.filter((r) => r.pass + r.fail > 0).map((r) => `${r.dir.padEnd(40)} ${String(r.pass).padStart(4)} pass ${String(r.fail).padStart(4)} fail ${String(r.unsupported).padStart(4)} not simple / ${r.total}`);
    const pass = results.reduce((n, r) => n + r.pass, 0);
    const fail = results.reduce((n, r) => n + r.fail, 0);
    const unsupported = results.reduce((n, r) => n + r.unsupported, 0);
    console.log(`${rows.join('\n')}\nTOTAL ${pass} pass, ${fail} fail, ${unsupported} not simple`);
    if (process.env.SHOW_FAILURES) {
      for (const r of results) for (const f of r.failures) console.log(`${r.dir} | ${f.note} | ${f.message}`);
    }
    expect(pass + fail + unsupported).toBe(results.reduce((n, r) => n + r.total, 0));
  });

  it('passes at least the committed baseline in every directory', () => {
    const below = results.filter((r) => r.pass < (BASELINE[r.dir] ?? 0)).map((r) => `${r.dir}: ${r.pass} < ${BASELINE[r.dir]}`);
    expect(below).toEqual([]);
  });
});
